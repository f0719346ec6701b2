"""One FilterSet per model, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import AssessmentDecision, AssessmentKind
from apps.assessments.models import Assessment
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet


class AssessmentFilterSet(RecipientOwnedFilterSet):
    intervention = django_filters.UUIDFilter(field_name="intervention_id", label=_("Insats (id)"))
    kind = ChoicesFilter(choices=AssessmentKind.choices)
    decision = ChoicesFilter(choices=AssessmentDecision.choices)

    class Meta:
        model = Assessment
        fields = ["recipient", "unit", "intervention", "kind", "decision", "updated_since"]
