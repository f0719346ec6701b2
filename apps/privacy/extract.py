"""The register extract (registerutdrag, GDPR art. 15): everything held about one care
recipient — registration data, contacts, who has been granted access, every record of every
app, the full change history and the access log about the person — as JSON and as a
printable page. Only an administrator of the person's unit (or a superuser) produces one;
the production is itself logged (an AccessLog row, channel export, kept five years).

Read in a fixed number of queries whatever the amount of data. For a person with protected
identity everything is included: it is the person's own data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.assessments.models import Assessment
from apps.audit.models import AccessLog
from apps.followups.models import FollowUp
from apps.interventions.models import Consent, Intervention, InterventionEvent
from apps.organisations.permissions import can_produce_extract, require
from apps.plans.models import CarePlan, CarePlanVersion
from apps.plans.presentation import present_content
from apps.privacy.kinds import KIND_BY_MODEL
from apps.privacy.selectors import HistoryEntry, recipient_history
from apps.privacy.values import Fact, LabelBook, facts, json_value, record_json
from apps.recipients.models import Contact, ProtectedIdentityGrant
from apps.whatmatters.models import Answer, Conversation, Goal

# The access log's `what` for the production of an extract (see views).
EXTRACT_WHAT = "registerutdrag"
FORMAT = "carecenter-registerutdrag/1"

# The sections of the extract, in the order of the page: JSON key and heading.
SECTION_TITLES = {
    "contacts": gettext_lazy("Närstående och företrädare"),
    "protected_identity_grants": gettext_lazy("Behörigheter till skyddad identitet"),
    "conversations": gettext_lazy("Samtal: Vad är viktigt för dig?"),
    "answers": gettext_lazy("Svar: vad som är viktigt"),
    "goals": gettext_lazy("Mål"),
    "interventions": gettext_lazy("Insatser"),
    "consents": gettext_lazy("Samtycken"),
    "assessments": gettext_lazy("Bedömningar"),
    "follow_ups": gettext_lazy("Uppföljningar"),
    "care_plans": gettext_lazy("Genomförandeplan"),
    "care_plan_versions": gettext_lazy("Versioner av genomförandeplanen"),
}


def require_extract_permission(user, recipient) -> None:
    require(
        can_produce_extract,
        user,
        recipient,
        _("Det är systemförvaltare i personens enhet som tar fram registerutdrag."),
    )


@dataclass
class ExtractRecord:
    obj: Any
    label: str
    facts: list[Fact]
    links: list[tuple[str, list[str]]] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    plan: dict | None = None


@dataclass
class ExtractSection:
    key: str
    title: str
    records: list[ExtractRecord]


@dataclass
class RegisterExtract:
    recipient: Any
    produced_at: Any
    produced_by: Any
    person: list[Fact]
    sections: list[ExtractSection]
    history: list[HistoryEntry]
    access_log: list[AccessLog]
    book: LabelBook
    _json_extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """The whole extract as plain JSON: every stored field, codes and ids each with a
        readable `<name>_display`; the person's words exactly as stored."""
        data = {
            "format": FORMAT,
            "produced_at": json_value(self.produced_at),
            "produced_by": {"id": str(self.produced_by.pk), "name": str(self.produced_by)},
            "person": record_json(self.recipient, self.book, exclude=()),
        }
        for section in self.sections:
            data[section.key] = [self._record_json(section.key, r) for r in section.records]
        data["change_history"] = [_entry_json(entry) for entry in self.history]
        data["access_log"] = [_access_json(row) for row in self.access_log]
        return data

    def _record_json(self, key: str, record: ExtractRecord) -> dict:
        data = record_json(record.obj, self.book)
        data.update(self._json_extra.get((key, record.obj.pk), {}))
        return data


def _entry_json(entry: HistoryEntry) -> dict:
    return {
        "at": json_value(entry.at),
        "change_type": entry.change_type,
        "change_type_display": entry.change_type_label,
        "user": {"id": str(entry.user_id), "name": entry.user_name} if entry.user_id else None,
        "request_id": entry.request_id,
        "reason": entry.reason,
        "record": {
            "kind": entry.kind,
            "kind_display": entry.kind_title,
            "id": str(entry.record_id),
            "label": entry.record_label,
        },
        "changes": [
            {
                "field": c.field,
                "label": c.label,
                "before": c.before,
                "after": c.after,
                "before_display": c.before_display,
                "after_display": c.after_display,
            }
            for c in entry.changes
        ],
    }


def _access_json(row: AccessLog) -> dict:
    """Who read the person's records, when, what and how (not the reader's address)."""
    return {
        "at": json_value(row.at),
        "user": json_value(row.user_id),
        "user_display": row.user_display,
        "channel": row.channel,
        "channel_display": row.get_channel_display(),
        "outcome": row.outcome,
        "outcome_display": row.get_outcome_display(),
        "access_display": row.access_display(),
        "what": row.what,
        "what_display": row.what_display(),
        "outside_own_units": row.outside_own_units,
        "request_id": row.request_id,
    }


