"""The intervention lifecycle: one explicit transition table, and the guards that a legal
transition must also pass. Services apply it; pages and the API show `allowed_actions`.

    proposed ──accept──▶ accepted ──start_trial──▶ trial ──evaluate──▶ active ──end──▶ ended
        └──decline──▶ declined   └──start (no trial)──────────────────▶ active
    accepted | trial | active ──end / withdraw_consent──▶ ended
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.exceptions import IllegalTransition
from apps.interventions.choices import (
    ConsentGiver,
    EndReason,
    InterventionAction,
    InterventionStatus,
)

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
# The statuses in which consent may be withdrawn with the effect of ending the intervention.
RUNNING_STATUSES = frozenset(s for (s, a) in TRANSITIONS if a == A.WITHDRAW_CONSENT)
# Once here, nothing more happens to the intervention.
FINAL_STATUSES = frozenset({S.DECLINED, S.ENDED})
# "Short commitments": a trial has a clear end, at most this long.
MAX_TRIAL_DAYS = 90
# Actions that must say why (stored on the event).
REASON_REQUIRED = frozenset({A.DECLINE, A.END, A.WITHDRAW_CONSENT})


def allowed_actions(status: str) -> list[str]:
    """The actions the table allows from `status`, in lifecycle order."""
    return [action for action in TRANSITION_ACTIONS if (status, action) in TRANSITIONS]


def next_status(status: str, action: str) -> str:
    """The status `action` leads to from `status`, or IllegalTransition (HTTP 409)."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise IllegalTransition(
            _("Insatsen har status ”%(status)s”; ”%(action)s” är inte möjligt nu.")
            % {"status": _label(S, status), "action": _label(A, action)},
            extra={"current_status": status, "allowed_actions": allowed_actions(status)},
        ) from None


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def unmet(intervention, message: str, requirement: str) -> IllegalTransition:
    """A legal action whose precondition in another record (consent, assessment) is missing."""
    return IllegalTransition(
        message,
        extra={
            "current_status": intervention.status,
            "allowed_actions": allowed_actions(intervention.status),
            "unmet_requirement": requirement,
        },
    )


# --- guards -------------------------------------------------------------------------------
# Each takes the locked intervention and the action's input, and raises or returns None.


REASON_MAX_LENGTH = 4000


def check_reason(action: str, reason: str) -> None:
    if action in REASON_REQUIRED and not (reason or "").strip():
        raise ValidationError({"reason": _("Ange varför (skälet sparas i händelseloggen).")})
    if len(reason or "") > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Högst %(n)d tecken.") % {"n": REASON_MAX_LENGTH}})


def check_consent_for_accept(intervention) -> None:
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
            _(
                "Övervakande teknik i ett delat hem: samtycke krävs även från varje samboende "
                "närstående (%(missing)d saknas)."
            )
            % {"missing": len(cohabitants - consented)},
            "cohabitant_consent",
        )


def check_assessment_for_activation(intervention) -> None:
    """Technology that needs consent becomes active only after a professional assessment
    that approves it, and that assessment must be the latest one (a later 'not suitable'
    or 'more information needed' overrides an earlier 'suitable')."""
    technology = intervention.technology
    if technology is None or not technology.requires_consent:
        return
    from apps.assessments.choices import APPROVING_DECISIONS
    from apps.assessments.models import Assessment

    latest = (
        Assessment.objects.filter(intervention=intervention)
        .order_by("-assessed_at", "-created_at")
        .only("decision")
        .first()
    )
    if latest is None:
        raise unmet(
            intervention,
            _("En professionell bedömning krävs innan tekniken tas i bruk."),
            "approving_assessment",
        )
    if latest.decision not in APPROVING_DECISIONS:
        raise unmet(
            intervention,
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


def check_consent_was_withdrawn(intervention) -> None:
    """Ending 'because consent was withdrawn' needs the withdrawn consent on record, so the
    intervention and its consents never tell two different stories."""
    if not intervention.consents.filter(withdrawn_at__isnull=False).exists():
        raise unmet(
            intervention,
            _("Registrera först vilket samtycke som har återkallats."),
            "withdrawn_consent",
        )
