"""Completing a follow-up closes the loop: the person's words and rating, whether it still
matters, the decision, and the next follow-up, the goal's status and the intervention's end,
all in one transaction. And cancelling one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import IllegalTransition, PermissionDeniedError, VersionMismatch
from apps.followups.models import FollowUp
from apps.followups.services import followup_cancel, followup_complete
from apps.interventions.models import InterventionEvent
from tests.factories import FollowUpFactory


def in_days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def complete(actor, followup, **overrides):
    fields = {
        "own_words": "Jag sover mycket bättre nu, ingen väcker mig.",
        "performance": 8,
        "still_matters": "yes",
        "decision": "continue",
        "next_due_date": in_days(30),
    }
    fields.update(overrides)
    return followup_complete(actor=actor, followup=followup, **fields)


def assert_unchanged(followup):
    followup.refresh_from_db()
    assert followup.status == "scheduled"
    assert followup.version == 1
    assert followup.next_follow_up_id is None
    assert FollowUp.objects.count() == 1


class TestCompleteAndContinue:
    def test_it_records_the_persons_words_and_schedules_the_next(self, world, followup):
        done = complete(world.staff_a, followup, notes="Kameran fungerar.")
        done.refresh_from_db()
        assert done.status == "done"
        assert done.own_words == "Jag sover mycket bättre nu, ingen väcker mig."
        assert (done.performance, done.still_matters, done.decision) == (8, "yes", "continue")
        assert done.recorded_by == world.staff_a
        assert done.done_at is not None
        assert done.version == 2
        following = done.next_follow_up
        assert following.status == "scheduled"
        assert following.due_date == in_days(30)
        assert (following.goal, following.intervention, following.recipient) == (
            followup.goal,
            followup.intervention,
            world.alma,
        )
        assert following.responsible == world.staff_a
        assert following.previous_follow_up == done

    def test_the_next_may_have_another_responsible(self, world, followup):
        done = complete(world.staff_a, followup, decision="adjust", next_responsible=world.manager)
        assert done.next_follow_up.responsible == world.manager

    def test_the_person_may_be_unable_to_rate(self, world, followup):
        assert complete(world.staff_a, followup, performance=None).performance is None

    def test_the_intervention_keeps_running(self, world, followup):
        complete(world.staff_a, followup)
        followup.intervention.refresh_from_db()
        assert followup.intervention.status == "active"


class TestBadInput:
    def test_completing_a_done_follow_up_is_a_conflict(self, world, followup):
        complete(world.staff_a, followup)
        with pytest.raises(IllegalTransition) as error:
            complete(world.staff_a, followup)
        assert error.value.extra == {"current_status": "done", "allowed_actions": []}
        assert FollowUp.objects.count() == 2

    def test_a_stale_version_is_refused(self, world, followup):
        with pytest.raises(VersionMismatch):
            complete(world.staff_a, followup, expected_version=3)
        assert_unchanged(followup)

    def test_continue_needs_the_next_date(self, world, followup):
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, next_due_date=None)
        assert set(error.value.message_dict) == {"next_due_date"}
        assert_unchanged(followup)

    @pytest.mark.parametrize("rating", [11, -1, True, "8"])
    def test_a_rating_outside_0_to_10_is_refused(self, world, followup, rating):
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, performance=rating)
        assert set(error.value.message_dict) == {"performance"}
        assert_unchanged(followup)

    @pytest.mark.parametrize("words", ["", "  ", "x" * 5001])
    def test_the_persons_own_words_are_required(self, world, followup, words):
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, own_words=words)
        assert set(error.value.message_dict) == {"own_words"}
        assert_unchanged(followup)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("still_matters", "perhaps"),
            ("still_matters", ""),
            ("decision", "pause"),
            ("goal_outcome", "great"),
            ("notes", "x" * 4001),
        ],
    )
    def test_unknown_choices_and_oversize_notes_are_refused(self, world, followup, field, value):
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, **{field: value})
        assert field in error.value.message_dict
        assert_unchanged(followup)

    def test_the_next_follow_up_comes_after_this_one(self, world, followup):
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, next_due_date=timezone.localdate())
        assert set(error.value.message_dict) == {"next_due_date"}
        assert_unchanged(followup)

    def test_a_follow_up_is_not_done_in_the_future(self, world, followup):
        later = timezone.now() + dt.timedelta(hours=2)
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, followup, done_at=later)
        assert set(error.value.message_dict) == {"done_at"}
        assert_unchanged(followup)

    def test_a_follow_up_done_yesterday_may_be_recorded_today(self, world, followup):
        yesterday = timezone.now() - dt.timedelta(days=1)
        assert complete(world.staff_a, followup, done_at=yesterday).done_at == yesterday

    def test_end_schedules_nothing_more(self, world, followup):
        with pytest.raises(ValidationError) as error:
            complete(
                world.staff_a,
                followup,
                decision="end",
                next_due_date=in_days(30),
                next_responsible=world.staff_a,
            )
        assert set(error.value.message_dict) == {"next_due_date", "next_responsible"}
        assert_unchanged(followup)

    def test_the_next_responsible_must_still_work_in_the_unit(self, world, followup):
        # staff_a has left unit A; their manager records the follow-up.
        world.staff_a.memberships.all().delete()
        with pytest.raises(ValidationError) as error:
            complete(world.manager, followup)
        assert set(error.value.message_dict) == {"next_responsible"}
        assert_unchanged(followup)

    def test_a_goal_outcome_needs_a_goal(self, world, intervention):
        only_intervention = FollowUpFactory(intervention=intervention, responsible=world.staff_a)
        with pytest.raises(ValidationError) as error:
            complete(world.staff_a, only_intervention, goal_outcome="achieved")
        assert set(error.value.message_dict) == {"goal_outcome"}

    def test_care_roles_only(self, world, followup):
        with pytest.raises(PermissionDeniedError):
            complete(world.admin_user, followup)
        assert_unchanged(followup)


class TestOutcomes:
    def test_a_goal_outcome_sets_the_goals_status(self, world, followup):
        complete(world.staff_a, followup, goal_outcome="partly_achieved")
        followup.goal.refresh_from_db()
        assert followup.goal.status == "partly_achieved"
        assert followup.goal.version == 2

    @pytest.mark.parametrize(
        ("goal_outcome", "still_matters", "end_reason"),
        [
            ("achieved", "yes", "completed"),
            ("achieved", "no", "completed"),
            ("", "no", "no_longer_needed"),
            ("not_achieved", "yes", "not_suitable"),
            ("", "partly", "not_suitable"),
        ],
    )
    def test_end_ends_the_running_intervention_with_a_reason_judged_from_the_outcome(
        self, world, licensed_a, followup, goal_outcome, still_matters, end_reason
    ):
        done = complete(
            licensed_a,
            followup,
            decision="end",
            next_due_date=None,
            goal_outcome=goal_outcome,
            still_matters=still_matters,
            notes="Vi avslutar nattkameran.",
        )
        assert done.status == "done" and done.next_follow_up is None
        intervention = followup.intervention
        intervention.refresh_from_db()
        assert (intervention.status, intervention.end_reason) == ("ended", end_reason)
        event = InterventionEvent.objects.get(intervention=intervention, action="end")
        assert (event.actor, event.reason) == (licensed_a, "Vi avslutar nattkameran.")

    def test_end_without_notes_still_says_why(self, world, licensed_a, followup):
        complete(licensed_a, followup, decision="end", next_due_date=None)
        event = InterventionEvent.objects.get(intervention=followup.intervention, action="end")
        assert "uppföljning" in event.reason

    @pytest.mark.parametrize("status", ["proposed", "declined", "ended"])
    def test_end_leaves_an_intervention_that_is_not_running(
        self, world, licensed_a, followup, status
    ):
        followup.intervention.status = status
        followup.intervention.save()
        complete(licensed_a, followup, decision="end", next_due_date=None)
        followup.intervention.refresh_from_db()
        assert followup.intervention.status == status
        assert not InterventionEvent.objects.filter(intervention=followup.intervention).exists()

    def test_care_staff_record_an_end_decision_but_the_intervention_waits_for_a_decider(
        self, world, followup
    ):
        # Nothing the person said is lost: the follow-up and the goal outcome are saved; the
        # intervention is ended only by someone whose role decides on interventions.
        done = complete(
            world.staff_a, followup, decision="end", next_due_date=None, goal_outcome="achieved"
        )
        assert done.status == "done" and done.decision == "end"
        followup.goal.refresh_from_db()
        followup.intervention.refresh_from_db()
        assert followup.goal.status == "achieved"
        assert followup.intervention.status == "active"
        assert not InterventionEvent.objects.filter(
            intervention=followup.intervention, action="end"
        ).exists()


class TestCancel:
    def test_it_cancels_with_a_reason(self, world, followup):
        cancelled = followup_cancel(
            actor=world.staff_a, followup=followup, reason="  Alma flyttar till SÄBO. "
        )
        cancelled.refresh_from_db()
        assert (cancelled.status, cancelled.notes, cancelled.version) == (
            "cancelled",
            "Alma flyttar till SÄBO.",
            2,
        )
        assert cancelled.recorded_by == world.staff_a
        assert FollowUp.objects.count() == 1

    @pytest.mark.parametrize("reason", ["", "   ", "x" * 4001])
    def test_it_needs_a_reason(self, world, followup, reason):
        with pytest.raises(ValidationError) as error:
            followup_cancel(actor=world.staff_a, followup=followup, reason=reason)
        assert set(error.value.message_dict) == {"reason"}
        assert_unchanged(followup)

    def test_a_done_follow_up_cannot_be_cancelled(self, world, followup):
        complete(world.staff_a, followup)
        with pytest.raises(IllegalTransition):
            followup_cancel(actor=world.staff_a, followup=followup, reason="Fel")

    def test_a_stale_version_is_refused(self, world, followup):
        with pytest.raises(VersionMismatch):
            followup_cancel(
                actor=world.staff_a, followup=followup, reason="Fel", expected_version=2
            )
