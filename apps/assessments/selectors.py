"""Reads of assessments, always through the scoping chokepoint."""

from apps.assessments.filters import AssessmentFilterSet
from apps.assessments.models import Assessment


def assessment_list(*, user, intervention=None, filters=None):
    qs = Assessment.objects.visible_to(user).select_related("assessor")
    if intervention is not None:
        qs = qs.filter(intervention=intervention)
    return AssessmentFilterSet.apply(qs, filters, user=user).order_by("-assessed_at", "id")
