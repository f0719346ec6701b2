"""One FilterSet per model, shared by the pages and the API."""

from django.utils.translation import gettext_lazy as _

from apps.core.dates import BoundedIsoDateTimeFilter
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet, range_filters
from apps.plans.choices import PlanVersionStatus
from apps.plans.models import CarePlanVersion


class CarePlanVersionFilterSet(RecipientOwnedFilterSet):
    recipient_path = "plan__recipient"
    status = ChoicesFilter(choices=PlanVersionStatus.choices)
    submitted_after, submitted_before = range_filters(
        BoundedIsoDateTimeFilter,
        "submitted_at",
        after=_("Inskickad från (ISO 8601)"),
        before=_("Inskickad före (ISO 8601)"),
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
