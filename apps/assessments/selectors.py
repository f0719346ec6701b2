"""Reads of assessments, always through the scoping chokepoint."""

from django.shortcuts import get_object_or_404

from apps.assessments.filters import AssessmentFilterSet
from apps.assessments.models import Assessment


def assessment_list(*, user, intervention=None, filters=None):
    qs = Assessment.objects.visible_to(user).select_related("assessor")
    if intervention is not None:
        qs = qs.filter(intervention=intervention)
    return AssessmentFilterSet.apply(qs, filters, user=user).order_by("-assessed_at", "id")


def assessment_get(*, user, pk) -> Assessment:
    """The assessment, or 404 when it does not exist *or* the user may not see its person."""
    return get_object_or_404(assessment_list(user=user), pk=pk)
