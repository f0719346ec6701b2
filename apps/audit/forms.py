import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How the start page groups the log.
BY_RECIPIENT, BY_USER = "omsorgstagare", "anvandare"
VIEW_CHOICES = [(BY_RECIPIENT, _("Per omsorgstagare")), (BY_USER, _("Per användare"))]
DEFAULT_DAYS = 30


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AccessLogFilterForm(forms.Form):
    """The base form of AccessLogFilterSet: the filters' fields are added to it. `view` only
    chooses the grouping of the start page; it filters nothing."""

    view = forms.ChoiceField(
        label=_("Visa"), choices=VIEW_CHOICES, required=False, widget=forms.RadioSelect
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Slutdatum kan inte ligga före startdatum."))
        return cleaned


def with_default_period(params, today: dt.date | None = None):
    """The request's filters, with the last 30 days when no period is given."""
    today = today or timezone.localdate()
    data = params.copy()
    data.pop("page", None)
    if not data.get("date_from"):
        data["date_from"] = (today - dt.timedelta(days=DEFAULT_DAYS)).isoformat()
    if not data.get("date_to"):
        data["date_to"] = today.isoformat()
    if data.get("view") not in (BY_RECIPIENT, BY_USER):
        data["view"] = BY_RECIPIENT
    return data
