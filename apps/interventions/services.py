"""Writes to interventions and their consents: propose, edit while proposed, move through
the lifecycle, record and withdraw consent. Pages, the admin and the API all call these."""

import datetime as dt
import logging
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.changes import changes_nothing
from apps.core.exceptions import ConflictError
from apps.core.versioning import lock_for_change, save_new_version
from apps.interventions import lifecycle, rules
from apps.interventions.choices import EndReason, InterventionAction, InterventionStatus
from apps.interventions.models import Consent, Intervention, InterventionEvent
from apps.organisations.permissions import can_care, can_decide, can_propose, require

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "technology",
    "delivery",
    "title",
    "rationale",
    "in_person_description",
    "digital_first_reason",
    "visits_replaced_per_week",
    "serves_answers",
    "serves_goals",
)


def _record_event(*, intervention, action, from_status, to_status, actor, reason=""):
    event = InterventionEvent(
        intervention=intervention,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=(reason or "").strip(),
    )
    event.full_clean()
    event.save()
    logger.info(
        "intervention %s: %s → %s by user %s",
        intervention.pk,
        from_status or "-",
        to_status,
        actor.pk,
    )
    return event


# --- propose and edit -------------------------------------------------------------------------


@transaction.atomic
def intervention_propose(
    *,
    actor,
    recipient,
    delivery: str,
    title: str,
    rationale: str,
    serves_answers: Iterable = (),
    serves_goals: Iterable = (),
    technology=None,
    in_person_description: str = "",
    digital_first_reason: str = "",
    visits_replaced_per_week: Decimal | int | float = 0,
) -> Intervention:
    require(can_propose, actor, recipient, _("Din roll i enheten får inte föreslå insatser."))
    answers = rules.resolve_answers(recipient, serves_answers)
    goals = rules.resolve_goals(recipient, serves_goals)
    rules.require_what_matters(answers, goals)
    intervention = Intervention(
        recipient=recipient,
        technology=technology,
        delivery=delivery,
        title=title,
        rationale=rationale,
        in_person_description=in_person_description,
        digital_first_reason=digital_first_reason,
        visits_replaced_per_week=visits_replaced_per_week,
        status=InterventionStatus.PROPOSED,
        proposed_by=actor,
    )
    rules.check_delivery(intervention, technology_changed=True)
    rules.check_limits(intervention)
    intervention.full_clean()
    intervention.save()
    intervention.serves_answers.set(answers)
    intervention.serves_goals.set(goals)
    _record_event(
        intervention=intervention,
        action=InterventionAction.PROPOSE,
        from_status="",
        to_status=InterventionStatus.PROPOSED,
        actor=actor,
    )
    return intervention


def _lock(actor, intervention, **checks) -> Intervention:
    """The intervention row, locked until the transaction ends, read fresh under the lock
    through the actor's scope (`checks`: lock_for_change's expected_version and check)."""
    return lock_for_change(
        Intervention.objects.visible_to(actor).select_related("recipient", "technology"),
        intervention,
        **checks,
    )


