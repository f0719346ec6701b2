"""Forms of the what-matters pages. They only shape input; the services hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.catalogue.models import LifeArea
from apps.core.dates import BoundedDateField, BoundedDateTimeField
from apps.core.forms import DateInput, DateTimeInput
from apps.core.models import RATING_MAX, RATING_MIN
from apps.whatmatters.choices import ConversationLocation, GoalStatus
from apps.whatmatters.models import OWN_WORDS_MAX, Answer
from apps.whatmatters.services import ANSWER_FIELDS

STAFF_SUMMARY_MAX = 2000
INDICATOR_MAX = 2000
PARTICIPANTS_MAX = 500
# Rows of answers one conversation form takes at most (three to start with, one more per click).
ANSWER_ROWS_START = 3
ANSWER_ROWS_MAX = 30


def now_for_input():
    return timezone.localtime().replace(second=0, microsecond=0)


def life_area_choices() -> list[tuple[str, str]]:
    """Read once per page and shared by every answer row (not a query per row)."""
    return [(area.code, area.label) for area in LifeArea.objects.all()]


# Said once above the answers rather than under every rating field.
RATING_HELP = _(
    "Personen bedömer själv, från 0 till 10, hur viktigt det är och hur det går i dag. "
    "Lämna tomt om personen inte vill ange en siffra."
)


def rating_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        widget=forms.NumberInput(
            attrs={"min": RATING_MIN, "max": RATING_MAX, "inputmode": "numeric"}
        ),
    )


VERBATIM_HELP = _("Skriv ordagrant det personen säger.")


def own_words_field(label, help_text=VERBATIM_HELP):
    return forms.CharField(
        label=label,
        max_length=OWN_WORDS_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def location_field(*, required=True):
    blank = [] if required else [("", _("Välj"))]
    return forms.ChoiceField(
        label=_("Var hölls samtalet?"),
        choices=[*blank, *ConversationLocation.choices],
        required=required,
    )


class ConversationForm(forms.Form):
    held_at = BoundedDateTimeField(label=_("När hölls samtalet?"), widget=DateTimeInput())
    location = location_field()
    participants = forms.CharField(
        label=_("Vem deltog?"),
        required=False,
        max_length=PARTICIPANTS_MAX,
        help_text=_("t.ex. omsorgstagaren och dottern"),
    )
    notes = forms.CharField(
        label=_("Anteckningar från samtalet"),
        required=False,
        max_length=OWN_WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerFields(forms.Form):
    """The person's words and ratings: one answer row, or the new words of a changed answer."""

    life_area = forms.ChoiceField(label=_("Livsområde"), choices=())
    importance = rating_field(_("Hur viktigt är det? (0–10)"))
    performance = rating_field(_("Hur går det i dag? (0–10)"))
    wants_to_manage_self = forms.BooleanField(label=_("Vill klara det själv"), required=False)
    staff_summary = forms.CharField(
        label=_("Personalens sammanfattning (valfritt)"),
        required=False,
        max_length=STAFF_SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, life_area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["life_area"].choices = [("", _("Välj livsområde")), *life_area_choices]

    def answer_values(self) -> dict:
        """The answer's fields, as the services take them."""
        return {name: self.cleaned_data[name] for name in ANSWER_FIELDS}


class AnswerForm(AnswerFields):
    own_words = own_words_field(_("Med personens egna ord"))
    field_order = ["own_words", "life_area", "importance", "performance"]


class BaseAnswerFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[AnswerForm]:
        """The rows the user wrote in (untouched rows are left out, not refused)."""
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        if not self.filled_forms():
            raise ValidationError(_("Skriv minst ett svar med personens egna ord."))


AnswerFormSet = forms.formset_factory(
    AnswerForm,
    formset=BaseAnswerFormSet,
    extra=ANSWER_ROWS_START,
    max_num=ANSWER_ROWS_MAX,
    absolute_max=ANSWER_ROWS_MAX,
    validate_max=True,
)


def without_errors(form) -> None:
    """Re-shown only to add a row: keep what was typed, and do not judge it yet."""
    form._errors = ErrorDict()


class AnswerChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, answer):
        return f"{answer.life_area.label}: ”{answer.own_words}”"


class GoalForm(forms.Form):
    answers = AnswerChoiceField(
        queryset=Answer.objects.none(),
        label=_("Målet utgår från"),
        help_text=_("Välj ett eller flera av personens svar."),
    )
    own_words = own_words_field(
        _("Målet med personens ord"), help_text=_("Formulera målet tillsammans med personen.")
    )
    indicator = forms.CharField(
        label=_("Hur vet vi att målet nås?"),
        required=False,
        max_length=INDICATOR_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_date = BoundedDateField(label=_("Måldatum"), required=False, widget=DateInput())

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = answers

    def goal_values(self) -> dict:
        """The goal's fields, as the services take them."""
        data = self.cleaned_data
        return {
            "answers": list(data["answers"]),
            "own_words": data["own_words"],
            "indicator": data["indicator"],
            "target_date": data["target_date"],
        }


class GoalUpdateForm(GoalForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def goal_values(self) -> dict:
        return {**super().goal_values(), "status": self.cleaned_data["status"]}


SAME_CONVERSATION, NEW_CONVERSATION = "same", "new"


class AnswerSupersedeForm(AnswerFields):
    own_words = own_words_field(_("Vad säger personen nu? Med egna ord"))
    where = forms.ChoiceField(
        label=_("Var sades det?"),
        widget=forms.RadioSelect,
        choices=(),
        initial=NEW_CONVERSATION,
    )
    held_at = BoundedDateTimeField(
        label=_("När hölls det nya samtalet?"), required=False, widget=DateTimeInput()
    )
    location = location_field(required=False)
    participants = forms.CharField(
        label=_("Vem deltog?"), required=False, max_length=PARTICIPANTS_MAX
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    field_order = ["own_words", "life_area", "importance", "performance"]

    def __init__(self, *args, old_conversation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = [
            (NEW_CONVERSATION, _("I ett nytt samtal")),
            (
                SAME_CONVERSATION,
                _("I samma samtal som det gamla svaret (%(date)s)")
                % {"date": timezone.localtime(old_conversation.held_at).strftime("%Y-%m-%d")},
            ),
        ]

    def clean(self):
        data = super().clean()
        if data.get("where") == NEW_CONVERSATION:
            required = _("Fyll i för det nya samtalet.")
            for name in ("held_at", "location"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, required)
        return data
