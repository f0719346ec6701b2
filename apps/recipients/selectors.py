"""Reads of care recipients, always through the scoping chokepoint."""

from django.shortcuts import get_object_or_404

from apps.recipients.models import CareRecipient


def recipient_list(*, user, q: str = "", unit=None, status: str = ""):
    qs = CareRecipient.objects.visible_to(user).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if status:
        qs = qs.filter(status=status)
    return qs.search(q).order_by("family_name", "given_name", "id")


def recipient_get(*, user, pk) -> CareRecipient:
    """The recipient, or 404 when it does not exist *or* the user may not see it."""
    qs = CareRecipient.objects.visible_to(user).select_related("unit", "organisation")
    return get_object_or_404(qs, pk=pk)
