"""A recipient's whole plan in one read, for integrations: what matters, goals,
interventions, open follow-ups (the same content a care-plan version freezes), plus where
the care plan stands."""

from apps.plans.choices import OPEN_STATUSES, PlanVersionStatus
from apps.plans.models import CarePlanVersion
from apps.plans.snapshot import build_snapshot


def _version_summary(version: CarePlanVersion | None) -> dict | None:
    if version is None:
        return None
    return {
        "id": str(version.pk),
        "number": version.number,
        "status": version.status,
        "submitted_at": version.submitted_at.isoformat() if version.submitted_at else None,
        "reviewed_at": version.reviewed_at.isoformat() if version.reviewed_at else None,
    }


def recipient_overview(recipient) -> dict:
    versions = list(
        CarePlanVersion.objects.filter(plan__recipient=recipient).order_by("-number")[:20]
    )
    approved = next((v for v in versions if v.status == PlanVersionStatus.APPROVED), None)
    open_version = next((v for v in versions if v.status in OPEN_STATUSES), None)
    return {
        "content": build_snapshot(recipient),
        "care_plan": {
            "approved_version": _version_summary(approved),
            "open_version": _version_summary(open_version),
        },
    }
