"""Writes to care plans (genomförandeplaner). Pages, the admin and the API all call these.

Decisions:
- A manager may approve a version they submitted themselves: in Swedish home care the unit
  manager often writes the plan with the person, and requiring a second manager would stall
  small units. The approval records both `submitted_by` and `reviewed_by`, so it shows.
- A returned version keeps the manager's comment while it is reworked and resubmitted, so
  that the reviewer sees what they asked for; the next review overwrites it (the change
  history keeps every comment).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ConflictError, IllegalTransition
from apps.core.versioning import lock_for_change, save_new_version
from apps.organisations.permissions import can_start_plan, require, require_role
from apps.plans import lifecycle
from apps.plans.choices import OPEN_STATUSES, PlanVersionStatus
from apps.plans.models import CarePlan, CarePlanVersion
from apps.plans.snapshot import build_snapshot

logger = logging.getLogger(__name__)

COMMENT_MAX = 4000

_ACTION_VERBS = {
    lifecycle.UPDATE: gettext_lazy("ändras"),
    lifecycle.SUBMIT: gettext_lazy("skickas in"),
    lifecycle.APPROVE: gettext_lazy("godkännas"),
    lifecycle.RETURN: gettext_lazy("återsändas"),
}


def _require_status(actor, version: CarePlanVersion, action: str) -> None:
    if version.status not in lifecycle.SOURCE_STATUSES[action]:
        raise IllegalTransition(
            _("Planversionen har status ”%(status)s” och kan inte %(action)s.")
            % {"status": version.get_status_display(), "action": _ACTION_VERBS[action]},
            code="illegal_transition",
            extra={
                "current_status": version.status,
                "allowed_actions": lifecycle.allowed_actions(version, actor),
            },
        )


def _begin(actor, version, action: str, expected_version: int | None) -> CarePlanVersion:
    """Lock the row, then check in order: role (403), the client's version (412), status (409)."""
    current = lock_for_change(
        CarePlanVersion.objects.visible_to(actor).select_related("plan__recipient__unit"),
        version,
        expected_version=expected_version,
        check=lambda row: require_role(
            actor, row.plan.recipient, lifecycle.ROLES_BY_ACTION[action]
        ),
    )
    _require_status(actor, current, action)
    return current


@transaction.atomic
def plan_start_draft(*, actor, recipient) -> CarePlanVersion:
    """A new draft version of the recipient's plan (the plan itself is created on first use).
    `recipient` must have been fetched through `visible_to(actor)`."""
    require(can_start_plan, actor, recipient)
    plan, _created = CarePlan.objects.get_or_create(recipient=recipient)
    # Serialise drafts of one plan: the second of two concurrent requests waits here, then
    # sees the first one's open version.
    plan = CarePlan.objects.select_for_update().get(pk=plan.pk)
    versions = CarePlanVersion.objects.filter(plan=plan)
    open_version = versions.filter(status__in=OPEN_STATUSES).first()
    if open_version is not None:
        raise ConflictError(
            _("Planen har redan en version under arbete (version %(number)s).")
            % {"number": open_version.number},
            code="open_version_exists",
            extra={
                "open_version": str(open_version.pk),
                "open_version_status": open_version.status,
            },
        )
    last_number = versions.aggregate(last=Max("number"))["last"] or 0
    approved = versions.filter(status=PlanVersionStatus.APPROVED).order_by("-number").first()
    draft = CarePlanVersion(
        plan=plan,
        number=last_number + 1,
        status=PlanVersionStatus.DRAFT,
        summary=approved.summary if approved else "",
        created_by=actor,
    )
    draft.full_clean()
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as exc:  # the partial unique index: one open version per plan
        raise ConflictError(
            _("Planen har redan en version under arbete."), code="open_version_exists"
        ) from exc
    logger.info("care plan draft started", extra={"plan": str(plan.pk), "number": draft.number})
    return draft


@transaction.atomic
def plan_version_update(
    *, actor, version: CarePlanVersion, expected_version: int | None = None, summary: str
) -> CarePlanVersion:
    current = _begin(actor, version, lifecycle.UPDATE, expected_version)
    summary_max = CarePlanVersion._meta.get_field("summary").max_length
    # A TextField's max_length is not checked by full_clean(): check it here.
    if len(summary) > summary_max:
        raise ValidationError(
            {
                "summary": ValidationError(
                    _("Texten får vara högst %(max)s tecken.") % {"max": summary_max},
                    code="max_length",
                )
            }
        )
    if summary == current.summary:
        return current  # nothing to record: no new version, no history row
    current.summary = summary
    return save_new_version(current)


@transaction.atomic
def plan_version_submit(
    *, actor, version: CarePlanVersion, expected_version: int | None = None
) -> CarePlanVersion:
    current = _begin(actor, version, lifecycle.SUBMIT, expected_version)
    current.status = PlanVersionStatus.SUBMITTED
    current.submitted_by = actor
    current.submitted_at = timezone.now()
    save_new_version(current)
    logger.info("care plan version submitted", extra={"plan_version": str(current.pk)})
    return current


@transaction.atomic
def plan_version_approve(
    *, actor, version: CarePlanVersion, expected_version: int | None = None, comment: str = ""
) -> CarePlanVersion:
    """Approve and freeze: the snapshot is taken now, inside the transaction, and the
    previously approved version (if any) becomes superseded."""
    current = _begin(actor, version, lifecycle.APPROVE, expected_version)
    comment = _clean_comment(comment, required=False)
    previous = CarePlanVersion.objects.select_for_update(of=("self",)).filter(
        plan_id=current.plan_id, status=PlanVersionStatus.APPROVED
    )
    for old in previous:
        old.status = PlanVersionStatus.SUPERSEDED
        save_new_version(old)
    current.status = PlanVersionStatus.APPROVED
    current.snapshot = build_snapshot(current.plan.recipient)
    current.reviewed_by = actor
    current.reviewed_at = timezone.now()
    current.review_comment = comment
    save_new_version(current)
    logger.info("care plan version approved", extra={"plan_version": str(current.pk)})
    return current


@transaction.atomic
def plan_version_return(
    *, actor, version: CarePlanVersion, expected_version: int | None = None, comment: str
) -> CarePlanVersion:
    current = _begin(actor, version, lifecycle.RETURN, expected_version)
    comment = _clean_comment(comment, required=True)
    current.status = PlanVersionStatus.RETURNED
    current.reviewed_by = actor
    current.reviewed_at = timezone.now()
    current.review_comment = comment
    save_new_version(current)
    logger.info("care plan version returned", extra={"plan_version": str(current.pk)})
    return current


def _clean_comment(comment: str | None, *, required: bool) -> str:
    comment = (comment or "").strip()
    if required and not comment:
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Skriv vad som behöver ändras innan planen återsänds."), code="required"
                )
            }
        )
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Kommentaren får vara högst %(max)s tecken.") % {"max": COMMENT_MAX},
                    code="max_length",
                )
            }
        )
    return comment
