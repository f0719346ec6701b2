"""Writes to follow-ups (uppföljningar): does the goal or intervention still serve what matters?

A follow-up is scheduled, then either done (recording the person's own words and new rating,
and scheduling the next one unless the decision is to end: follow-up closes the loop) or
cancelled. Only a scheduled follow-up can be rescheduled, done or cancelled.
"""

import datetime as dt
import logging
from types import EllipsisType

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import IllegalTransition
from apps.core.models import RATING_MAX, RATING_MIN
from apps.core.versioning import lock_for_change, save_new_version
from apps.followups.choices import FollowUpDecision, FollowUpStatus, GoalOutcome, StillMatters
from apps.followups.models import FollowUp
from apps.followups.rules import (
    CLOCK_SKEW,
    NOTES_MAX,
    OWN_WORDS_MAX,
    due_date_errors,
    responsible_errors,
    text_errors,
)
from apps.interventions.choices import EndReason
from apps.interventions.lifecycle import is_running
from apps.interventions.models import Intervention
from apps.interventions.services import intervention_transition
from apps.organisations.permissions import can_care, can_decide, require
from apps.whatmatters.models import Goal
from apps.whatmatters.services import goal_update

logger = logging.getLogger(__name__)


def _refuse_unless_scheduled(followup: FollowUp) -> None:
    if followup.status != FollowUpStatus.SCHEDULED:
        raise IllegalTransition(
            _("Uppföljningen är %(status)s och kan inte ändras.")
            % {"status": followup.get_status_display().lower()},
            code="followup_not_scheduled",
            extra={"current_status": followup.status, "allowed_actions": []},
        )


def _lock(actor, followup: FollowUp, expected_version: int | None = None) -> FollowUp:
    """The stored row, locked; out of the actor's scope it does not exist (NotFoundError).
    Role, then state (only a scheduled follow-up changes), then the client's version."""

    def check(current: FollowUp) -> None:
        require(
            can_care,
            actor,
            current.recipient,
            _("Din roll i enheten tillåter inte att ändra uppföljningar."),
        )
        _refuse_unless_scheduled(current)

    return lock_for_change(
        FollowUp.objects.visible_to(actor).select_related(
            "recipient", "goal", "intervention", "responsible"
        ),
        followup,
        expected_version=expected_version,
        check=check,
    )


def _resolve_subjects(actor, goal, intervention):
    """The goal and/or intervention as the actor may see them, and the person they concern."""
    if goal is None and intervention is None:
        message = _("Ange ett mål eller en insats att följa upp.")
        raise ValidationError(
            {
                "goal": ValidationError(message, code="goal_or_intervention_required"),
                "intervention": ValidationError(message, code="goal_or_intervention_required"),
            }
        )
    if goal is not None:
        goal = Goal.objects.visible_to(actor).select_related("recipient").filter(pk=goal.pk).first()
        if goal is None:
            raise ValidationError(
                {"goal": ValidationError(_("Målet finns inte."), code="not_found")}
            )
    if intervention is not None:
        intervention = (
            Intervention.objects.visible_to(actor)
            .select_related("recipient")
            .filter(pk=intervention.pk)
            .first()
        )
        if intervention is None:
            raise ValidationError(
                {"intervention": ValidationError(_("Insatsen finns inte."), code="not_found")}
            )
    both = goal is not None and intervention is not None
    if both and goal.recipient_id != intervention.recipient_id:
        raise ValidationError(
            {
                "intervention": ValidationError(
                    _("Insatsen gäller en annan person än målet."), code="other_person"
                )
            }
        )
    recipient = (goal or intervention).recipient
    return goal, intervention, recipient


def _save(followup: FollowUp) -> FollowUp:
    followup.full_clean()
    followup.save()
    return followup


