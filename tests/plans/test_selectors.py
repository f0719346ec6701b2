"""Reads: the review queue, a person's versions, the preview and the diff."""

from apps.organisations.choices import Role
from apps.plans.selectors import (
    plan_diff_since_last_approved,
    plan_preview,
    plan_versions_for,
    plans_to_review,
)
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import GoalFactory, MembershipFactory, ProtectedIdentityGrantFactory
from tests.plans.factories import fill_plan


def submitted(world, recipient, actor=None):
    actor = actor or world.manager
    draft = plan_start_draft(actor=actor, recipient=recipient)
    return plan_version_submit(actor=actor, version=draft)


def approved(world, recipient):
    return plan_version_approve(actor=world.manager, version=submitted(world, recipient))


class TestPlansToReview:
    def test_it_lists_submitted_versions_of_the_managed_units_oldest_first(self, world):
        first = submitted(world, world.bo)
        second = submitted(world, world.alma)
        third = submitted(world, world.hemlig)
        submitted(world, world.other_org_person, actor=world.outsider)  # another organisation
        assert list(plans_to_review(user=world.manager)) == [first, second, third]

    def test_drafts_returned_and_approved_versions_are_not_waiting(self, world):
        approved(world, world.alma)
        plan_start_draft(actor=world.manager, recipient=world.bo)
        assert list(plans_to_review(user=world.manager)) == []

    def test_a_manager_sees_only_the_units_they_manage_not_those_they_just_see(self, world, people):
        in_a = submitted(world, world.alma)
        in_b = submitted(world, world.bo)
        # staff_a_manager_b sees Alma (care staff in A) but manages only B.
        assert list(plans_to_review(user=people.staff_a_manager_b)) == [in_b]
        assert list(plans_to_review(user=people.manager_b)) == [in_b]
        assert list(plans_to_review(user=world.staff_a)) == []
        assert in_a in plans_to_review(user=world.manager)

    def test_a_protected_person_needs_a_grant_even_for_the_manager_of_the_unit(self, world):
        other_manager = MembershipFactory(unit=world.unit_a, role=Role.MANAGER).user
        waiting = submitted(world, world.hemlig)
        assert list(plans_to_review(user=other_manager)) == []
        ProtectedIdentityGrantFactory(recipient=world.hemlig, user=other_manager)
        assert list(plans_to_review(user=other_manager)) == [waiting]

    def test_the_queue_runs_one_query_with_recipient_and_unit_loaded(
        self, world, django_assert_num_queries
    ):
        submitted(world, world.alma)
        submitted(world, world.bo)
        with django_assert_num_queries(1):
            names = [
                (v.plan.recipient.full_name, v.plan.recipient.unit.name, v.submitted_by.username)
                for v in plans_to_review(user=world.manager)
            ]
        assert names == [
            ("Alma Andersdemo", "Enhet A", "manager"),
            ("Bo Bengtdemo", "Enhet B", "manager"),
        ]


class TestVersionsFor:
    def test_newest_first_and_only_when_visible(self, world):
        v1 = approved(world, world.alma)
        v2 = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert list(plan_versions_for(user=world.staff_a, recipient=world.alma)) == [v2, v1]
        assert list(plan_versions_for(user=world.staff_b, recipient=world.alma)) == []


class TestPreviewAndDiff:
    def test_an_open_version_previews_the_live_plan_an_approved_one_its_snapshot(self, world):
        fill_plan(world.alma)
        v1 = approved(world, world.alma)
        v2 = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        new_goal = GoalFactory(recipient=world.alma)
        assert plan_preview(v1) == v1.snapshot
        assert str(new_goal.pk) not in [g["id"] for g in plan_preview(v1)["goals"]]
        assert str(new_goal.pk) in [g["id"] for g in plan_preview(v2)["goals"]]

    def test_a_first_version_is_compared_with_nothing(self, world):
        content = fill_plan(world.alma)
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        diff = plan_diff_since_last_approved(draft)
        assert diff["compared_with"] is None and diff["has_changes"] is True
        assert [g["id"] for g in diff["sections"]["goals"]["added"]] == [str(content.goals[0].pk)]

    def test_a_draft_is_compared_with_the_version_in_force(self, world):
        content = fill_plan(world.alma)
        v1 = approved(world, world.alma)
        v2 = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert plan_diff_since_last_approved(v2)["has_changes"] is False
        content.goals[0].indicator = "Sover sju nätter av sju"
        content.goals[0].save()
        diff = plan_diff_since_last_approved(v2)
        assert diff["compared_with"] == {"id": str(v1.pk), "number": 1}
        assert diff["sections"]["goals"]["changed"] == [
            {
                "id": str(content.goals[0].pk),
                "fields": {
                    "indicator": {
                        "before": "Sover hela natten minst fem nätter i veckan.",
                        "after": "Sover sju nätter av sju",
                    }
                },
            }
        ]

    def test_approved_and_superseded_versions_are_compared_with_the_one_before_them(self, world):
        fill_plan(world.alma)
        v1 = approved(world, world.alma)
        extra = GoalFactory(recipient=world.alma)
        v2 = approved(world, world.alma)
        v3 = approved(world, world.alma)
        v2.refresh_from_db()
        diff_v2 = plan_diff_since_last_approved(v2)
        assert v2.status == "superseded"
        assert diff_v2["compared_with"]["number"] == 1
        assert [g["id"] for g in diff_v2["sections"]["goals"]["added"]] == [str(extra.pk)]
        diff_v3 = plan_diff_since_last_approved(v3)
        assert diff_v3["compared_with"] == {"id": str(v2.pk), "number": 2}
        assert diff_v3["has_changes"] is False
        assert plan_diff_since_last_approved(v1)["compared_with"] is None
