"""Reads of care plans, always through the scoping chokepoint."""

import hashlib
import json
from collections.abc import Iterable

from django.shortcuts import get_object_or_404

from apps.catalogue.models import Technology
from apps.organisations.models import Unit
from apps.plans.choices import FROZEN_STATUSES, PlanVersionStatus
from apps.plans.filters import CarePlanVersionFilterSet
from apps.plans.models import CarePlanVersion
from apps.plans.snapshot import build_snapshot, diff_has_changes, snapshot_diff


def plan_versions_visible_to(user):
    return CarePlanVersion.objects.visible_to(user).select_related(
        "plan__recipient__unit", "created_by", "submitted_by", "reviewed_by"
    )


def plan_version_list(*, user, filters=None):
    """The versions the user may see, narrowed by CarePlanVersionFilterSet `filters`."""
    return CarePlanVersionFilterSet.apply(plan_versions_visible_to(user), filters, user=user)


def plans_to_review(*, user):
    """Submitted versions waiting for a manager, in the units the user manages (seeing a
    unit is not enough), oldest submission first."""
    return (
        plan_version_list(user=user, filters={"status": [PlanVersionStatus.SUBMITTED]})
        .filter(plan__recipient__unit__in=Unit.objects.managed_by(user).values("id"))
        .order_by("submitted_at", "id")
    )


def plan_versions_for(*, user, recipient):
    """Every version of the recipient's plan the user may see, newest first."""
    return plan_versions_visible_to(user).filter(plan__recipient=recipient).order_by("-number")


def plan_preview(version: CarePlanVersion) -> dict:
    """What the version says: frozen content once approved, the live content before."""
    if version.status in FROZEN_STATUSES:
        return version.snapshot
    return build_snapshot(version.plan.recipient)


def _last_frozen_before(version: CarePlanVersion) -> CarePlanVersion | None:
    return (
        CarePlanVersion.objects.filter(
            plan_id=version.plan_id, status__in=FROZEN_STATUSES, number__lt=version.number
        )
        .only("id", "number", "snapshot")
        .order_by("-number")
        .first()
    )


def plan_diff_since_last_approved(version: CarePlanVersion, *, content: dict | None = None) -> dict:
    """What changed compared with the version approved before this one (for an open version:
    the one in force now). Pass `content` when the caller already has this version's preview.
    """
    base = _last_frozen_before(version)
    new = content if content is not None else plan_preview(version)
    diff = snapshot_diff(base.snapshot if base else None, new)
    return {
        "compared_with": {"id": str(base.pk), "number": base.number} if base else None,
        "has_changes": diff_has_changes(diff),
        "sections": diff,
    }


# --- Pages -------------------------------------------------------------------------------


def plan_version_get(*, user, pk) -> CarePlanVersion:
    """One version, or 404 when it does not exist *or* the user may not see its person."""
    return get_object_or_404(plan_versions_visible_to(user), pk=pk)


def latest_approved_version(*, user, recipient) -> CarePlanVersion | None:
    """The version in force: what the person's printed plan says."""
    return (
        plan_versions_for(user=user, recipient=recipient)
        .filter(status=PlanVersionStatus.APPROVED)
        .first()
    )


def version_in_force(versions: Iterable[CarePlanVersion]) -> CarePlanVersion | None:
    """Of a person's versions already read, the one in force, as `latest_approved_version`
    finds it: the one rule for where "Utskrift för personen" is offered."""
    return next((v for v in versions if v.status == PlanVersionStatus.APPROVED), None)


def technologies_needing_consent(content: dict) -> frozenset[str]:
    """The codes of the plan's technologies that need consent, from the catalogue, for a
    snapshot approved before it recorded that itself (no query for a newer one)."""
    codes = {
        item["technology"]["code"]
        for item in content.get("interventions") or []
        if "requires_consent" not in item and item.get("technology")
    }
    if not codes:
        return frozenset()
    found = Technology.objects.filter(code__in=codes, requires_consent=True)
    return frozenset(found.values_list("code", flat=True))


def reviews_plans(user) -> bool:
    """Whether the user has a review queue at all: a manager of some unit (or a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Unit.objects.managed_by(user).exists()


def approved_summary(compared_with: dict | None) -> str | None:
    """The plain-language summary of the version a diff compares with (`compared_with` as
    returned by `plan_diff_since_last_approved`, so already within the same plan)."""
    if compared_with is None:
        return None
    return (
        CarePlanVersion.objects.filter(pk=compared_with["id"])
        .values_list("summary", flat=True)
        .first()
    )


def content_fingerprint(content: dict) -> str:
    """Identifies what a reviewer was shown, so that an approval of content that changed
    meanwhile can be refused. The time the preview was built is not part of it."""
    stable = {key: value for key, value in content.items() if key != "generated_at"}
    encoded = json.dumps(stable, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()
