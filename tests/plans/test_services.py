"""The care plan lifecycle in the services, and the model's guard on frozen versions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.exceptions import (
    ConflictError,
    IllegalTransition,
    PermissionDeniedError,
    VersionMismatch,
)
from apps.interventions.choices import InterventionStatus
from apps.plans.choices import PlanVersionStatus
from apps.plans.models import CarePlan, CarePlanVersion, FrozenVersionError
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_return,
    plan_version_submit,
    plan_version_update,
)
from tests.factories import CarePlanFactory, CarePlanVersionFactory, GoalFactory, UserFactory
from tests.plans.factories import fill_plan


def reload(version):
    return CarePlanVersion.objects.get(pk=version.pk)


def approved_version(world, recipient=None):
    recipient = recipient or world.alma
    draft = plan_start_draft(actor=world.staff_a, recipient=recipient)
    plan_version_submit(actor=world.staff_a, version=draft)
    return plan_version_approve(actor=world.manager, version=draft)


class TestFullFlow:
    def test_draft_submit_return_resubmit_approve_then_a_second_version_supersedes_the_first(
        self, world
    ):
        content = fill_plan(world.alma, size=2)
        v1 = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert (v1.number, v1.status, v1.version, v1.created_by) == (1, "draft", 1, world.staff_a)
        assert CarePlan.objects.get(recipient=world.alma) == v1.plan

        v1 = plan_version_update(actor=world.staff_a, version=v1, summary="Alma vill sova.")
        v1 = plan_version_submit(actor=world.staff_a, version=v1, expected_version=2)
        assert v1.status == "submitted" and v1.submitted_by == world.staff_a
        assert v1.submitted_at is not None

        v1 = plan_version_return(
            actor=world.manager, version=v1, comment="  Beskriv nattens rutiner.  "
        )
        assert v1.status == "returned"
        assert v1.review_comment == "Beskriv nattens rutiner."
        assert v1.reviewed_by == world.manager and v1.reviewed_at is not None
        assert v1.snapshot is None

        v1 = plan_version_update(actor=world.staff_a, version=v1, summary="Alma vill sova ostört.")
        v1 = plan_version_submit(actor=world.staff_a, version=v1)
        v1 = plan_version_approve(actor=world.manager, version=v1, comment="Bra.")
        v1 = reload(v1)
        assert v1.status == "approved" and v1.review_comment == "Bra."
        assert v1.version == 7
        frozen = v1.snapshot
        assert [g["own_words"] for g in frozen["goals"]] == ["Mål 0", "Mål 1"]

        # The plan changes after approval: the approved version does not.
        content.goals[0].own_words = "Sova hela natten"
        content.goals[0].save()
        content.interventions[1].status = InterventionStatus.ENDED
        content.interventions[1].save()
        GoalFactory(recipient=world.alma, own_words="Gå ut varje dag")

        v2 = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert (v2.number, v2.status, v2.summary) == (2, "draft", "Alma vill sova ostört.")
        plan_version_submit(actor=world.staff_a, version=v2)
        v2 = plan_version_approve(actor=world.manager, version=v2)

        v1 = reload(v1)
        assert v1.status == "superseded" and v1.version == 8
        assert v1.snapshot == frozen
        assert reload(v2).status == "approved"
        assert [g["own_words"] for g in reload(v2).snapshot["goals"]] == [
            "Sova hela natten",
            "Mål 1",
            "Gå ut varje dag",
        ]

    def test_a_third_approval_supersedes_only_the_version_in_force(self, world):
        approved_version(world)
        approved_version(world)
        approved_version(world)
        statuses = dict(
            CarePlanVersion.objects.filter(plan__recipient=world.alma).values_list(
                "number", "status"
            )
        )
        assert statuses == {1: "superseded", 2: "superseded", 3: "approved"}

    def test_a_manager_may_approve_a_version_they_submitted_themselves(self, world):
        draft = plan_start_draft(actor=world.manager, recipient=world.alma)
        plan_version_submit(actor=world.manager, version=draft)
        approved = plan_version_approve(actor=world.manager, version=draft)
        assert approved.submitted_by == approved.reviewed_by == world.manager


class TestStartDraft:
    def test_a_second_open_version_is_refused_with_409(self, world):
        first = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        for step in (None, "submit", "return"):
            if step == "submit":
                plan_version_submit(actor=world.staff_a, version=first)
            if step == "return":
                plan_version_return(actor=world.manager, version=first, comment="Mer.")
            with pytest.raises(ConflictError) as exc:
                plan_start_draft(actor=world.staff_a, recipient=world.alma)
            assert exc.value.extra["open_version"] == str(first.pk)
        assert CarePlanVersion.objects.filter(plan__recipient=world.alma).count() == 1

    def test_the_database_refuses_two_open_versions_too(self, world):
        plan = CarePlanFactory(recipient=world.alma)
        CarePlanVersionFactory(plan=plan, number=1, status=PlanVersionStatus.DRAFT)
        with pytest.raises(IntegrityError), transaction.atomic():
            CarePlanVersionFactory(plan=plan, number=2, status=PlanVersionStatus.SUBMITTED)

    def test_closed_versions_do_not_count_as_open_in_the_database(self, world):
        plan = CarePlanFactory(recipient=world.alma)
        CarePlanVersionFactory(plan=plan, number=1, status="superseded", snapshot={})
        CarePlanVersionFactory(plan=plan, number=2, status="approved", snapshot={})
        CarePlanVersionFactory(plan=plan, number=3, status="draft")
        assert plan.versions.count() == 3

    def test_a_first_draft_has_an_empty_summary(self, world):
        assert plan_start_draft(actor=world.staff_a, recipient=world.alma).summary == ""

    def test_roles_outside_care_may_not_start_a_plan(self, world):
        with pytest.raises(PermissionDeniedError):
            plan_start_draft(actor=world.admin_user, recipient=world.alma)
        with pytest.raises(PermissionDeniedError):
            plan_start_draft(actor=world.staff_b, recipient=world.alma)
        assert not CarePlan.objects.exists()


class TestUpdate:
    def test_a_stale_version_is_refused_and_nothing_changes(self, world):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        plan_version_update(actor=world.staff_a, version=draft, expected_version=1, summary="A")
        with pytest.raises(VersionMismatch) as exc:
            plan_version_update(actor=world.staff_a, version=draft, expected_version=1, summary="B")
        assert exc.value.extra == {"current_version": 2}
        assert reload(draft).summary == "A"

    def test_an_oversize_summary_is_refused_naming_the_field(self, world):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        with pytest.raises(ValidationError) as exc:
            plan_version_update(actor=world.staff_a, version=draft, summary="x" * 8001)
        assert "summary" in exc.value.message_dict
        assert reload(draft).summary == "" and reload(draft).version == 1

    def test_staff_of_another_unit_may_not_edit(self, world):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        with pytest.raises(PermissionDeniedError):
            plan_version_update(actor=world.staff_b, version=draft, summary="B")


ILLEGAL = [
    # (status the version is brought to, service, allowed actions for the manager)
    ("submitted", "update", ["approve", "return"]),
    ("submitted", "submit", ["approve", "return"]),
    ("draft", "approve", ["update", "submit"]),
    ("draft", "return", ["update", "submit"]),
    ("returned", "approve", ["update", "submit"]),
    ("returned", "return", ["update", "submit"]),
    ("approved", "update", []),
    ("approved", "submit", []),
    ("approved", "approve", []),
    ("approved", "return", []),
    ("superseded", "update", []),
    ("superseded", "submit", []),
    ("superseded", "approve", []),
    ("superseded", "return", []),
]


def bring_to(world, status):
    draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
    if status == "draft":
        return draft
    plan_version_submit(actor=world.staff_a, version=draft)
    if status == "returned":
        return plan_version_return(actor=world.manager, version=draft, comment="Mer.")
    if status == "submitted":
        return reload(draft)
    plan_version_approve(actor=world.manager, version=draft)
    if status == "superseded":
        approved_version(world)
    return reload(draft)


def act(action, actor, version):
    if action == "update":
        return plan_version_update(actor=actor, version=version, summary="Ny text")
    if action == "submit":
        return plan_version_submit(actor=actor, version=version)
    if action == "approve":
        return plan_version_approve(actor=actor, version=version)
    return plan_version_return(actor=actor, version=version, comment="Mer.")


class TestIllegalTransitions:
    @pytest.mark.parametrize(("status", "action", "allowed"), ILLEGAL)
    def test_it_refuses_with_the_current_status_and_the_allowed_actions(
        self, world, status, action, allowed
    ):
        version = bring_to(world, status)
        assert version.status == status
        before = (version.version, version.summary, version.snapshot)
        with pytest.raises(IllegalTransition) as exc:
            act(action, world.manager, version)
        assert exc.value.extra == {"current_status": status, "allowed_actions": allowed}
        after = reload(version)
        assert (after.status, after.version, after.summary, after.snapshot) == (status, *before)

    def test_allowed_actions_are_those_of_the_actor(self, world):
        version = bring_to(world, "submitted")
        with pytest.raises(IllegalTransition) as exc:
            plan_version_submit(actor=world.staff_a, version=version)
        assert exc.value.extra["allowed_actions"] == []  # care staff do not review


class TestReview:
    @pytest.mark.parametrize("action", ["approve", "return"])
    def test_care_staff_and_assessors_may_not_review(self, world, action):
        version = bring_to(world, "submitted")
        for actor in (world.staff_a, world.assessor_a, world.admin_user):
            with pytest.raises(PermissionDeniedError):
                act(action, actor, version)
        assert reload(version).status == "submitted"

    def test_a_manager_of_another_unit_who_sees_the_person_may_not_approve(self, world, people):
        version = bring_to(world, "submitted")
        with pytest.raises(PermissionDeniedError):
            plan_version_approve(actor=people.staff_a_manager_b, version=version)

    def test_a_superuser_may_approve(self, world):
        version = bring_to(world, "submitted")
        root = UserFactory(username="root", is_superuser=True)
        assert plan_version_approve(actor=root, version=version).status == "approved"

    @pytest.mark.parametrize("comment", ["", "   ", None])
    def test_return_without_a_comment_is_refused_naming_the_field(self, world, comment):
        version = bring_to(world, "submitted")
        with pytest.raises(ValidationError) as exc:
            plan_version_return(actor=world.manager, version=version, comment=comment)
        assert "comment" in exc.value.message_dict
        assert reload(version).status == "submitted"

    def test_an_oversize_comment_is_refused(self, world):
        version = bring_to(world, "submitted")
        with pytest.raises(ValidationError) as exc:
            plan_version_approve(actor=world.manager, version=version, comment="x" * 4001)
        assert "comment" in exc.value.message_dict
        assert reload(version).status == "submitted" and reload(version).snapshot is None

    def test_a_stale_approval_is_refused_with_412(self, world):
        version = bring_to(world, "submitted")
        with pytest.raises(VersionMismatch):
            plan_version_approve(actor=world.manager, version=version, expected_version=1)
        assert reload(version).status == "submitted"

    def test_a_failed_approval_leaves_the_version_in_force_untouched(self, world):
        v1 = approved_version(world)
        v2 = bring_to_next_submitted(world)
        with pytest.raises(ValidationError):
            plan_version_approve(actor=world.manager, version=v2, comment="x" * 4001)
        assert reload(v1).status == "approved"


def bring_to_next_submitted(world):
    draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
    return plan_version_submit(actor=world.staff_a, version=draft)


class TestFrozenVersionGuard:
    def test_changing_the_summary_of_an_approved_version_is_refused(self, world):
        version = reload(approved_version(world))
        version.summary = "Ändrad i efterhand"
        with pytest.raises(FrozenVersionError) as exc:
            version.save()
        assert exc.value.extra["changed_fields"] == ["summary"]
        assert reload(version).summary == ""

    def test_changing_the_snapshot_of_an_approved_version_is_refused(self, world):
        version = reload(approved_version(world))
        version.snapshot = {**version.snapshot, "goals": [{"id": "tillagt i efterhand"}]}
        with pytest.raises(FrozenVersionError):
            version.save()

    def test_an_approved_version_cannot_be_reopened(self, world):
        version = reload(approved_version(world))
        version.status = PlanVersionStatus.DRAFT
        with pytest.raises(FrozenVersionError):
            version.save()

    def test_a_superseded_version_never_changes(self, world):
        version = reload(approved_version(world))
        approved_version(world)
        version = reload(version)
        version.review_comment = "Ny kommentar"
        with pytest.raises(FrozenVersionError):
            version.save()
        version = reload(version)
        version.status = PlanVersionStatus.APPROVED
        with pytest.raises(FrozenVersionError):
            version.save()

    def test_moving_on_to_superseded_and_saving_unchanged_are_allowed(self, world):
        version = reload(approved_version(world))
        version.save()  # nothing changed
        version.status = PlanVersionStatus.SUPERSEDED
        version.version += 1
        version.save()
        assert reload(version).status == "superseded"

    def test_a_frozen_version_cannot_be_deleted_but_a_draft_can(self, world):
        version = approved_version(world)
        with pytest.raises(FrozenVersionError):
            reload(version).delete()
        assert CarePlanVersion.objects.filter(pk=version.pk).exists()
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        draft.delete()
        assert not CarePlanVersion.objects.filter(pk=draft.pk).exists()
