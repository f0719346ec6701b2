"""One FilterSet per model, shared by the pages and the API."""

import django_filters

from apps.core.filters import RecipientOwnedFilterSet
from apps.recipients.choices import RecipientStatus
from apps.recipients.models import CareRecipient


class RecipientFilterSet(RecipientOwnedFilterSet):
    recipient_path = ""  # the recipient itself
    recipient = None
    status = django_filters.MultipleChoiceFilter(choices=RecipientStatus.choices)

    class Meta:
        model = CareRecipient
        fields = ["unit", "status", "updated_since"]
