"""One FilterSet per model, shared by the pages and the API."""

from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet
from apps.recipients.choices import RecipientStatus
from apps.recipients.models import CareRecipient


class RecipientFilterSet(RecipientOwnedFilterSet):
    recipient_path = ""  # the recipient itself
    recipient = None
    status = ChoicesFilter(choices=RecipientStatus.choices)

    class Meta:
        model = CareRecipient
        fields = ["unit", "status", "updated_since"]
