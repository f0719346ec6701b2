"""Checks shared by the follow-up services: what a due date and a responsible person must be.

Each returns a dict of field errors (empty when all is well), so that a service can report
every wrong field of one request at once."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.organisations.models import Membership
from apps.organisations.permissions import CARE_ROLES
from apps.recipients.models import CareRecipient

# A phone on a home visit may run a little ahead of the server; beyond that, "later" is an error.
CLOCK_SKEW = dt.timedelta(minutes=5)
OWN_WORDS_MAX = 5000
NOTES_MAX = 4000


def earliest_due_date(*, goal, intervention) -> tuple[dt.date, str, str]:
    """A follow-up cannot come before what it follows up: the day the intervention was
    proposed or the goal was set (whichever is later). Returns that day, what happened, and
    the code of a due date before it."""
    starts = []
    if intervention is not None:
        day = timezone.localdate(intervention.created_at)
        starts.append((day, _("insatsen föreslogs"), "before_intervention_proposed"))
    if goal is not None:
        starts.append((timezone.localdate(goal.created_at), _("målet sattes"), "before_goal_set"))
    return max(starts, key=lambda start: start[0])


def due_date_errors(due_date, *, goal, intervention, field: str = "due_date") -> dict:
    if due_date < timezone.localdate():
        return {field: ValidationError(_("Datumet har redan passerat."), code="in_past")}
    earliest, what, code = earliest_due_date(goal=goal, intervention=intervention)
    if due_date < earliest:
        message = _("Uppföljningen kan inte ligga före %(date)s, då %(what)s.") % {
            "date": earliest.isoformat(),
            "what": what,
        }
        return {field: ValidationError(message, code=code)}
    return {}


def responsible_errors(user, recipient, *, field: str = "responsible") -> dict:
    """The responsible person works with people in the recipient's unit, and can open this
    person's records (a protected identity needs an explicit grant)."""
    works_in_unit = (
        user is not None
        and user.is_active
        and Membership.objects.filter(
            user=user, unit_id=recipient.unit_id, role__in=CARE_ROLES
        ).exists()
    )
    if not works_in_unit:
        message = _("Den ansvariga måste arbeta med omsorgstagare i personens enhet.")
        return {field: ValidationError(message, code="not_in_unit")}
    if not CareRecipient.objects.visible_to(user).filter(pk=recipient.pk).exists():
        message = _("Den ansvariga har inte behörighet till personen (skyddad identitet).")
        return {field: ValidationError(message, code="no_access")}
    return {}


def text_errors(value: str, *, field: str, max_length: int, required_message=None) -> dict:
    if required_message and not value:
        return {field: ValidationError(required_message, code="required")}
    if len(value) > max_length:
        message = _("Högst %(max)d tecken.") % {"max": max_length}
        return {field: ValidationError(message, code="max_length")}
    return {}
