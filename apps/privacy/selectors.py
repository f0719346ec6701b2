"""Reads for the change history of one care recipient's records (django-simple-history).

The history is read in a fixed number of queries, whatever its length: one per kind of
record (all of the person's historical rows), one per many-to-many link, one per kind of
thing the rows point at outside the person's records (staff, life areas, technologies,
units). The rows are merged by date in Python; a page then describes only its own entries,
diffing each row against the previous row of the same record (`diff_against`).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy
from simple_history.utils import get_m2m_reverse_field_name

from apps.accounts.models import User
from apps.organisations.permissions import can_edit_recipient
from apps.privacy.kinds import KIND_BY_MODEL, KINDS, RecordKind
from apps.privacy.values import (
    LabelBook,
    display,
    field_label,
    is_empty,
    is_long,
    json_value,
    shown_fields,
)

KIND_ORDER = {kind.key: n for n, kind in enumerate(KINDS)}

CHANGE_TYPES = {
    "+": ("created", gettext_lazy("Skapad")),
    "~": ("changed", gettext_lazy("Ändrad")),
    "-": ("deleted", gettext_lazy("Borttagen")),
}


def may_see_grants(user, recipient) -> bool:
    """Who has been granted access to a protected identity is shown to those who may grant
    it (the recipient editors of the person's unit), not to everyone who sees the person."""
    return can_edit_recipient(user, recipient)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: Any  # as JSON
    after: Any
    before_display: str
    after_display: str
    is_long: bool


@dataclass(frozen=True)
class HistoryEntry:
    at: Any
    change_type: str  # created / changed / deleted
    change_type_label: str
    user_id: Any
    user_name: str
    request_id: str
    reason: str
    kind: str
    kind_title: str
    record_id: Any
    record_label: str
    changes: list[FieldChange]

    @property
    def user(self) -> dict | None:
        return {"id": self.user_id, "name": self.user_name} if self.user_id else None

    @property
    def record(self) -> dict:
        return {
            "kind": self.kind,
            "kind_title": self.kind_title,
            "id": self.record_id,
            "label": self.record_label,
        }


@dataclass(frozen=True)
class HistoryRow:
    """One historical row with the row before it for the same record (None: the first)."""

    kind: RecordKind
    row: Any
    prev: Any

    @property
    def position(self) -> tuple:
        """Its place in the history, which is newest first by this (a total order: the API's
        cursor names a row by it)."""
        return (self.row.history_date, KIND_ORDER[self.kind.key], self.row.history_id)


def build_label_book(records: Iterable[tuple[RecordKind, Any]], extra_ids=None) -> LabelBook:
    """Names for everything `records` (historical or current rows of the person) point at:
    the person's own records from their latest state, everything else read once per model."""
    latest: dict[tuple[type, Any], tuple[RecordKind, Any]] = {}
    wanted: dict[type, set] = defaultdict(set)
    for model, ids in (extra_ids or {}).items():
        wanted[model].update(i for i in ids if i is not None)
    for kind, row in records:
        latest[(kind.model, row.id)] = (kind, row)
        user_id = getattr(row, "history_user_id", None)
        if user_id is not None:
            wanted[User].add(user_id)
        for field in kind.model._meta.concrete_fields:
            if field.is_relation and field.related_model not in KIND_BY_MODEL:
                value = getattr(row, field.attname)
                if value is not None:
                    wanted[field.related_model].add(value)
    external = {
        model: {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=ids)}
        for model, ids in wanted.items()
        if ids
    }
    memo: dict[tuple[type, Any], str | None] = {}

    def own(model, pk):
        key = (model, pk)
        if key not in memo:
            found = latest.get(key)
            memo[key] = None  # guards against a cycle of labels naming each other
            memo[key] = found[0].label(found[1], book) if found else None
        return memo[key]

    book = LabelBook(own, external)
    return book


