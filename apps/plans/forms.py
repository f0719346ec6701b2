"""Forms of the care plan pages. They only shape input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.plans.models import CarePlanVersion
from apps.plans.services import COMMENT_MAX

SUMMARY_MAX = CarePlanVersion._meta.get_field("summary").max_length


class VersionedActionForm(forms.Form):
    """Carries the row version the page was rendered from, so that acting on a stale page is
    refused instead of silently overriding someone else's change."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class SummaryForm(VersionedActionForm):
    summary = forms.CharField(
        label=_("Planen i klartext"),
        help_text=_("Skriv så att personen själv förstår planen. Den skrivs ut till personen."),
        required=False,
        strip=True,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ApproveForm(VersionedActionForm):
    comment = forms.CharField(
        label=_("Kommentar (frivillig)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # What the reviewer was shown; the view refuses the approval if the plan changed since.
    content = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class ReturnForm(VersionedActionForm):
    comment = forms.CharField(
        label=_("Vad behöver ändras?"),
        help_text=_("Kommentaren visas för den som skrev planen."),
        max_length=COMMENT_MAX,
        error_messages={"required": _("Skriv vad som behöver ändras innan planen återsänds.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
