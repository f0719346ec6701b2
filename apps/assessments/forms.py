"""The assessment form on the intervention page. The service holds the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import AssessmentDecision, AssessmentKind, Profession
from apps.assessments.services import RATIONALE_MAX


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad bedöms?"), choices=AssessmentKind.choices, widget=forms.RadioSelect
    )
    profession = forms.ChoiceField(label=_("Din profession"), choices=Profession.choices)
    decision = forms.ChoiceField(
        label=_("Bedömning"), choices=AssessmentDecision.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Motivering"),
        help_text=_("Vad grundar du bedömningen på? Risker och förutsättningar."),
        max_length=RATIONALE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
