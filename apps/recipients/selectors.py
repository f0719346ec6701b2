"""Reads of care recipients, always through the scoping chokepoint. (The person's page,
which reads what the apps above hold about the person, is apps/people/selectors.py.)"""

from django.shortcuts import get_object_or_404

from apps.organisations.models import Unit
from apps.organisations.permissions import RECIPIENT_EDITORS
from apps.recipients.filters import RecipientFilterSet
from apps.recipients.models import CareRecipient


def recipient_list(*, user, filters=None, search: str = ""):
    """The people the user may see, narrowed by RecipientFilterSet `filters` and by `search`
    (a name or a personal identity number: a page's POST or the API's search, never a URL)."""
    qs = CareRecipient.objects.visible_to(user).select_related("unit")
    qs = RecipientFilterSet.apply(qs, filters, user=user)
    return qs.search(search).order_by("family_name", "given_name", "id")


def units_for_new_recipients(*, user):
    """The units in which the user may add care recipients (empty: no "add" button)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.with_role(user, *RECIPIENT_EDITORS)


def recipient_get(*, user, pk) -> CareRecipient:
    """The recipient, or 404 when it does not exist *or* the user may not see it."""
    qs = CareRecipient.objects.visible_to(user).select_related("unit", "organisation")
    return get_object_or_404(qs, pk=pk)
