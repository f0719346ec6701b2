"""The intervention lifecycle: one explicit transition table with the roles for each action,
the guards that a legal transition must also pass, and what the guards will ask for
(`requirements`). Services apply it; pages and the API only show what it says
(`allowed_actions`: what this caller may do now, see `apps.core.lifecycle`).

    proposed ──accept──▶ accepted ──start_trial──▶ trial ──evaluate──▶ active ──end──▶ ended
        └──decline──▶ declined   └──start (no trial)──────────────────▶ active
    accepted | trial | active ──end / withdraw_consent──▶ ended
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.exceptions import IllegalTransition
from apps.core.lifecycle import ActionTable
from apps.interventions.choices import (
    ConsentGiver,
    EndReason,
    InterventionAction,
    InterventionStatus,
)
from apps.organisations.permissions import CARE_ROLES, INTERVENTION_DECIDERS, roles_in_unit

S = InterventionStatus
A = InterventionAction

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PROPOSED, A.ACCEPT): S.ACCEPTED,
    (S.PROPOSED, A.DECLINE): S.DECLINED,
    (S.ACCEPTED, A.START_TRIAL): S.TRIAL,
    (S.TRIAL, A.EVALUATE): S.ACTIVE,
    (S.ACCEPTED, A.START): S.ACTIVE,
    (S.ACCEPTED, A.END): S.ENDED,
    (S.TRIAL, A.END): S.ENDED,
    (S.ACTIVE, A.END): S.ENDED,
    (S.ACCEPTED, A.WITHDRAW_CONSENT): S.ENDED,
    (S.TRIAL, A.WITHDRAW_CONSENT): S.ENDED,
    (S.ACTIVE, A.WITHDRAW_CONSENT): S.ENDED,
}

# `propose` creates an intervention; it is not a transition of an existing one.
TRANSITION_ACTIONS: tuple[str, ...] = tuple(a for a in A.values if a != A.PROPOSE)
# Who may take each action (in the person's unit). Consent is withdrawn by anyone caring for
# the person (through the consent); every other step is a decision.
ROLES_BY_ACTION: dict[str, tuple[str, ...]] = {
    action: CARE_ROLES if action == A.WITHDRAW_CONSENT else INTERVENTION_DECIDERS
    for action in TRANSITION_ACTIONS
}
TABLE = ActionTable(TRANSITIONS, ROLES_BY_ACTION, roles_in_unit=roles_in_unit)
ALLOWED_ACTIONS_HELP = TABLE.allowed_actions_help
# Under way: consent may be withdrawn (which ends it), a follow-up may end it.
RUNNING = frozenset(s for (s, a) in TRANSITIONS if a == A.WITHDRAW_CONSENT)
# Once here, nothing more happens to the intervention.
CLOSED = frozenset({S.DECLINED, S.ENDED})
# The badge tone of each status on the intervention page, and in the person's list of
# interventions (where everything not yet active is still work to do).
STATUS_TONES = {
    S.ACCEPTED: "ok",
    S.TRIAL: "warn",
    S.ACTIVE: "ok",
    S.DECLINED: "err",
    S.ENDED: "err",
}
LIST_TONES = {S.ACTIVE: "ok", S.TRIAL: "warn", S.PROPOSED: "warn", S.ACCEPTED: "warn"}
# "Short commitments": a trial has a clear end, at most this long.
MAX_TRIAL_DAYS = 90
# Actions that must say why (stored on the event).
REASON_REQUIRED = frozenset({A.DECLINE, A.END, A.WITHDRAW_CONSENT})


def is_closed(intervention) -> bool:
    return intervention.status in CLOSED


def is_running(intervention) -> bool:
    return intervention.status in RUNNING


def is_trial_overdue(intervention, today: dt.date) -> bool:
    """In trial past its planned end: it should be evaluated or ended."""
    return (
        intervention.status == S.TRIAL
        and intervention.trial_end is not None
        and intervention.trial_end < today
    )


def status_actions(status: str) -> list[str]:
    """Every action the table allows from `status`, whoever asks, in lifecycle order."""
    return TABLE.status_actions(status)


def allowed_actions(intervention, user, *, roles=None) -> list[str]:
    """What `user` may do with `intervention` now (the table, kept to the user's roles in
    the person's unit)."""
    unit = intervention.recipient.unit_id if roles is None else None
    return TABLE.allowed_actions(intervention.status, user, unit, roles=roles)


def refusal(intervention, action: str, user) -> IllegalTransition | None:
    """The refusal (HTTP 409) of `action` in the intervention's status, or None when the
    table allows it."""
    status = intervention.status
    if TABLE.next_status(status, action) is not None:
        return None
    return IllegalTransition(
        _("Insatsen har status ”%(status)s”; ”%(action)s” är inte möjligt nu.")
        % {"status": _label(S, status), "action": _label(A, action)},
        extra={"current_status": status, "allowed_actions": allowed_actions(intervention, user)},
    )


def next_status(intervention, action: str, user) -> str:
    """The status `action` leads to from the intervention's, or IllegalTransition (409)."""
    problem = refusal(intervention, action, user)
    if problem is not None:
        raise problem
    return TABLE.next_status(intervention.status, action)


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def unmet(intervention, actor, message: str, requirement: str) -> IllegalTransition:
    """A legal action whose precondition in another record (consent, assessment) is missing."""
    return IllegalTransition(
        message,
        extra={
            "current_status": intervention.status,
            "allowed_actions": allowed_actions(intervention, actor),
            "unmet_requirement": requirement,
        },
    )


def requirements(intervention, *, contacts, assessment) -> list[dict]:
    """The records the guards will ask for before the technology is used, and whether they
    are there (`contacts`: the person's contacts; `assessment`: the latest one)."""
    technology = intervention.technology
    if technology is None or not technology.requires_consent or is_closed(intervention):
        return []
    active = [c for c in intervention.consents.all() if c.is_active]
    own = any(c.given_by in (ConsentGiver.PERSON, ConsentGiver.REPRESENTATIVE) for c in active)
    items = [{"label": _("Samtycke från personen eller företrädaren"), "met": own}]
    if technology.is_monitoring:
        cohabitants = {c.pk for c in contacts if c.lives_with_recipient}
        consented = {c.contact_id for c in active if c.given_by == ConsentGiver.COHABITANT}
        if cohabitants:
            items.append(
                {
                    "label": _("Samtycke från samboende närstående (%(done)d av %(all)d)")
                    % {"done": len(cohabitants & consented), "all": len(cohabitants)},
                    "met": cohabitants <= consented,
                }
            )
    approving = assessment is not None and assessment.approves
    items.append({"label": _("Godkännande professionell bedömning"), "met": approving})
    return items


# --- guards -------------------------------------------------------------------------------
# Each takes the locked intervention and the action's input, and raises or returns None.


REASON_MAX_LENGTH = 4000


def check_reason(action: str, reason: str) -> None:
    if action in REASON_REQUIRED and not (reason or "").strip():
        raise ValidationError({"reason": _("Ange varför (skälet sparas i händelseloggen).")})
    if len(reason or "") > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Högst %(n)d tecken.") % {"n": REASON_MAX_LENGTH}})


def check_consent_for_accept(intervention, actor) -> None:
    """Technology that needs consent: an active consent from the person or their
    representative. Monitoring technology in a shared home: also from every cohabiting
    relative (the rule in force since 1 March 2024)."""
    technology = intervention.technology
    if technology is None or not technology.requires_consent:
        return
    active = intervention.consents.filter(withdrawn_at__isnull=True)
    own = (ConsentGiver.PERSON, ConsentGiver.REPRESENTATIVE)
    if not active.filter(given_by__in=own).exists():
        raise unmet(
            intervention,
            actor,
            _(
                "Samtycke krävs: registrera samtycke från personen eller företrädaren "
                "(god man/förvaltare) innan insatsen accepteras."
            ),
            "consent",
        )
    if not technology.is_monitoring:
        return
    cohabitants = set(
        intervention.recipient.contacts.filter(lives_with_recipient=True).values_list(
            "id", flat=True
        )
    )
    consented = set(
        active.filter(given_by=ConsentGiver.COHABITANT, contact_id__in=cohabitants).values_list(
            "contact_id", flat=True
        )
    )
    if cohabitants - consented:
        raise unmet(
            intervention,
            actor,
            _(
                "Övervakande teknik i ett delat hem: samtycke krävs även från varje samboende "
                "närstående (%(missing)d saknas)."
            )
            % {"missing": len(cohabitants - consented)},
            "cohabitant_consent",
        )


def check_assessment_for_activation(intervention, actor) -> None:
    """Technology that needs consent becomes active only after a professional assessment
    that approves it, and that assessment must be the latest one (a later 'not suitable'
    or 'more information needed' overrides an earlier 'suitable')."""
    technology = intervention.technology
    if technology is None or not technology.requires_consent:
        return
    # Through the reverse relation: assessments sit above interventions (apps.assessments).
    latest = (
        intervention.assessments.order_by("-assessed_at", "-created_at").only("decision").first()
    )
    if latest is None:
        raise unmet(
            intervention,
            actor,
            _("En professionell bedömning krävs innan tekniken tas i bruk."),
            "approving_assessment",
        )
    if not latest.approves:
        raise unmet(
            intervention,
            actor,
            _(
                "Den senaste bedömningen (”%(decision)s”) godkänner inte insatsen; "
                "en bedömning ”Lämplig” eller ”Lämplig efter utprovning” krävs."
            )
            % {"decision": latest.get_decision_display()},
            "approving_assessment",
        )


def check_trial_dates(trial_start: dt.date | None, trial_end: dt.date | None) -> None:
    errors = {}
    if trial_start is None:
        errors["trial_start"] = _("Ange när utprovningen börjar.")
    if trial_end is None:
        errors["trial_end"] = _("Ange när utprovningen slutar: en utprovning har ett slutdatum.")
    if errors:
        raise ValidationError(errors)
    if trial_end < trial_start:
        raise ValidationError({"trial_end": _("Utprovningen kan inte sluta innan den börjar.")})
    if (trial_end - trial_start).days > MAX_TRIAL_DAYS:
        raise ValidationError(
            {
                "trial_end": _("En utprovning får vara högst %(days)d dagar (korta åtaganden).")
                % {"days": MAX_TRIAL_DAYS}
            }
        )


def check_end_reason(end_reason: str) -> None:
    if not end_reason:
        raise ValidationError({"end_reason": _("Ange skälet till att insatsen avslutas.")})
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Okänt skäl till avslut.")})
    if end_reason == EndReason.CONSENT_WITHDRAWN:
        raise ValidationError(
            {"end_reason": _("Återkalla samtycket i stället; då avslutas insatsen med det skälet.")}
        )


def check_consent_was_withdrawn(intervention, actor) -> None:
    """Ending 'because consent was withdrawn' needs the withdrawn consent on record, so the
    intervention and its consents never tell two different stories."""
    if not intervention.consents.filter(withdrawn_at__isnull=False).exists():
        raise unmet(
            intervention,
            actor,
            _("Registrera först vilket samtycke som har återkallats."),
            "withdrawn_consent",
        )
