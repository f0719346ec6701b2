"""One FilterSet per model, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.dates import updated_since_filter
from apps.recipients.choices import RecipientStatus
from apps.recipients.models import CareRecipient


class RecipientFilterSet(django_filters.FilterSet):
    unit = django_filters.UUIDFilter(field_name="unit_id", label=_("Enhet (id)"))
    status = django_filters.MultipleChoiceFilter(choices=RecipientStatus.choices)
    updated_since = updated_since_filter()

    class Meta:
        model = CareRecipient
        fields = ["unit", "status", "updated_since"]
