"""One FilterSet per list, shared by the pages and the API: the staff of the caller's units."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.filters import BaseFilterSet
from apps.organisations.choices import Role
from apps.organisations.models import Membership


class ColleagueFilterSet(BaseFilterSet):
    """`unit` and `role` together mean one membership: that role in that unit. Both only
    ever look at the caller's units, so a role held elsewhere does not count (or leak)."""

    unit = django_filters.UUIDFilter(method="filter_membership", label=_("Enhet (id)"))
    role = django_filters.MultipleChoiceFilter(
        choices=Role.choices, method="filter_membership", label=_("Roll")
    )
    q = django_filters.CharFilter(method="filter_name", label=_("Namn (för- eller efternamn)"))

    class Meta:
        model = User
        fields = ["unit", "role", "q"]

    def filter_membership(self, queryset, name, value):
        return queryset  # applied once for both, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        unit, roles = self.form.cleaned_data.get("unit"), self.form.cleaned_data.get("role")
        if unit is None and not roles:
            return queryset
        memberships = Membership.objects.in_scope(self.request.user).filter(user_id=OuterRef("pk"))
        if unit is not None:
            memberships = memberships.filter(unit_id=unit)
        if roles:
            memberships = memberships.filter(role__in=roles)
        return queryset.filter(Exists(memberships))

    def filter_name(self, queryset, name, value):
        # Names only, never user names: a search must not tell whether a login exists.
        q = Q()
        for word in value.split():
            q &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return queryset.filter(q)
