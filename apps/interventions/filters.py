"""One FilterSet per model, shared by the pages and the API. Every filter has an index."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from apps.catalogue.models import LifeArea
from apps.core.dates import BoundedDateFilter
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet, range_filters
from apps.interventions.choices import Delivery, InterventionStatus
from apps.interventions.models import Consent, Intervention


class InterventionFilterSet(RecipientOwnedFilterSet):
    status = ChoicesFilter(choices=InterventionStatus.choices)
    technology = django_filters.UUIDFilter(field_name="technology_id", label=_("Teknik (id)"))
    life_area = django_filters.ModelMultipleChoiceFilter(
        queryset=LifeArea.objects.all(),
        to_field_name="code",
        field_name="serves_answers__life_area",
        method="filter_life_area",
        label=_("Livsområde (kod) för svaren insatsen svarar mot"),
    )
    delivery = ChoicesFilter(choices=Delivery.choices)
    trial_end_after, trial_end_before = range_filters(
        BoundedDateFilter,
        "trial_end",
        after=_("Utprovning slutar tidigast"),
        before=_("Utprovning slutar senast"),
        inclusive=True,
    )

    class Meta:
        model = Intervention
        fields = [
            "recipient",
            "unit",
            "status",
            "technology",
            "life_area",
            "delivery",
            "trial_end_before",
            "trial_end_after",
            "updated_since",
        ]

    def filter_life_area(self, queryset, name, value):
        if not value:
            return queryset
        # EXISTS, not a join: an intervention serving two answers in the area appears once.
        served = Intervention.serves_answers.through.objects.filter(
            intervention_id=OuterRef("pk"), answer__life_area__in=value
        )
        return queryset.filter(Exists(served))


class ConsentFilterSet(RecipientOwnedFilterSet):
    unit = None
    intervention = django_filters.UUIDFilter(field_name="intervention_id", label=_("Insats (id)"))
    active = django_filters.BooleanFilter(
        field_name="withdrawn_at",
        lookup_expr="isnull",
        label=_("Gällande (true) eller återkallade (false)"),
    )

    class Meta:
        model = Consent
        fields = ["intervention", "recipient", "active", "updated_since"]
