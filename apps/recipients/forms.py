from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.dates import BoundedDateField
from apps.core.forms import DateInput
from apps.organisations.models import Unit
from apps.organisations.permissions import RECIPIENT_EDITORS
from apps.recipients.choices import RecipientStatus
from apps.recipients.identity import parse_identity_number
from apps.recipients.models import CareRecipient
from apps.recipients.services import RECIPIENT_FIELDS


class RecipientForm(forms.ModelForm):
    # Wider than the stored 13 characters: people type spaces, which are removed when normalised.
    personal_number = forms.CharField(
        label=_("Personnummer"),
        max_length=20,
        help_text=_("Personnummer eller samordningsnummer, t.ex. 19121212-1212."),
    )

    class Meta:
        model = CareRecipient
        fields = RECIPIENT_FIELDS
        field_classes = {"start_date": BoundedDateField, "end_date": BoundedDateField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "communication_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = (
            Unit.objects.all()
            if user.is_superuser
            else Unit.objects.with_role(user, *RECIPIENT_EDITORS)
        )
        self.fields["unit"].queryset = units.select_related("organisation")
        if self.instance._state.adding:
            only = list(units[:2])
            if len(only) == 1:  # nothing to choose: the one unit the user can add people to
                self.fields["unit"].initial = only[0].pk
        self.fields["personal_number"].widget.attrs.update(
            {"autocomplete": "off", "inputmode": "numeric", "placeholder": _("ÅÅÅÅMMDD-NNNN")}
        )

    def clean_personal_number(self):
        return parse_identity_number(self.cleaned_data["personal_number"]).normalised

    def _post_clean(self):
        # Validation that needs the organisation (unit belongs to it, number unique in it) runs
        # in the model; set the organisation from the chosen unit before it does.
        unit = self.cleaned_data.get("unit")
        if unit is not None and self.instance._state.adding:
            self.instance.organisation_id = unit.organisation_id
        super()._post_clean()


class RecipientFilterForm(forms.Form):
    """The list page's form in front of RecipientFilterSet, which holds the rules: its `unit`
    and `status` as choices (the API takes the same parameters), and the search box, which is
    not a filter (POSTed: names and numbers never go in a URL). `filters()` and `search()` are
    what the selector takes."""

    q = forms.CharField(label=_("Sök namn eller personnummer"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Alla enheter"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alla")), *RecipientStatus.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.all() if user.is_superuser else Unit.objects.of_user(user)
        if units[:2].count() > 1:
            self.fields["unit"].queryset = units
        else:
            # One unit (or none): choosing between "all" and that one unit chooses nothing.
            del self.fields["unit"]
        self.fields["q"].widget.attrs.update({"autocomplete": "off", "type": "search"})

    def filters(self) -> dict:
        """The RecipientFilterSet parameters chosen (none while the form is not valid)."""
        if not self.is_valid():
            return {}
        chosen = {}
        if self.cleaned_data.get("unit") is not None:
            chosen["unit"] = str(self.cleaned_data["unit"].pk)
        if self.cleaned_data.get("status"):
            chosen["status"] = [self.cleaned_data["status"]]
        return chosen

    def search(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
