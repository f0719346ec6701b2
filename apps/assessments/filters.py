"""One FilterSet per model, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import AssessmentDecision, AssessmentKind
from apps.assessments.models import Assessment
from apps.core.dates import updated_since_filter


class AssessmentFilterSet(django_filters.FilterSet):
    recipient = django_filters.UUIDFilter(field_name="recipient_id", label=_("Omsorgstagare (id)"))
    unit = django_filters.UUIDFilter(field_name="recipient__unit_id", label=_("Enhet (id)"))
    intervention = django_filters.UUIDFilter(field_name="intervention_id", label=_("Insats (id)"))
    kind = django_filters.MultipleChoiceFilter(choices=AssessmentKind.choices)
    decision = django_filters.MultipleChoiceFilter(choices=AssessmentDecision.choices)
    updated_since = updated_since_filter()

    class Meta:
        model = Assessment
        fields = ["recipient", "unit", "intervention", "kind", "decision", "updated_since"]
