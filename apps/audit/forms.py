import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.models import LogReview
from apps.audit.services import log_review_errors
from apps.core.dates import BoundedDateField
from apps.core.forms import DateInput

# How the start page groups the log.
BY_RECIPIENT, BY_USER = "omsorgstagare", "anvandare"
VIEW_CHOICES = [(BY_RECIPIENT, _("Per omsorgstagare")), (BY_USER, _("Per användare"))]
DEFAULT_DAYS = 30


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
            message = _("Slutdatum kan inte ligga före startdatum.")
            self.add_error("date_to", forms.ValidationError(message, code="before_start"))
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


class LogReviewForm(forms.ModelForm):
    """Documenting a check of one unit's log. `units`: the units the reviewer checks."""

    class Meta:
        model = LogReview
        fields = [
            "unit",
            "period_start",
            "period_end",
            "method",
            "scope",
            "accesses_checked",
            "finding",
            "notes",
        ]
        field_classes = {"period_start": BoundedDateField, "period_end": BoundedDateField}
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "method": forms.RadioSelect,
            "finding": forms.RadioSelect,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Välj enhet")
        self.fields["accesses_checked"].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean(self):
        cleaned = super().clean()
        errors = log_review_errors(
            period_start=cleaned.get("period_start"),
            period_end=cleaned.get("period_end"),
            finding=cleaned.get("finding"),
            notes=cleaned.get("notes"),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned


def review_period_initial(today: dt.date | None = None) -> dict:
    """The last full calendar month: the usual period of a monthly check."""
    today = today or timezone.localdate()
    end = today.replace(day=1) - dt.timedelta(days=1)
    return {"period_start": end.replace(day=1), "period_end": end}


SAMPLE_SIZE, SAMPLE_SIZE_MAX = 20, 100


class SampleForm(forms.Form):
    """Which unit's log to sample and how many accesses; the period and the other filters are
    the log filters'. `seed` makes the sample reproducible (the address can be documented)."""

    unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Enhet"), empty_label=_("Alla enheter")
    )
    size = forms.IntegerField(
        label=_("Antal åtkomster"), min_value=1, max_value=SAMPLE_SIZE_MAX, required=False
    )
    seed = forms.IntegerField(min_value=1, max_value=2**31 - 2, widget=forms.HiddenInput)
    # The newest log row when the sample was drawn: rows written since (reading the sample is
    # itself logged) stay out, so the same address shows the same sample.
    until = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units[:2].count() < 2:
            # One unit: "all" is that unit; nothing to choose, but a link may still name it.
            self.fields["unit"].widget = forms.HiddenInput()