@transaction.atomic
def intervention_update(
    *, actor, intervention: Intervention, expected_version: int | None = None, **fields
) -> Intervention:
    """Edit what is proposed. Once accepted (or declined) the proposal is what was agreed:
    a change is then a new proposal."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown intervention fields: {sorted(unknown)}")
    current = _lock(
        actor,
        intervention,
        expected_version=expected_version,
        check=lambda row: require(can_propose, actor, row.recipient),
    )
    if current.status != InterventionStatus.PROPOSED:
        raise ConflictError(
            _("Insatsen kan bara ändras medan den är föreslagen."),
            code="not_proposed",
            extra={
                "current_status": current.status,
                "allowed_actions": lifecycle.allowed_actions(current, actor),
            },
        )
    answers = goals = None
    if "serves_answers" in fields:
        answers = rules.resolve_answers(current.recipient, fields.pop("serves_answers"))
    if "serves_goals" in fields:
        goals = rules.resolve_goals(current.recipient, fields.pop("serves_goals"))
    rules.require_what_matters(
        answers if answers is not None else list(current.serves_answers.all()),
        goals if goals is not None else list(current.serves_goals.all()),
    )
    if (
        changes_nothing(current, fields)
        and (answers is None or set(answers) == set(current.serves_answers.all()))
        and (goals is None or set(goals) == set(current.serves_goals.all()))
    ):
        return current
    old_technology_id = current.technology_id
    for name, value in fields.items():
        setattr(current, name, value)
    rules.check_delivery(current, technology_changed=current.technology_id != old_technology_id)
    rules.check_limits(current)
    save_new_version(current)
    if answers is not None:
        current.serves_answers.set(answers)
    if goals is not None:
        current.serves_goals.set(goals)
    return current


# --- the lifecycle ----------------------------------------------------------------------------


def apply_transition(
    locked: Intervention,
    *,
    actor,
    action: str,
    reason: str = "",
    trial_start: dt.date | None = None,
    trial_end: dt.date | None = None,
    end_reason: str = "",
) -> Intervention:
    """Apply `action` to an intervention row the caller holds locked, inside its transaction.
    Checks the table first (from the state read under the lock), then the action's guards."""
    from_status = locked.status
    to_status = lifecycle.next_status(locked, action, actor)
    lifecycle.check_reason(action, reason)
    today = timezone.localdate()
    if action == InterventionAction.ACCEPT:
        lifecycle.check_consent_for_accept(locked, actor)
    elif action == InterventionAction.START_TRIAL:
        lifecycle.check_trial_dates(trial_start, trial_end)
        locked.trial_start, locked.trial_end = trial_start, trial_end
        locked.started_on = trial_start
    elif action in (InterventionAction.EVALUATE, InterventionAction.START):
        lifecycle.check_assessment_for_activation(locked, actor)
        locked.started_on = locked.started_on or today
    elif action == InterventionAction.END:
        lifecycle.check_end_reason(end_reason)
        locked.end_reason, locked.ended_on = end_reason, today
    elif action == InterventionAction.WITHDRAW_CONSENT:
        lifecycle.check_consent_was_withdrawn(locked, actor)
        locked.end_reason, locked.ended_on = EndReason.CONSENT_WITHDRAWN, today
    locked.status = to_status
    save_new_version(locked)
    _record_event(
        intervention=locked,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    return locked


@transaction.atomic
def intervention_transition(
    *,
    actor,
    intervention: Intervention,
    action: str,
    reason: str = "",
    expected_version: int | None = None,
    trial_start: dt.date | None = None,
    trial_end: dt.date | None = None,
    end_reason: str = "",
) -> Intervention:
    """Move the intervention by `action`. The row is locked and its state read again under
    the lock, so of two identical requests at once one succeeds and the other gets 409."""
    message = _("Din roll i enheten får inte besluta om insatser.")
    locked = _lock(
        actor,
        intervention,
        expected_version=expected_version,
        check=lambda row: require(can_decide, actor, row.recipient, message),
    )
    return apply_transition(
        locked,
        actor=actor,
        action=action,
        reason=reason,
        trial_start=trial_start,
        trial_end=trial_end,
        end_reason=end_reason,
    )


# --- consents ---------------------------------------------------------------------------------

# A consent recorded "now" from a device whose clock runs a little fast is not in the future.
CLOCK_SKEW = dt.timedelta(minutes=5)


@transaction.atomic
def consent_record(
    *,
    actor,
    intervention: Intervention,
    given_by: str,
    method: str,
    given_at: dt.datetime,
    giver_name: str = "",
    contact=None,
) -> Consent:
    locked = _lock(actor, intervention)
    require(
        can_care, actor, locked.recipient, _("Din roll i enheten får inte registrera samtycken.")
    )
    if lifecycle.is_closed(locked):
        raise ConflictError(
            _("Insatsen är avböjd eller avslutad; samtycke kan inte registreras."),
            code="intervention_closed",
            extra={"current_status": locked.status, "allowed_actions": []},
        )
    rules.check_consent_giver(locked, given_by, contact)
    if given_at is not None and timezone.is_naive(given_at):
        given_at = timezone.make_aware(given_at)
    if given_at is not None and given_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError(
            {
                "given_at": ValidationError(
                    _("Samtycket kan inte vara lämnat i framtiden."), code="in_future"
                )
            }
        )
    consent = Consent(
        intervention=locked,
        recipient=locked.recipient,
        given_by=given_by,
        giver_name=giver_name or (contact.name if contact is not None else ""),
        contact=contact,
        method=method,
        given_at=given_at,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    logger.info(
        "consent %s recorded for intervention %s by user %s", consent.pk, locked.pk, actor.pk
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, reason: str) -> Consent:
    """Withdraw a consent. An intervention that is under way (accepted, trial, active) ends
    in the same transaction, with end reason 'consent withdrawn'."""
    intervention = _lock(actor, consent.intervention_id)  # the intervention first, then consent
    locked = lock_for_change(Consent.objects.visible_to(actor), consent)
    require(
        can_care,
        actor,
        intervention.recipient,
        _("Din roll i enheten får inte återkalla samtycken."),
    )
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": ValidationError(_("Ange varför samtycket återkallas."), code="required")}
        )
    limit = Consent._meta.get_field("withdrawn_reason").max_length
    if len(reason) > limit:
        raise ValidationError(
            {"reason": ValidationError(_("Högst %(n)d tecken.") % {"n": limit}, code="max_length")}
        )
    if locked.withdrawn_at is not None:
        raise ConflictError(
            _("Samtycket är redan återkallat."),
            code="consent_already_withdrawn",
            extra={"withdrawn": True},
        )
    locked.withdrawn_at = max(timezone.now(), locked.given_at)
    locked.withdrawn_reason = reason.strip()
    locked.withdrawn_recorded_by = actor
    locked.full_clean()
    locked.save()
    if lifecycle.is_running(intervention):
        apply_transition(
            intervention, actor=actor, action=InterventionAction.WITHDRAW_CONSENT, reason=reason
        )
    logger.info("consent %s withdrawn by user %s", locked.pk, actor.pk)
    return locked
