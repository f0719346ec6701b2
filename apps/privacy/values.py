"""How a stored value reads, in the change history (before → after) and in the register
extract: choice labels instead of codes, names instead of ids, dates as dates. Pure functions
over rows already read; references are named through a `LabelBook` built once per request."""

import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Bookkeeping and the owner link: never listed as a change or a fact. (The timestamps never
# show as changes either: they are not editable, and diffs cover editable fields only.)
HIDDEN_FIELDS = frozenset({"id", "recipient", "version"})
# Texts longer than this (or with line breaks) are folded away on the history page.
LONG_TEXT = 120


def json_value(value: Any) -> Any:
    """A stored value as plain JSON (ids and dates as strings, decimals as strings)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, list | tuple | set):
        return [json_value(v) for v in value]
    return value


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == set()


class LabelBook:
    """Names for what a value points at. Records of the person are named from their own
    (latest known) state through `own`; anything else the person's records point at (staff,
    life areas, technologies, units) through `external`. A reference to a record that is not
    the person's reads as "another record", so that nobody else's data can show through."""

    def __init__(
        self,
        own: Callable[[type, Any], str | None],
        external: dict[type, dict[Any, str]],
    ) -> None:
        self._own = own
        self._external = external

    def name(self, model, pk) -> str:
        if pk is None:
            return ""
        if model in self._external:
            return self._external[model].get(pk) or _("(finns inte längre)")
        label = self._own(model, pk)
        return label if label is not None else _("(post som inte hör till personen)")


# Swedish names for fields whose models give none (Django's default is the English name).
FALLBACK_LABELS = {
    "created_by": gettext_lazy("registrerad av"),
    "proposed_by": gettext_lazy("föreslagen av"),
    "recorded_by": gettext_lazy("registrerad av"),
    "withdrawn_recorded_by": gettext_lazy("återkallelsen registrerad av"),
    "submitted_by": gettext_lazy("inskickad av"),
    "reviewed_by": gettext_lazy("granskad av"),
}


def field_label(field) -> str:
    text = str(field.verbose_name)
    if text == field.name.replace("_", " ") and field.name in FALLBACK_LABELS:
        text = str(FALLBACK_LABELS[field.name])
    return text[:1].upper() + text[1:]


def display(field, value, book: LabelBook) -> str:
    """A stored value as it reads on a page: "" when empty."""
    if is_empty(value):
        return ""
    if isinstance(value, list | tuple | set):  # a many-to-many field: the linked records
        return "; ".join(display(field, v, book) for v in value)
    if field.is_relation:
        return book.name(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Ja") if value else _("Nej")
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(field, models.DateField):
        return date_format(value, "Y-m-d")
    if isinstance(field, models.DecimalField):
        return number_format(value.normalize() if value == value.to_integral() else value)
    if isinstance(field, models.JSONField):
        return _("(strukturerat innehåll)")
    return str(value)


def is_long(field, *displays: str) -> bool:
    if not isinstance(field, models.TextField):
        return False
    return any(len(text) > LONG_TEXT or "\n" in text for text in displays)


@dataclass(frozen=True)
class Fact:
    """One field of a record as it reads in the extract."""

    field: str
    label: str
    value: Any
    display: str
    is_long: bool


def shown_fields(model) -> list:
    """The fields of a record worth showing, in the model's order."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not isinstance(f, models.JSONField)
    ]


def facts(obj, book: LabelBook, *, exclude: tuple[str, ...] = ()) -> list[Fact]:
    """The non-empty fields of a record, for a page."""
    result = []
    for field in shown_fields(type(obj)):
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if is_empty(value):
            continue
        text = display(field, value, book)
        result.append(Fact(field.name, field_label(field), value, text, is_long(field, text)))
    return result


def record_json(obj, book: LabelBook, *, exclude: tuple[str, ...] = ("recipient",)) -> dict:
    """Every stored field of a record as JSON; codes and ids get a readable `<name>_display`
    next to them."""
    data: dict[str, Any] = {}
    for field in type(obj)._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        data[field.name] = json_value(value)
        if (field.is_relation or field.choices) and not is_empty(value):
            data[f"{field.name}_display"] = display(field, value, book)
    return data
