"""One FilterSet per model, shared by the pages and the API."""

from django.utils.translation import gettext_lazy as _

from apps.core.dates import BoundedIsoDateTimeFilter
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet
from apps.plans.choices import PlanVersionStatus
from apps.plans.models import CarePlanVersion


class CarePlanVersionFilterSet(RecipientOwnedFilterSet):
    recipient_path = "plan__recipient"
    status = ChoicesFilter(choices=PlanVersionStatus.choices)
    submitted_after = BoundedIsoDateTimeFilter(
        field_name="submitted_at", lookup_expr="gte", label=_("Inskickad från (ISO 8601)")
    )
    submitted_before = BoundedIsoDateTimeFilter(
        field_name="submitted_at", lookup_expr="lt", label=_("Inskickad före (ISO 8601)")
    )

    class Meta:
        model = CarePlanVersion
        fields = [
            "recipient",
            "unit",
            "status",
            "submitted_after",
            "submitted_before",
            "updated_since",
        ]
