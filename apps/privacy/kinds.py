"""The kinds of record held about one care recipient, in one list: where each kind's change
history lives, how its rows are found for one person, and the short label that names one
record on a page (from the record's own fields, never from another person's)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.assessments.models import Assessment
from apps.followups.models import FollowUp
from apps.interventions.models import Consent, Intervention
from apps.plans.models import CarePlan, CarePlanVersion
from apps.privacy.values import LabelBook
from apps.recipients.models import CareRecipient, Contact, ProtectedIdentityGrant
from apps.whatmatters.models import Answer, Conversation, Goal

SHORT_LABEL = 60


def _words(text: str) -> str:
    return Truncator(text or "").chars(SHORT_LABEL)


def _choice(row, name: str) -> str:
    field = type(row)._meta.get_field(name)
    value = getattr(row, name)
    return str(dict(field.flatchoices).get(value, value or ""))


def _when(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return date_format(value, "Y-m-d")


@dataclass(frozen=True)
class RecordKind:
    key: str
    model: type[Model]
    # The historical rows of one person: lookups on the history model, given the person's id.
    history_filter: Callable[[object], dict]
    label: Callable[[Model, LabelBook], str]
    # Who has been granted access to a protected identity: only for those who may grant it.
    restricted: bool = False
    m2m_fields: tuple[str, ...] = field(default=())

    @property
    def history_model(self):
        return self.model.history.model

    @property
    def title(self) -> str:
        text = str(self.model._meta.verbose_name)
        return text[:1].upper() + text[1:]


def _by_recipient(recipient_id) -> dict:
    return {"recipient_id": recipient_id}


def _versions_of(recipient_id) -> dict:
    plans = CarePlan.history.model.objects.filter(recipient_id=recipient_id).values("id")
    return {"plan_id__in": plans}


def _follow_up_label(row, book) -> str:
    about = ""
    if row.goal_id:
        about = book.name(Goal, row.goal_id)
    elif row.intervention_id:
        about = book.name(Intervention, row.intervention_id)
    when = _when(row.due_date)
    return f"{when}: {about}" if about else when


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "recipient",
        CareRecipient,
        lambda rid: {"id": rid},
        lambda row, book: _("Registeruppgifter"),
    ),
    RecordKind(
        "contact",
        Contact,
        _by_recipient,
        lambda row, book: f"{row.name} ({_choice(row, 'kind')})",
    ),
    RecordKind(
        "protected_identity_grant",
        ProtectedIdentityGrant,
        _by_recipient,
        lambda row, book: book.name(User, row.user_id),
        restricted=True,
    ),
    RecordKind(
        "conversation",
        Conversation,
        _by_recipient,
        lambda row, book: f"{_when(row.held_at)} ({_choice(row, 'location')})",
    ),
    RecordKind("answer", Answer, _by_recipient, lambda row, book: _words(row.own_words)),
    RecordKind(
        "goal",
        Goal,
        _by_recipient,
        lambda row, book: _words(row.own_words),
        m2m_fields=("answers",),
    ),
    RecordKind(
        "intervention",
        Intervention,
        _by_recipient,
        lambda row, book: row.title,
        m2m_fields=("serves_answers", "serves_goals"),
    ),
    RecordKind(
        "consent",
        Consent,
        _by_recipient,
        lambda row, book: (
            f"{book.name(Intervention, row.intervention_id)}: {_choice(row, 'given_by')}"
        ),
    ),
    RecordKind(
        "assessment",
        Assessment,
        _by_recipient,
        lambda row, book: f"{_choice(row, 'kind')}: {book.name(Intervention, row.intervention_id)}",
    ),
    RecordKind("follow_up", FollowUp, _by_recipient, _follow_up_label),
    RecordKind("care_plan", CarePlan, _by_recipient, lambda row, book: _("Genomförandeplan")),
    RecordKind(
        "care_plan_version",
        CarePlanVersion,
        _versions_of,
        lambda row, book: _("Version %(number)s") % {"number": row.number},
    ),
)

KIND_BY_MODEL = {kind.model: kind for kind in KINDS}
