"""Scheduling and rescheduling a follow-up: of what, when, and who is responsible."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import (
    IllegalTransition,
    NotFoundError,
    PermissionDeniedError,
    VersionMismatch,
)
from apps.core.history import allow_untracked_writes
from apps.followups.models import FollowUp
from apps.followups.services import followup_schedule as schedule
from apps.followups.services import followup_update
from apps.interventions.models import Intervention
from apps.whatmatters.models import Goal
from tests.factories import GoalFactory, InterventionFactory, UserFactory
from tests.helpers import validation_codes


def in_days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def fields_of(error):
    return set(error.value.message_dict)


class TestSchedule:
    def test_it_schedules_a_follow_up_of_an_intervention(self, world, intervention):
        followup = schedule(
            actor=world.staff_a,
            intervention=intervention,
            due_date=in_days(14),
            responsible=world.staff_a,
        )
        followup.refresh_from_db()
        assert followup.recipient == world.alma
        assert followup.goal is None
        assert followup.status == "scheduled"
        assert followup.version == 1
        assert followup.due_date == in_days(14)

    def test_it_schedules_a_follow_up_of_a_goal_and_its_intervention(
        self, world, goal, intervention
    ):
        followup = schedule(
            actor=world.manager,
            goal=goal,
            intervention=intervention,
            due_date=in_days(0),
            responsible=world.assessor_a,
        )
        assert (followup.goal, followup.intervention, followup.recipient) == (
            goal,
            intervention,
            world.alma,
        )

    def test_it_needs_a_goal_or_an_intervention(self, world):
        with pytest.raises(ValidationError) as error:
            schedule(actor=world.staff_a, due_date=in_days(3), responsible=world.staff_a)
        assert fields_of(error) == {"goal", "intervention"}

    def test_goal_and_intervention_must_concern_the_same_person(self, world, goal):
        bos = InterventionFactory(recipient=world.bo)
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.manager,
                goal=goal,
                intervention=bos,
                due_date=in_days(3),
                responsible=world.manager,
            )
        assert fields_of(error) == {"intervention"}
        assert not FollowUp.objects.exists()

    def test_it_refuses_a_due_date_in_the_past(self, world, intervention):
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.staff_a,
                intervention=intervention,
                due_date=in_days(-1),
                responsible=world.staff_a,
            )
        assert fields_of(error) == {"due_date"}

    def test_it_refuses_a_due_date_before_the_intervention_was_proposed(self, world, intervention):
        # An intervention whose proposal is dated ahead (a device clock, an import): a
        # follow-up cannot come before what it follows up.
        with allow_untracked_writes():  # set up a state no service produces
            Intervention.objects.filter(pk=intervention.pk).update(
                created_at=timezone.now() + dt.timedelta(days=5)
            )
        intervention.refresh_from_db()
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.staff_a,
                intervention=intervention,
                due_date=in_days(2),
                responsible=world.staff_a,
            )
        assert validation_codes(error.value) == {"due_date": {"before_intervention_proposed"}}
        assert not FollowUp.objects.exists()
        assert schedule(
            actor=world.staff_a,
            intervention=intervention,
            due_date=in_days(5),
            responsible=world.staff_a,
        ).pk

    def test_it_refuses_a_due_date_before_the_goal_was_set(self, world, goal):
        with allow_untracked_writes():  # set up a state no service produces
            Goal.objects.filter(pk=goal.pk).update(created_at=timezone.now() + dt.timedelta(days=5))
        goal.refresh_from_db()
        with pytest.raises(ValidationError) as error:
            schedule(actor=world.staff_a, goal=goal, due_date=in_days(2), responsible=world.staff_a)
        assert validation_codes(error.value) == {"due_date": {"before_goal_set"}}

    @pytest.mark.parametrize("persona", ["staff_b", "admin_user", "outsider"])
    def test_the_responsible_must_work_with_people_in_the_persons_unit(
        self, world, intervention, persona
    ):
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.staff_a,
                intervention=intervention,
                due_date=in_days(3),
                responsible=getattr(world, persona),
            )
        assert validation_codes(error.value) == {"responsible": {"not_in_unit"}}
        assert not FollowUp.objects.exists()

    def test_an_inactive_user_cannot_be_responsible(self, world, intervention):
        world.assessor_a.is_active = False
        world.assessor_a.save()
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.staff_a,
                intervention=intervention,
                due_date=in_days(3),
                responsible=world.assessor_a,
            )
        assert validation_codes(error.value) == {"responsible": {"not_in_unit"}}

    def test_for_a_protected_person_the_responsible_needs_a_grant(self, world):
        hemligs = GoalFactory(recipient=world.hemlig)
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.manager, goal=hemligs, due_date=in_days(3), responsible=world.staff_a
            )
        assert validation_codes(error.value) == {"responsible": {"no_access"}}
        assert schedule(
            actor=world.manager, goal=hemligs, due_date=in_days(3), responsible=world.manager
        ).pk

    def test_every_wrong_field_is_named_at_once(self, world, intervention):
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=world.staff_a,
                intervention=intervention,
                due_date=in_days(-3),
                responsible=world.staff_b,
            )
        assert fields_of(error) == {"due_date", "responsible"}

    @pytest.mark.parametrize("persona", ["staff_b", "outsider"])
    def test_a_record_out_of_scope_does_not_exist_for_the_actor(self, world, intervention, persona):
        with pytest.raises(ValidationError) as error:
            schedule(
                actor=getattr(world, persona),
                intervention=intervention,
                due_date=in_days(3),
                responsible=world.staff_a,
            )
        assert fields_of(error) == {"intervention"}

    def test_the_administrator_is_not_a_care_role(self, world, intervention):
        with pytest.raises(PermissionDeniedError):
            schedule(
                actor=world.admin_user,
                intervention=intervention,
                due_date=in_days(3),
                responsible=world.staff_a,
            )


class TestReschedule:
    def test_it_moves_the_date_and_hands_over(self, world, followup):
        changed = followup_update(
            actor=world.staff_a,
            followup=followup,
            expected_version=1,
            due_date=in_days(20),
            responsible=world.assessor_a,
        )
        changed.refresh_from_db()
        assert (changed.due_date, changed.responsible, changed.version) == (
            in_days(20),
            world.assessor_a,
            2,
        )

    def test_it_leaves_out_what_is_not_given(self, world, followup):
        changed = followup_update(actor=world.staff_a, followup=followup, due_date=in_days(9))
        assert changed.responsible == world.staff_a

    def test_a_stale_version_is_refused(self, world, followup):
        with pytest.raises(VersionMismatch):
            followup_update(
                actor=world.staff_a, followup=followup, expected_version=7, due_date=in_days(9)
            )

    @pytest.mark.parametrize("status", ["done", "cancelled"])
    def test_only_a_scheduled_follow_up_can_be_rescheduled(self, world, followup, status):
        with allow_untracked_writes():  # set up a state no service produces
            FollowUp.objects.filter(pk=followup.pk).update(
                status=status, done_at=timezone.now(), decision="continue"
            )
        with pytest.raises(IllegalTransition) as error:
            followup_update(actor=world.staff_a, followup=followup, due_date=in_days(9))
        assert error.value.extra["current_status"] == status

    def test_bad_values_change_nothing(self, world, followup):
        outsider = UserFactory(username="stranger")
        with pytest.raises(ValidationError) as error:
            followup_update(
                actor=world.staff_a,
                followup=followup,
                due_date=in_days(-1),
                responsible=outsider,
            )
        assert fields_of(error) == {"due_date", "responsible"}
        followup.refresh_from_db()
        assert (followup.due_date, followup.responsible, followup.version) == (
            in_days(7),
            world.staff_a,
            1,
        )

    def test_someone_who_cannot_see_the_person_cannot_reschedule(self, world, followup):
        with pytest.raises(NotFoundError):
            followup_update(actor=world.staff_b, followup=followup, due_date=in_days(9))