@transaction.atomic
def followup_schedule(
    *,
    actor,
    due_date: dt.date,
    responsible,
    goal: Goal | None = None,
    intervention: Intervention | None = None,
) -> FollowUp:
    goal, intervention, recipient = _resolve_subjects(actor, goal, intervention)
    message = _("Din roll i enheten tillåter inte att planera uppföljningar.")
    require(can_care, actor, recipient, message)
    errors = {
        **due_date_errors(due_date, goal=goal, intervention=intervention),
        **responsible_errors(responsible, recipient),
    }
    if errors:
        raise ValidationError(errors)
    followup = _save(
        FollowUp(
            recipient=recipient,
            goal=goal,
            intervention=intervention,
            due_date=due_date,
            responsible=responsible,
        )
    )
    logger.info("follow-up scheduled", extra={"follow_up_id": str(followup.pk)})
    return followup


@transaction.atomic
def followup_update(
    *,
    actor,
    followup: FollowUp,
    expected_version: int | None = None,
    due_date: dt.date | EllipsisType = ...,
    responsible=...,
) -> FollowUp:
    """Reschedule: a new due date and/or responsible person. `...` leaves a field as it is."""
    current = _lock(actor, followup, expected_version)
    if (due_date is ... or due_date == current.due_date) and (
        responsible is ... or responsible == current.responsible
    ):
        return current
    errors = {}
    if due_date is not ...:
        errors |= due_date_errors(due_date, goal=current.goal, intervention=current.intervention)
        current.due_date = due_date
    if responsible is not ...:
        errors |= responsible_errors(responsible, current.recipient)
        current.responsible = responsible
    if errors:
        raise ValidationError(errors)
    return save_new_version(current)


def _completion_errors(
    current, *, own_words, performance, still_matters, decision, goal_outcome, notes, done_at
) -> dict:
    errors = {
        **text_errors(
            own_words,
            field="own_words",
            max_length=OWN_WORDS_MAX,
            required_message=_("Skriv hur det fungerar, med personens egna ord."),
        ),
        **text_errors(notes, field="notes", max_length=NOTES_MAX),
    }
    is_rating = isinstance(performance, int) and not isinstance(performance, bool)
    if performance is not None and not (is_rating and RATING_MIN <= performance <= RATING_MAX):
        errors["performance"] = ValidationError(
            _("Ange en siffra från 0 till 10."), code="out_of_range"
        )
    if still_matters not in StillMatters.values:
        errors["still_matters"] = ValidationError(
            _("Ange om det fortfarande är viktigt för personen."), code="required"
        )
    if decision not in FollowUpDecision.values:
        errors["decision"] = ValidationError(
            _("Ange beslut: fortsätt, justera eller avsluta."), code="required"
        )
    if goal_outcome and goal_outcome not in GoalOutcome.values:
        errors["goal_outcome"] = ValidationError(_("Okänd måluppfyllelse."), code="invalid_choice")
    elif goal_outcome and current.goal_id is None:
        errors["goal_outcome"] = ValidationError(
            _("Uppföljningen gäller inget mål."), code="no_goal"
        )
    if done_at > timezone.now() + CLOCK_SKEW:
        errors["done_at"] = ValidationError(
            _("En uppföljning kan inte vara gjord i framtiden."), code="in_future"
        )
    return errors


def _next_errors(current, *, decision, done_at, next_due_date, next_responsible) -> dict:
    if decision == FollowUpDecision.END:
        message = _("Ingen ny uppföljning planeras när beslutet är att avsluta.")
        given = {"next_due_date": next_due_date, "next_responsible": next_responsible}
        return {
            field: ValidationError(message, code="not_expected_when_ending")
            for field, value in given.items()
            if value is not None
        }
    if next_due_date is None:
        message = _("Planera nästa uppföljning (eller besluta att avsluta).")
        return {"next_due_date": ValidationError(message, code="required")}
    errors = responsible_errors(next_responsible, current.recipient, field="next_responsible")
    if next_due_date <= timezone.localdate(done_at):
        errors["next_due_date"] = ValidationError(
            _("Nästa uppföljning ska ligga efter den här."), code="not_after_this"
        )
    else:
        errors |= due_date_errors(
            next_due_date,
            goal=current.goal,
            intervention=current.intervention,
            field="next_due_date",
        )
    return errors


def _end_reason(*, goal_outcome: str, still_matters: str) -> str:
    """Why ending, judged from what the person said: the goal reached means done; what it
    served no longer mattering means not needed; otherwise it did not serve them."""
    if goal_outcome == GoalOutcome.ACHIEVED:
        return EndReason.COMPLETED
    if still_matters == StillMatters.NO:
        return EndReason.NO_LONGER_NEEDED
    return EndReason.NOT_SUITABLE