def _linked(through, owner: str, target: str, **filters) -> dict:
    """{owner id: [target ids]} for one many-to-many table, in one query."""
    links = defaultdict(list)
    for owner_id, target_id in through.objects.filter(**filters).values_list(
        f"{owner}_id", f"{target}_id"
    ):
        links[owner_id].append(target_id)
    return links


def build_extract(*, user, recipient) -> RegisterExtract:
    """The extract for `recipient` (fetched through `visible_to(user)`), for an administrator."""
    require_extract_permission(user, recipient)
    mine = {"recipient": recipient}
    records = {
        "contacts": list(Contact.objects.filter(**mine).order_by("kind", "name", "id")),
        "protected_identity_grants": list(
            ProtectedIdentityGrant.objects.filter(**mine).order_by("created_at", "id")
        ),
        "conversations": list(Conversation.objects.filter(**mine).order_by("held_at", "id")),
        "answers": list(Answer.objects.filter(**mine).order_by("created_at", "id")),
        "goals": list(Goal.objects.filter(**mine).order_by("created_at", "id")),
        "interventions": list(Intervention.objects.filter(**mine).order_by("created_at", "id")),
        "consents": list(Consent.objects.filter(**mine).order_by("given_at", "id")),
        "assessments": list(Assessment.objects.filter(**mine).order_by("assessed_at", "id")),
        "follow_ups": list(FollowUp.objects.filter(**mine).order_by("due_date", "id")),
        "care_plans": list(CarePlan.objects.filter(**mine)),
        "care_plan_versions": list(
            CarePlanVersion.objects.filter(plan__recipient=recipient).order_by("number", "id")
        ),
    }
    goal_answers = _linked(Goal.answers.through, "goal", "answer", goal__recipient=recipient)
    serves_answers = _linked(
        Intervention.serves_answers.through,
        "intervention",
        "answer",
        intervention__recipient=recipient,
    )
    serves_goals = _linked(
        Intervention.serves_goals.through, "intervention", "goal", intervention__recipient=recipient
    )
    events = defaultdict(list)
    for event in InterventionEvent.objects.filter(intervention__recipient=recipient).order_by(
        "at", "id"
    ):
        events[event.intervention_id].append(event)
    access_log = list(AccessLog.objects.filter(recipient_id=recipient.pk).order_by("-at", "-id"))

    extra_users = {e.actor_id for rows in events.values() for e in rows}
    extra_users |= {row.user_id for row in access_log}
    live = [(KIND_BY_MODEL[type(obj)], obj) for objs in records.values() for obj in objs]
    history = recipient_history(
        user=user,
        recipient=recipient,
        include_grants=True,
        current=[(KIND_BY_MODEL[type(recipient)], recipient), *live],
        extra_ids={User: extra_users},
    )
    book = history.book
    for row in access_log:  # the reader's name, for the page and the JSON
        row.user_display = book.name(User, row.user_id) if row.user_id else ""

    def names(model, ids) -> list[str]:
        return sorted(book.name(model, pk) for pk in ids)

    json_extra: dict = {}
    sections = []
    for key, objs in records.items():
        kind = KIND_BY_MODEL[type(objs[0])] if objs else None
        section_records = []
        for obj in objs:
            record = ExtractRecord(obj, kind.label(obj, book), facts(obj, book))
            if key == "goals":
                record.links = [(_("Utgår från svar"), names(Answer, goal_answers[obj.pk]))]
                json_extra[(key, obj.pk)] = {"answers": json_value(goal_answers[obj.pk])}
            elif key == "interventions":
                record.links = [
                    (_("Svarar mot"), names(Answer, serves_answers[obj.pk])),
                    (_("Mål"), names(Goal, serves_goals[obj.pk])),
                ]
                record.events = [
                    facts(event, book, exclude=("intervention",)) for event in events[obj.pk]
                ]
                json_extra[(key, obj.pk)] = {
                    "serves_answers": json_value(serves_answers[obj.pk]),
                    "serves_goals": json_value(serves_goals[obj.pk]),
                    "events": [
                        record_json(e, book, exclude=("intervention",)) for e in events[obj.pk]
                    ],
                }
            elif key == "care_plan_versions" and obj.snapshot:
                record.plan = present_content(obj.snapshot)
            section_records.append(record)
        sections.append(ExtractSection(key, str(SECTION_TITLES[key]), section_records))

    return RegisterExtract(
        recipient=recipient,
        produced_at=timezone.now(),
        produced_by=user,
        person=facts(recipient, book),
        sections=sections,
        history=history.describe_all(),
        access_log=access_log,
        book=book,
        _json_extra=json_extra,
    )
