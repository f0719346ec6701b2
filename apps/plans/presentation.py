"""How a plan's content (the JSON of `apps.plans.snapshot`) reads on a page: labels instead of
codes, dates instead of ISO strings, the words of linked answers and goals instead of their
ids. Pure functions over the JSON, no queries; the templates escape every value."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from apps.interventions.choices import Delivery, InterventionStatus
from apps.plans.snapshot import SECTIONS
from apps.whatmatters.choices import GoalStatus

SECTION_TITLES = {
    "answers": gettext_lazy("Vad som är viktigt för personen"),
    "goals": gettext_lazy("Mål"),
    "interventions": gettext_lazy("Insatser"),
    "follow_ups": gettext_lazy("Uppföljningar"),
}

# Per section, each field's label and how its value reads. Fields not listed (ids) are
# bookkeeping and never shown.
FIELDS = {
    "answers": {
        "life_area": (gettext_lazy("Livsområde"), "named"),
        "own_words": (gettext_lazy("Med personens egna ord"), "text"),
        "importance": (gettext_lazy("Hur viktigt (0–10)"), "number"),
        "performance": (gettext_lazy("Hur det går i dag (0–10)"), "number"),
        "wants_to_manage_self": (gettext_lazy("Vill klara det själv"), "yes_no"),
    },
    "goals": {
        "own_words": (gettext_lazy("Målet"), "text"),
        "indicator": (gettext_lazy("Så vet vi att målet nås"), "text"),
        "target_date": (gettext_lazy("Måldatum"), "date"),
        "status": (gettext_lazy("Status"), GoalStatus),
        "answer_ids": (gettext_lazy("Bygger på"), "refs"),
    },
    "interventions": {
        "title": (gettext_lazy("Insats"), "text"),
        "delivery": (gettext_lazy("Utförs"), Delivery),
        "technology": (gettext_lazy("Teknik"), "named"),
        "status": (gettext_lazy("Status"), InterventionStatus),
        "trial_start": (gettext_lazy("Utprovning från"), "date"),
        "trial_end": (gettext_lazy("Utprovning till"), "date"),
        "serves_answer_ids": (gettext_lazy("Svarar mot"), "refs"),
        "serves_goal_ids": (gettext_lazy("Mål som insatsen stöder"), "refs"),
        "visits_replaced_per_week": (gettext_lazy("Ersatta besök per vecka"), "number"),
        "digital_first_reason": (gettext_lazy("Varför inte teknik"), "text"),
    },
    "follow_ups": {
        "due_date": (gettext_lazy("Datum"), "date"),
        "goal_id": (pgettext_lazy("singular", "Mål"), "refs"),
        "intervention_id": (gettext_lazy("Insats"), "refs"),
        "responsible": (gettext_lazy("Ansvarig"), "text"),
    },
}

# What an added or removed item shows besides its title.
ITEM_DETAILS = {
    "answers": ("life_area", "importance", "performance"),
    "goals": ("indicator", "target_date", "status"),
    "interventions": ("delivery", "technology", "status", "trial_start", "trial_end"),
    "follow_ups": ("responsible",),
}


def as_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def named(value: dict | None) -> str:
    """A label copied into the snapshot in both languages, in the language of the page."""
    if not value:
        return ""
    english = (get_language() or "sv").startswith("en")
    return value.get("name_en" if english else "name_sv") or value.get("name_sv") or ""


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def id_labels(*item_lists) -> dict[str, str]:
    """{id: what the item says} for answers, goals and interventions, so that a link between
    them reads as words."""
    labels = {}
    for items in item_lists:
        for item in items:
            labels[item["id"]] = item.get("own_words") or item.get("title") or ""
    return labels


def format_value(section: str, field: str, value, labels: dict[str, str]) -> str:
    kind = FIELDS[section][field][1]
    if value is None or value == "" or value == []:
        return "–"
    if kind == "named":
        return named(value)
    if kind == "date":
        return date_format(as_date(value))
    if kind == "yes_no":
        return _("Ja") if value else _("Nej")
    if kind == "number":
        return _number(value)
    if kind == "refs":
        ids = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(i) or _("(finns inte längre)") for i in ids)
    if kind == "text":
        return str(value)
    return _choice_label(kind, value)


def item_title(section: str, item: dict, labels: dict[str, str]) -> str:
    if section == "follow_ups":
        about = labels.get(item.get("goal_id")) or labels.get(item.get("intervention_id")) or ""
        when = format_value(section, "due_date", item.get("due_date"), labels)
        return f"{when}: {about}" if about else when
    return item.get("own_words") or item.get("title") or ""


def present_content(content: dict) -> dict:
    """The plan's content ready for a template: dates as dates, codes as labels."""
    labels = id_labels(content.get("answers") or [], content.get("goals") or [])
    labels.update(id_labels(content.get("interventions") or []))

    def words(ids):
        return [labels[i] for i in ids if i in labels]

    return {
        "answers": [
            {
                "life_area": named(a.get("life_area")),
                "own_words": a["own_words"],
                "importance": a.get("importance"),
                "performance": a.get("performance"),
                "wants_to_manage_self": a.get("wants_to_manage_self"),
            }
            for a in content.get("answers") or []
        ],
        "goals": [
            {
                "own_words": g["own_words"],
                "indicator": g.get("indicator", ""),
                "target_date": as_date(g.get("target_date")),
                "status": _choice_label(GoalStatus, g.get("status")),
                "is_active": g.get("status") == GoalStatus.ACTIVE,
                "answers": words(g.get("answer_ids", [])),
            }
            for g in content.get("goals") or []
        ],
        "interventions": [
            {
                "title": i["title"],
                "delivery": _choice_label(Delivery, i.get("delivery")),
                "technology": named(i.get("technology")),
                "status": _choice_label(InterventionStatus, i.get("status")),
                "is_ended": i.get("status") == InterventionStatus.ENDED,
                "trial_start": as_date(i.get("trial_start")),
                "trial_end": as_date(i.get("trial_end")),
                "answers": words(i.get("serves_answer_ids", [])),
                "goals": words(i.get("serves_goal_ids", [])),
                "digital_first_reason": i.get("digital_first_reason", ""),
            }
            for i in content.get("interventions") or []
        ],
        "follow_ups": [
            {
                "due_date": as_date(f.get("due_date")),
                "about": labels.get(f.get("goal_id")) or labels.get(f.get("intervention_id")),
                "responsible": f.get("responsible", ""),
            }
            for f in content.get("follow_ups") or []
        ],
        "is_empty": not any(content.get(section) for section in SECTIONS),
    }


