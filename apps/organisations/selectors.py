"""Reads of units and of the staff who work in them, scoped in one place.

A caller's units are those where they hold a membership (a superuser: every unit, as a
superuser may register a person in any unit), narrowed by an API token's units. The staff a
caller may look up are the active users holding a membership in one of those units, and of
each only the memberships in those units: where else a colleague works is not the caller's
business.
"""

from django.db.models import Exists, OuterRef, Prefetch

from apps.organisations.filters import ColleagueFilterSet, UnitFilterSet
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


def colleague_list(*, user, filters=None):
    """Active users with a membership in one of the caller's units, each with
    `scoped_memberships`: their memberships in those units only."""
    from apps.accounts.models import User

    memberships = memberships_in_scope(user)
    qs = (
        User.objects.filter(is_active=True)
        .filter(Exists(memberships.filter(user_id=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships.order_by("unit__name", "unit_id"),
                to_attr="scoped_memberships",
            )
        )
    )
    return ColleagueFilterSet.apply(qs, filters, user=user)
