"""One FilterSet for the access log, used by the review pages and the CSV export.

The period filters compare `at` with the start of a local day (Europe/Stockholm), never a
function of the column, so that the index on `at` is used. Channel, outcome and "outside own
units" have their own indexes (models.py); recipient and user use the (recipient_id, -at) and
(user, -at) indexes.
"""

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.choices import Channel, Outcome
from apps.audit.forms import AccessLogFilterForm
from apps.audit.models import AccessLog
from apps.core.dates import BoundedDateFilter
from apps.core.filters import BaseFilterSet
from apps.core.forms import DateInput

# An allowed access is a read or a write (the method tells which: apps/audit/labels.py).
OUTCOME_CHOICES = [
    (Outcome.ALLOWED, _("Tillåten (läst eller ändrat)")),
    (Outcome.DENIED, _("Nekad")),
]


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AccessLogFilterSet(BaseFilterSet):
    date_from = BoundedDateFilter(method="filter_from", label=_("Från och med"), widget=DateInput())
    date_to = BoundedDateFilter(method="filter_to", label=_("Till och med"), widget=DateInput())
    channel = django_filters.ChoiceFilter(
        choices=Channel.choices, label=_("Kanal"), empty_label=_("Alla kanaler")
    )
    outcome = django_filters.ChoiceFilter(
        choices=OUTCOME_CHOICES, label=_("Utfall"), empty_label=_("Tillåten och nekad")
    )
    outside = django_filters.BooleanFilter(
        method="filter_outside",
        label=_("Bara åtkomst utanför egna enheter"),
        widget=forms.CheckboxInput(),
    )
    recipient = django_filters.UUIDFilter(
        field_name="recipient_id", label=_("Omsorgstagare (id)"), widget=forms.HiddenInput()
    )
    user = django_filters.UUIDFilter(
        field_name="user_id", label=_("Användare (id)"), widget=forms.HiddenInput()
    )

    class Meta:
        model = AccessLog
        fields = ["date_from", "date_to", "channel", "outcome", "outside", "recipient", "user"]
        form = AccessLogFilterForm

    def filter_queryset(self, queryset):
        # The form also holds `view` (the page's grouping), which is not a filter.
        for name, filter_ in self.filters.items():
            queryset = filter_.filter(queryset, self.form.cleaned_data.get(name))
        return queryset

    def filter_from(self, queryset, name, value):
        return queryset.filter(at__gte=start_of_day(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(at__lt=start_of_day(value + dt.timedelta(days=1)))

    def filter_outside(self, queryset, name, value):
        return queryset.filter(outside_own_units=True) if value else queryset
