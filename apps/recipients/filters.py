"""One FilterSet per model, shared by the pages and the API."""

import django_filters

from apps.recipients.choices import RecipientStatus
from apps.recipients.models import CareRecipient


class RecipientFilterSet(django_filters.FilterSet):
    unit = django_filters.UUIDFilter(field_name="unit_id", label="Enhet (id)")
    status = django_filters.MultipleChoiceFilter(choices=RecipientStatus.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Ändrad sedan (ISO 8601)"
    )

    class Meta:
        model = CareRecipient
        fields = ["unit", "status", "updated_since"]
