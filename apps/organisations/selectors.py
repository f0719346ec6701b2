"""Reads of units and memberships, scoped in one place.

A caller's units are those where they hold a membership (a superuser: every unit, as a
superuser may register a person in any unit), narrowed by an API token's units. The staff
of those units (users) are read in `apps.accounts.selectors`, above this app.
"""

from apps.organisations.filters import UnitFilterSet
from apps.organisations.models import Membership, Unit


def units_in_scope(user):
    """The units `user` acts in: the same set the API accepts as a recipient's unit."""
    return Unit.objects.in_scope(user)


def unit_list(*, user, filters=None):
    qs = units_in_scope(user).select_related("organisation")
    return UnitFilterSet.apply(qs, filters, user=user).order_by("name", "id")


def memberships_in_scope(user):
    """Memberships in the caller's units (the roles a colleague list may show)."""
    return Membership.objects.in_scope(user)
