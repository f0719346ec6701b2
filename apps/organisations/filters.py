"""One FilterSet per list, shared by the pages and the API."""

import django_filters

from apps.core.filters import BaseFilterSet, ChoicesFilter
from apps.organisations.choices import UnitKind
from apps.organisations.models import Unit


class UnitFilterSet(BaseFilterSet):
    kind = ChoicesFilter(choices=UnitKind.choices)
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Unit
        fields = ["kind", "is_active"]