@transaction.atomic
def followup_complete(
    *,
    actor,
    followup: FollowUp,
    expected_version: int | None = None,
    own_words: str,
    performance: int | None,
    still_matters: str,
    decision: str,
    goal_outcome: str = "",
    notes: str = "",
    done_at: dt.datetime | None = None,
    next_due_date: dt.date | None = None,
    next_responsible=None,
) -> FollowUp:
    """Record the follow-up as done and, unless the decision is to end, schedule the next one.
    A goal outcome sets the goal's status; "end" ends a running intervention. All or nothing."""
    current = _lock(actor, followup, expected_version)
    own_words, notes = (own_words or "").strip(), (notes or "").strip()
    done_at = done_at or timezone.now()
    if decision != FollowUpDecision.END and next_responsible is None:
        next_responsible = current.responsible
    errors = _completion_errors(
        current,
        own_words=own_words,
        performance=performance,
        still_matters=still_matters,
        decision=decision,
        goal_outcome=goal_outcome,
        notes=notes,
        done_at=done_at,
    )
    if "done_at" not in errors:
        errors = (
            _next_errors(
                current,
                decision=decision,
                done_at=done_at,
                next_due_date=next_due_date,
                next_responsible=next_responsible,
            )
            | errors
        )
    if errors:
        raise ValidationError(errors)

    if decision != FollowUpDecision.END:
        current.next_follow_up = _save(
            FollowUp(
                recipient=current.recipient,
                goal=current.goal,
                intervention=current.intervention,
                due_date=next_due_date,
                responsible=next_responsible,
            )
        )
    current.status = FollowUpStatus.DONE
    current.done_at = done_at
    current.own_words = own_words
    current.performance = performance
    current.still_matters = still_matters
    current.goal_outcome = goal_outcome or ""
    current.decision = decision
    current.notes = notes
    current.recorded_by = actor
    save_new_version(current)
    _apply_outcome(actor, current)
    logger.info(
        "follow-up done",
        extra={
            "follow_up_id": str(current.pk),
            "next_follow_up_id": str(current.next_follow_up_id or ""),
        },
    )
    return current


def _apply_outcome(actor, done: FollowUp) -> None:
    """Carry the follow-up's outcome to the goal and the intervention, through their own
    services (so their rules and history apply), inside the caller's transaction."""
    if done.goal is not None and done.goal_outcome:
        goal_update(actor=actor, goal=done.goal, status=done.goal_outcome)
    intervention = done.intervention
    end_reason = _end_reason(goal_outcome=done.goal_outcome, still_matters=done.still_matters)
    # Ending an intervention is a decision for an assessor, licensed professional or manager.
    # When care staff record "end", the follow-up (the person's words and the decision) is
    # kept and the intervention stays as it is, showing that its follow-up proposes ending it.
    if (
        done.decision == FollowUpDecision.END
        and intervention is not None
        and is_running(intervention)
        and can_decide(actor, done.recipient)
    ):
        intervention_transition(
            actor=actor,
            intervention=intervention,
            action="end",
            end_reason=end_reason,
            reason=done.notes
            or _("Beslut vid uppföljning %(date)s: avsluta.")
            % {"date": timezone.localdate(done.done_at).isoformat()},
        )


@transaction.atomic
def followup_cancel(
    *, actor, followup: FollowUp, reason: str, expected_version: int | None = None
) -> FollowUp:
    current = _lock(actor, followup, expected_version)
    reason = (reason or "").strip()
    errors = text_errors(
        reason,
        field="reason",
        max_length=NOTES_MAX,
        required_message=_("Ange varför uppföljningen ställs in."),
    )
    if errors:
        raise ValidationError(errors)
    current.status = FollowUpStatus.CANCELLED
    current.notes = reason  # a scheduled follow-up has no notes yet: the reason is the note
    current.recorded_by = actor
    save_new_version(current)
    logger.info("follow-up cancelled", extra={"follow_up_id": str(current.pk)})
    return current
