"""One FilterSet per model, shared by the pages and the API."""

import uuid

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.dates import BoundedDateFilter
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet, range_filters
from apps.followups.choices import FollowUpStatus
from apps.followups.models import FollowUp

ME = "me"


class UserOrMeField(forms.CharField):
    """A user id, or `me` for the signed-in user."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if value in ("", ME):
            return value
        try:
            return uuid.UUID(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Ange ett användar-id eller me."), code="invalid"
            ) from exc


class UserOrMeFilter(django_filters.Filter):
    field_class = UserOrMeField


def _overdue(today):
    return Q(status=FollowUpStatus.SCHEDULED, due_date__lt=today)


class FollowUpFilterSet(RecipientOwnedFilterSet):
    status = ChoicesFilter(choices=FollowUpStatus.choices)
    responsible = UserOrMeFilter(
        method="filter_responsible", label=gettext_lazy("Ansvarig (id eller me)")
    )
    intervention = django_filters.UUIDFilter(
        field_name="intervention_id", label=gettext_lazy("Insats (id)")
    )
    goal = django_filters.UUIDFilter(field_name="goal_id", label=gettext_lazy("Mål (id)"))
    due_after, due_before = range_filters(
        BoundedDateFilter,
        "due_date",
        after=gettext_lazy("Ska göras tidigast (fr.o.m. datum)"),
        before=gettext_lazy("Ska göras senast (t.o.m. datum)"),
        inclusive=True,
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Försenad (planerad och datumet passerat)")
    )

    class Meta:
        model = FollowUp
        fields = [
            "recipient",
            "unit",
            "status",
            "responsible",
            "intervention",
            "goal",
            "due_before",
            "due_after",
            "overdue",
            "updated_since",
        ]

    def filter_responsible(self, queryset, name, value):
        if value == ME:
            return queryset.filter(responsible_id=self.request.user.pk)
        return queryset.filter(responsible_id=value)

    def filter_overdue(self, queryset, name, value):
        overdue = _overdue(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
