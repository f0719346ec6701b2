"""Forms of the intervention pages. They only shape input; the services hold the rules."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.dates import BoundedDateField, BoundedDateTimeField
from apps.core.forms import DateInput, DateTimeInput
from apps.interventions import lifecycle
from apps.interventions.choices import (
    ConsentGiver,
    ConsentMethod,
    Delivery,
    EndReason,
    InterventionAction,
)
from apps.interventions.models import Consent, Intervention
from apps.recipients.choices import LEGAL_REPRESENTATIVE_KINDS
from apps.recipients.models import Contact

DEFAULT_TRIAL_DAYS = 30


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


class ProposeForm(forms.Form):
    """Propose an intervention: what it serves first, then technology or in person."""

    serves_answers = forms.ModelMultipleChoiceField(
        label=_("Personens svar som insatsen svarar mot"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Svaret finns inte bland personens aktuella svar.")},
    )
    serves_goals = forms.ModelMultipleChoiceField(
        label=_("Mål som insatsen svarar mot"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Målet finns inte bland personens pågående mål.")},
    )
    delivery = forms.ChoiceField(
        label=_("Hur utförs insatsen?"),
        choices=Delivery.choices,
        initial=Delivery.TECHNOLOGY,
        widget=forms.RadioSelect,
    )
    technology = forms.ModelChoiceField(
        label=_("Teknik ur katalogen"),
        queryset=None,
        required=False,
        empty_label=_("Ingen teknik (utförs personligt på plats)"),
        blank=True,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj en aktiv teknik ur katalogen.")},
    )
    digital_first_reason = forms.CharField(
        label=_("Varför passar inte teknik?"),
        help_text=_("Digitalt först: krävs när insatsen utförs personligt på plats."),
        required=False,
        max_length=_max_length(Intervention, "digital_first_reason"),
        widget=textarea(),
    )
    in_person_description = forms.CharField(
        label=_("Vad görs personligt på plats?"),
        required=False,
        max_length=_max_length(Intervention, "in_person_description"),
        widget=textarea(),
    )
    title = forms.CharField(
        label=_("Kort beskrivning"),
        max_length=_max_length(Intervention, "title"),
        help_text=_("t.ex. ”Nattkamera i stället för nattlig tillsyn”"),
    )
    rationale = forms.CharField(
        label=_("Varför insatsen passar"),
        help_text=_("Utgå från det personen har sagt är viktigt."),
        max_length=_max_length(Intervention, "rationale"),
        widget=textarea(4),
    )
    visits_replaced_per_week = forms.DecimalField(
        label=_("Ersatta besök per vecka"),
        help_text=_("Hur många besök på plats insatsen ersätter, t.ex. 7 nattbesök."),
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, answers, goals, technologies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["serves_answers"].queryset = answers
        self.fields["serves_goals"].queryset = goals
        self.fields["technology"].queryset = technologies

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "serves_answers": list(data["serves_answers"]),
            "serves_goals": list(data["serves_goals"]),
            "delivery": data["delivery"],
            "technology": data["technology"],
            "digital_first_reason": data["digital_first_reason"],
            "in_person_description": data["in_person_description"],
            "title": data["title"],
            "rationale": data["rationale"],
            "visits_replaced_per_week": data["visits_replaced_per_week"] or 0,
        }


END_REASON_CHOICES = [
    ("", _("Välj skäl")),
    *[(value, label) for value, label in EndReason.choices if value != EndReason.CONSENT_WITHDRAWN],
]


class TransitionForm(forms.Form):
    """One lifecycle action: a reason (required where the lifecycle says so), trial dates for
    start_trial, the end reason for end. `version` catches a change made in between."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Kommentar (valfritt)"),
        required=False,
        max_length=lifecycle.REASON_MAX_LENGTH,
        widget=textarea(),
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action == InterventionAction.START_TRIAL:
            today = timezone.localdate()
            self.fields["trial_start"] = BoundedDateField(
                label=_("Utprovningen börjar"), widget=DateInput(), initial=today
            )
            self.fields["trial_end"] = BoundedDateField(
                label=_("Utprovningen slutar"),
                help_text=_("En utprovning har ett slutdatum, högst %(days)d dagar efter start.")
                % {"days": lifecycle.MAX_TRIAL_DAYS},
                widget=DateInput(),
                initial=today + dt.timedelta(days=DEFAULT_TRIAL_DAYS),
            )
        if action == InterventionAction.END:
            self.fields["end_reason"] = forms.ChoiceField(
                label=_("Skäl till avslut"), choices=END_REASON_CHOICES
            )
        if action in lifecycle.REASON_REQUIRED:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Varför?")
            self.fields["reason"].help_text = _("Skälet sparas i händelseloggen.")
        self.order_fields(["trial_start", "trial_end", "end_reason", "reason", "version"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"reason": data.get("reason", ""), "expected_version": data.get("version")}
        for name in ("trial_start", "trial_end", "end_reason"):
            if name in self.fields:
                kwargs[name] = data.get(name)
        return kwargs


class ConsentForm(forms.Form):
    given_by = forms.ChoiceField(
        label=_("Vem lämnar samtycket?"), choices=ConsentGiver.choices, widget=forms.RadioSelect
    )
    representative = forms.ModelChoiceField(
        label=_("Företrädare (god man eller förvaltare)"),
        help_text=_("Välj bland personens registrerade företrädare."),
        queryset=None,
        required=False,
        empty_label=_("Välj företrädare"),
    )
    cohabitant = forms.ModelChoiceField(
        label=_("Samboende närstående"),
        help_text=_("Välj bland närstående som bor med personen."),
        queryset=None,
        required=False,
        empty_label=_("Välj närstående"),
    )
    method = forms.ChoiceField(
        label=_("Hur lämnades samtycket?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    given_at = BoundedDateTimeField(label=_("När lämnades samtycket?"), widget=DateTimeInput())

    def __init__(self, *args, recipient, **kwargs):
        kwargs.setdefault("initial", {"given_at": timezone.localtime().replace(second=0)})
        super().__init__(*args, **kwargs)
        contacts = Contact.objects.filter(recipient=recipient).order_by("name", "id")
        self.fields["representative"].queryset = contacts.filter(
            kind__in=LEGAL_REPRESENTATIVE_KINDS
        )
        self.fields["cohabitant"].queryset = contacts.filter(lives_with_recipient=True)
        if not self.fields["representative"].queryset.exists():
            self.fields["representative"].help_text = _(
                "Ingen god man eller förvaltare är registrerad för personen."
            )
        if not self.fields["cohabitant"].queryset.exists():
            self.fields["cohabitant"].help_text = _(
                "Ingen närstående som bor med personen är registrerad."
            )

    def clean(self):
        data = super().clean()
        given_by = data.get("given_by")
        if given_by == ConsentGiver.REPRESENTATIVE and not data.get("representative"):
            message = _("Välj vilken företrädare som samtycker.")
            self.add_error("representative", forms.ValidationError(message, code="required"))
        if given_by == ConsentGiver.COHABITANT and not data.get("cohabitant"):
            message = _("Välj vilken samboende närstående som samtycker.")
            self.add_error("cohabitant", forms.ValidationError(message, code="required"))
        return data

    @property
    def contact_field(self) -> str:
        given_by = self.cleaned_data.get("given_by")
        return "cohabitant" if given_by == ConsentGiver.COHABITANT else "representative"

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        contact = {
            ConsentGiver.REPRESENTATIVE: data.get("representative"),
            ConsentGiver.COHABITANT: data.get("cohabitant"),
        }.get(data["given_by"])
        return {
            "given_by": data["given_by"],
            "contact": contact,
            "method": data["method"],
            "given_at": data["given_at"],
        }


class ConsentWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför återkallas samtycket?"),
        max_length=_max_length(Consent, "withdrawn_reason"),
        widget=textarea(),
    )