class RecipientHistory:
    """Every historical row of one person's records, newest first (`rows`), and how to
    describe some of them (`describe`)."""

    def __init__(self, kinds: list[RecordKind], rows: dict, links: dict, book: LabelBook):
        self.kinds = kinds
        self._links = links
        self.book = book
        merged = []
        for kind in kinds:
            previous: dict = {}
            for row in rows[kind]:
                merged.append(HistoryRow(kind, row, previous.get(row.id)))
                previous[row.id] = row
        merged.sort(key=lambda r: r.position, reverse=True)
        self.rows: list[HistoryRow] = merged

    def describe(self, rows: Iterable[HistoryRow]) -> list[HistoryEntry]:
        return [self._entry(r) for r in rows]

    def describe_all(self) -> list[HistoryEntry]:
        return self.describe(self.rows)

    def _entry(self, r: HistoryRow) -> HistoryEntry:
        code, label = CHANGE_TYPES.get(r.row.history_type, ("changed", CHANGE_TYPES["~"][1]))
        user_id = r.row.history_user_id
        return HistoryEntry(
            at=r.row.history_date,
            change_type=code,
            change_type_label=str(label),
            user_id=user_id,
            user_name=self.book.name(User, user_id) if user_id else "",
            request_id=r.row.request_id or "",
            reason=r.row.history_change_reason or "",
            kind=r.kind.key,
            kind_title=r.kind.title,
            record_id=r.row.id,
            record_label=self.book.name(r.kind.model, r.row.id),
            changes=self._field_changes(r) + self._link_changes(r),
        )

    def _field_changes(self, r: HistoryRow) -> list[FieldChange]:
        fields = [f for f in shown_fields(r.kind.model) if f.editable]
        if r.row.history_type == "~" and r.prev is not None:
            delta = r.row.diff_against(r.prev, included_fields=[f.name for f in fields])
            pairs = {change.field: (change.old, change.new) for change in delta.changes}
        else:
            deleted = r.row.history_type == "-"
            pairs = {}
            for f in fields:
                value = getattr(r.row, f.attname)
                if not is_empty(value):
                    pairs[f.name] = (value, None) if deleted else (None, value)
        return [self._change(f, *pairs[f.name]) for f in fields if f.name in pairs]

    def _link_changes(self, r: HistoryRow) -> list[FieldChange]:
        changes = []
        for name in r.kind.m2m_fields:
            linked = self._links[(r.kind.key, name)]
            now = linked.get(r.row.history_id, set())
            before = linked.get(r.prev.history_id, set()) if r.prev is not None else set()
            if r.row.history_type == "-":
                before, now = now, set()
            if before != now:
                field = r.kind.model._meta.get_field(name)
                changes.append(
                    self._change(field, self._sorted(field, before), self._sorted(field, now))
                )
        return changes

    def _sorted(self, field, ids: set) -> list:
        model = field.related_model
        return sorted(ids, key=lambda pk: (self.book.name(model, pk), str(pk)))

    def _change(self, field, before, after) -> FieldChange:
        before_text = display(field, before, self.book)
        after_text = display(field, after, self.book)
        return FieldChange(
            field=field.name,
            label=field_label(field),
            before=json_value(before),
            after=json_value(after),
            before_display=before_text,
            after_display=after_text,
            is_long=is_long(field, before_text, after_text),
        )


def _history_rows(kind: RecordKind, recipient_id) -> list:
    return list(
        kind.history_model.objects.filter(**kind.history_filter(recipient_id)).order_by(
            "history_date", "history_id"
        )
    )


def _links(kind: RecordKind, name: str, recipient_id) -> dict[int, set]:
    """{history_id: ids linked at that point} for one many-to-many field, in one query."""
    field = kind.model._meta.get_field(name)
    through = kind.history_model.__dict__[name].model  # simple-history's m2m history model
    target = get_m2m_reverse_field_name(field)
    owner = {f"history__{key}": value for key, value in kind.history_filter(recipient_id).items()}
    linked: dict[int, set] = defaultdict(set)
    for history_id, target_id in through.objects.filter(**owner).values_list(
        "history_id", f"{target}_id"
    ):
        linked[history_id].add(target_id)
    return linked


def recipient_history(
    *,
    user,
    recipient,
    include_grants: bool | None = None,
    current: Iterable[tuple[RecordKind, Any]] = (),
    extra_ids: dict | None = None,
) -> RecipientHistory:
    """The change history of `recipient` (already fetched through `visible_to(user)`).

    `current` (rows the caller read from the live tables) and `extra_ids` ({model: ids} that
    the caller will name) join the history's label book, so that one book names everything."""
    if include_grants is None:
        include_grants = may_see_grants(user, recipient)
    kinds = [kind for kind in KINDS if include_grants or not kind.restricted]
    rows = {kind: _history_rows(kind, recipient.pk) for kind in kinds}
    links = {
        (kind.key, name): _links(kind, name, recipient.pk)
        for kind in kinds
        for name in kind.m2m_fields
    }
    history_rows = [(kind, row) for kind in kinds for row in rows[kind]]
    # Later entries win in the book: the current state names a record when it is known.
    book = build_label_book([*history_rows, *current], extra_ids)
    return RecipientHistory(kinds, rows, links, book)