def _details(section: str, item: dict, labels) -> list[dict]:
    return [
        {
            "label": FIELDS[section][name][0],
            "value": format_value(section, name, item.get(name), labels),
        }
        for name in ITEM_DETAILS[section]
        if item.get(name) not in (None, "", [])
    ]


def present_diff(diff: dict, content: dict) -> dict:
    """`plan_diff_since_last_approved` for a reader: per section, the items added, removed and
    changed, each changed field with its label and its value before and after."""
    sections = diff["sections"]
    removed = [item for section in SECTIONS for item in sections[section]["removed"]]
    labels = id_labels(
        content.get("answers") or [],
        content.get("goals") or [],
        content.get("interventions") or [],
        removed,
    )
    new_by_id = {item["id"]: item for section in SECTIONS for item in content.get(section) or []}
    presented = []
    for section in SECTIONS:
        part = sections[section]
        changed = [
            {
                "title": item_title(section, new_by_id.get(change["id"], {}), labels),
                "fields": [
                    {
                        "label": FIELDS[section][name][0],
                        "before": format_value(section, name, values["before"], labels),
                        "after": format_value(section, name, values["after"], labels),
                    }
                    for name, values in change["fields"].items()
                    if name in FIELDS[section]
                ],
            }
            for change in part["changed"]
        ]
        changed = [c for c in changed if c["fields"]]
        entry = {
            "key": section,
            "title": SECTION_TITLES[section],
            "added": [
                {"title": item_title(section, i, labels), "details": _details(section, i, labels)}
                for i in part["added"]
            ],
            "removed": [
                {"title": item_title(section, i, labels), "details": _details(section, i, labels)}
                for i in part["removed"]
            ],
            "changed": changed,
        }
        entry["has_changes"] = bool(entry["added"] or entry["removed"] or entry["changed"])
        presented.append(entry)
    return {
        "compared_with": diff["compared_with"],
        "is_first_version": diff["compared_with"] is None,
        "has_changes": any(entry["has_changes"] for entry in presented),
        "sections": presented,
    }
