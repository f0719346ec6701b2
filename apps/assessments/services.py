"""Writes to professional assessments (bedömningar). An assessment records a judgement made
at one moment; it is never edited: a new judgement is a new assessment."""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.assessments.models import Assessment
from apps.core.exceptions import ConflictError, NotFoundError
from apps.core.versioning import lock_for_change
from apps.interventions.lifecycle import is_closed
from apps.interventions.models import Intervention
from apps.organisations.permissions import can_assess, require

logger = logging.getLogger(__name__)

RATIONALE_MAX = 4000
# A phone on a home visit may run a little ahead of the server; beyond that, "later" is an error.
CLOCK_SKEW = dt.timedelta(minutes=5)


def _visible_intervention_for_update(actor, intervention) -> Intervention:
    # The intervention is named in the request: out of scope it is a field error, as the
    # API's serializer answers for an unknown id (apps/core/versioning.py, scope policy).
    try:
        return lock_for_change(
            Intervention.objects.visible_to(actor).select_related("recipient"), intervention
        )
    except NotFoundError:
        raise ValidationError(
            {"intervention": ValidationError(_("Insatsen finns inte."), code="not_found")}
        ) from None


@transaction.atomic
def assessment_record(
    *,
    actor,
    intervention: Intervention,
    kind: str,
    profession: str,
    decision: str,
    rationale: str,
    assessed_at: dt.datetime | None = None,
) -> Assessment:
    # Locked so that an assessment and a lifecycle change of the same intervention are ordered.
    current = _visible_intervention_for_update(actor, intervention)
    require(
        can_assess,
        actor,
        current.recipient,
        _("Bara legitimerad personal i omsorgstagarens enhet får göra bedömningar."),
    )
    if is_closed(current):
        raise ConflictError(
            _("Insatsen är %(status)s; den kan inte bedömas.")
            % {"status": current.get_status_display().lower()},
            code="intervention_closed",
            extra={"current_status": current.status},
        )
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError(
            {"rationale": ValidationError(_("Motivera bedömningen."), code="required")}
        )
    if len(rationale) > RATIONALE_MAX:
        raise ValidationError(
            {
                "rationale": ValidationError(
                    _("Högst %(max)d tecken.") % {"max": RATIONALE_MAX}, code="max_length"
                )
            }
        )
    now = timezone.now()
    if assessed_at is None:
        assessed_at = now
    elif assessed_at > now + CLOCK_SKEW:
        raise ValidationError(
            {
                "assessed_at": ValidationError(
                    _("En bedömning kan inte göras i framtiden."), code="in_future"
                )
            }
        )
    assessment = Assessment(
        intervention=current,
        recipient=current.recipient,
        kind=kind,
        assessor=actor,
        profession=profession,
        decision=decision,
        rationale=rationale,
        assessed_at=assessed_at,
    )
    assessment.full_clean()
    assessment.save()
    logger.info(
        "assessment recorded",
        extra={"assessment_id": str(assessment.pk), "intervention_id": str(current.pk)},
    )
    return assessment
