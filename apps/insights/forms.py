from django import forms
from django.utils.translation import gettext_lazy as _


class UnitChoiceForm(forms.Form):
    """Which of the managed units the overview covers. Rendering only: the view resolves the
    `unit` parameter through the selectors (404 for a unit the user does not manage)."""

    unit = forms.ChoiceField(label=_("Enhet"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        several_organisations = len({unit.organisation_id for unit in units}) > 1
        self.fields["unit"].choices = [("", _("Alla enheter"))] + [
            (
                str(unit.pk),
                f"{unit.name} ({unit.organisation.name})" if several_organisations else unit.name,
            )
            for unit in units
        ]
