"""Reads of users: the staff of the caller's units.

The staff a caller may look up are the active users holding a membership in one of the
caller's units (`apps.organisations.selectors.memberships_in_scope`), and of each only the
memberships in those units: where else a colleague works is not the caller's business.
"""

from django.db.models import Exists, OuterRef, Prefetch

from apps.accounts.filters import ColleagueFilterSet
from apps.accounts.models import User
from apps.organisations.selectors import memberships_in_scope


def colleague_list(*, user, filters=None):
    """Active users with a membership in one of the caller's units, each with
    `scoped_memberships`: their memberships in those units only."""
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
