"""Writes of the audit app: documenting a check of the access log (logguppföljning).

The access log itself is written by the recorder (apps/audit/recorder.py), never here."""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.choices import ReviewFinding
from apps.audit.models import LogReview
from apps.audit.selectors import review_scope
from apps.core.exceptions import PermissionDeniedError

logger = logging.getLogger(__name__)


def log_review_errors(
    *, period_start: dt.date, period_end: dt.date, finding: str, notes: str
) -> dict:
    """The rules a documented check must meet beyond its fields' own (shared with the form)."""
    errors = {}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = ValidationError(
            _("Perioden kan inte sluta före den börjar."), code="before_start"
        )
    if period_end and period_end > timezone.localdate():
        errors["period_end"] = ValidationError(
            _("En kontroll kan bara gälla dagar som har varit."), code="in_future"
        )
    if finding == ReviewFinding.REMARKS and not (notes or "").strip():
        errors["notes"] = ValidationError(
            _("Beskriv vad som hittades och vad som görs."), code="required"
        )
    return errors


@transaction.atomic
def log_review_record(
    *,
    reviewer,
    unit,
    period_start: dt.date,
    period_end: dt.date,
    method: str,
    scope: str,
    accesses_checked: int,
    finding: str,
    notes: str = "",
) -> LogReview:
    """Record that `reviewer` checked `unit`'s access log. Only a reviewer of that unit's log
    (its manager, an administrator of its organisation) may."""
    reviewing = review_scope(reviewer)
    if reviewing is None or not reviewing.covers_unit(unit.pk):
        raise PermissionDeniedError(
            _("Du granskar inte loggen för den enheten."), code="not_log_reviewer"
        )
    notes = (notes or "").strip()
    errors = log_review_errors(
        period_start=period_start, period_end=period_end, finding=finding, notes=notes
    )
    if errors:
        raise ValidationError(errors)
    review = LogReview(
        unit=unit,
        reviewer=reviewer,
        period_start=period_start,
        period_end=period_end,
        method=method,
        scope=scope.strip(),
        accesses_checked=accesses_checked,
        finding=finding,
        notes=notes,
    )
    review.full_clean()
    review.save()
    logger.info("log review recorded", extra={"log_review_id": str(review.pk)})
    return review
