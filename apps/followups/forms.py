"""Forms of the follow-up pages. They only shape input; the services hold the rules."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.dates import BoundedDateField
from apps.core.forms import DateInput
from apps.core.models import RATING_MAX, RATING_MIN
from apps.followups.choices import FollowUpDecision, GoalOutcome, StillMatters
from apps.followups.rules import NOTES_MAX, OWN_WORDS_MAX
from apps.interventions.models import Intervention
from apps.whatmatters.models import Goal

NEXT_REQUIRED = _("Planera nästa uppföljning (eller besluta att avsluta).")


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, goal):
        return f"”{Truncator(goal.own_words).chars(90)}”"


class InterventionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, intervention):
        return f"{intervention.title} ({intervention.get_status_display().lower()})"


class ResponsibleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return str(user)


class FollowUpScheduleForm(forms.Form):
    goal = GoalChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=pgettext_lazy("singular", "Mål"),
        empty_label=_("Inget mål"),
    )
    intervention = InterventionChoiceField(
        queryset=Intervention.objects.none(),
        required=False,
        label=_("Insats"),
        empty_label=_("Ingen insats"),
    )
    due_date = BoundedDateField(label=_("Ska göras senast"), widget=DateInput())
    responsible = ResponsibleChoiceField(queryset=None, label=_("Ansvarig"))

    def __init__(self, *args, goals, interventions, responsibles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["intervention"].queryset = interventions
        self.fields["responsible"].queryset = responsibles

    def clean(self):
        data = super().clean()
        nothing_chosen = not data.get("goal") and not data.get("intervention")
        if nothing_chosen and not ({"goal", "intervention"} & set(self.errors)):
            message = _("Välj ett mål eller en insats att följa upp.")
            self.add_error(
                None, forms.ValidationError(message, code="goal_or_intervention_required")
            )
        return data


class FollowUpCompleteForm(forms.Form):
    own_words = forms.CharField(
        label=_("Hur fungerar det nu? Med personens egna ord"),
        max_length=OWN_WORDS_MAX,
        help_text=_("Skriv ordagrant det personen säger."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    performance = forms.IntegerField(
        label=_("Hur går det nu? (0–10)"),
        required=False,
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        help_text=_(
            "Personens egen bedömning, på samma skala som förut. Lämna tomt om personen "
            "inte kan ange en siffra."
        ),
        widget=forms.NumberInput(
            attrs={"min": RATING_MIN, "max": RATING_MAX, "inputmode": "numeric"}
        ),
    )
    still_matters = forms.ChoiceField(
        label=_("Är det fortfarande viktigt för personen?"),
        choices=StillMatters.choices,
        widget=forms.RadioSelect,
    )
    goal_outcome = forms.ChoiceField(
        label=_("Hur har det gått med målet?"),
        choices=[("", _("Inte bedömt nu")), *GoalOutcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    decision = forms.ChoiceField(
        label=_("Beslut"), choices=FollowUpDecision.choices, widget=forms.RadioSelect
    )
    next_due_date = BoundedDateField(
        label=_("Nästa uppföljning senast"),
        required=False,
        help_text=_("Behövs inte om beslutet är att avsluta."),
        widget=DateInput(),
    )
    next_responsible = ResponsibleChoiceField(
        queryset=None,
        label=_("Ansvarig för nästa uppföljning"),
        required=False,
        help_text=_("Behövs inte om beslutet är att avsluta."),
    )
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, has_goal: bool, responsibles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_responsible"].queryset = responsibles
        if not has_goal:
            del self.fields["goal_outcome"]

    @property
    def ends(self) -> bool:
        return self.cleaned_data.get("decision") == FollowUpDecision.END

    def clean(self):
        data = super().clean()
        if data.get("decision") and not self.ends:
            if not data.get("next_due_date") and "next_due_date" not in self.errors:
                self.add_error("next_due_date", NEXT_REQUIRED)
            if not data.get("next_responsible") and "next_responsible" not in self.errors:
                self.add_error(
                    "next_responsible", _("Välj vem som ansvarar för nästa uppföljning.")
                )
        return data
