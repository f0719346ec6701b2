import django_filters
from django.utils.translation import gettext_lazy as _

from apps.catalogue.choices import TechnologyCategory
from apps.catalogue.models import Technology
from apps.core.filters import ChangeLoggedFilterSet, ChoicesFilter


class TechnologyFilterSet(ChangeLoggedFilterSet):
    category = ChoicesFilter(choices=TechnologyCategory.choices)
    life_area = django_filters.CharFilter(
        field_name="life_areas__code", label=_("Livsområde (kod)")
    )
    requires_consent = django_filters.BooleanFilter()
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Technology
        fields = ["category", "life_area", "requires_consent", "is_active", "updated_since"]
