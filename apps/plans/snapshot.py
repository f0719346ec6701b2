"""The content of a care plan as plain JSON: what an approved version freezes, what a draft
previews, and the difference between two of them (what a manager reviews).

The snapshot is self-contained: labels are copied in both languages and people are named,
so that a frozen version still reads the same after the catalogue or the staff list changes.
It never holds the personal identity number.
"""

import datetime as dt

from django.utils import timezone

from apps.followups.choices import FollowUpStatus
from apps.followups.models import FollowUp
from apps.interventions.choices import InterventionStatus
from apps.interventions.models import Intervention
from apps.whatmatters.choices import AnswerStatus, GoalStatus
from apps.whatmatters.models import Answer, Goal

SECTIONS = ("answers", "goals", "interventions", "follow_ups")


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _id(value) -> str | None:
    return str(value) if value is not None else None


def _links(through, owner_field: str, target_field: str, recipient) -> dict[str, list[str]]:
    """{owner id: sorted target ids} for one many-to-many table, in one query."""
    links: dict[str, list[str]] = {}
    rows = through.objects.filter(**{f"{owner_field}__recipient": recipient}).values_list(
        f"{owner_field}_id", f"{target_field}_id"
    )
    for owner_id, target_id in rows:
        links.setdefault(str(owner_id), []).append(str(target_id))
    return {owner: sorted(targets) for owner, targets in links.items()}


def _person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _answer_entry(a) -> dict:
    return {
        "id": str(a.id),
        "life_area": {
            "code": a.life_area.code,
            "name_sv": a.life_area.name_sv,
            "name_en": a.life_area.name_en,
        },
        "own_words": a.own_words,
        "importance": a.importance,
        "performance": a.performance,
        "wants_to_manage_self": a.wants_to_manage_self,
    }


def _answers(recipient) -> list[dict]:
    rows = (
        Answer.objects.filter(recipient=recipient, status=AnswerStatus.CURRENT)
        .select_related("life_area")
        .order_by("life_area__sort_order", "life_area__code", "created_at", "id")
    )
    return [_answer_entry(a) for a in rows]


def _goal_entry(g, answer_ids: list[str]) -> dict:
    return {
        "id": str(g.id),
        "own_words": g.own_words,
        "indicator": g.indicator,
        "target_date": _iso(g.target_date),
        "status": g.status,
        "answer_ids": answer_ids,
    }


def _goal_order(goals: list[dict]) -> list[dict]:
    """Active goals first, then the rest; within each by target date, undated last (the
    databases disagree on where NULL sorts), then in the order they were written (the
    order the goals come in)."""
    goals.sort(key=lambda g: (g["status"] != GoalStatus.ACTIVE, g["target_date"] is None))
    return goals


def _goals(recipient) -> list[dict]:
    answer_ids = _links(Goal.answers.through, "goal", "answer", recipient)
    rows = Goal.objects.filter(recipient=recipient).order_by("target_date", "created_at", "id")
    return _goal_order([_goal_entry(g, answer_ids.get(str(g.id), [])) for g in rows])


def _intervention_entry(i, answer_ids: list[str], goal_ids: list[str]) -> dict:
    return {
        "id": str(i.id),
        "title": i.title,
        "delivery": i.delivery,
        "technology": (
            {
                "code": i.technology.code,
                "name_sv": i.technology.name_sv,
                "name_en": i.technology.name_en,
            }
            if i.technology_id
            else None
        ),
        "status": i.status,
        "trial_start": _iso(i.trial_start),
        "trial_end": _iso(i.trial_end),
        "started_on": _iso(i.started_on),
        "ended_on": _iso(i.ended_on),
        # The printed plan tells the person how to withdraw a consent the plan rests on.
        "requires_consent": bool(i.technology_id and i.technology.requires_consent),
        "serves_answer_ids": answer_ids,
        "serves_goal_ids": goal_ids,
        "visits_replaced_per_week": float(i.visits_replaced_per_week),
        "digital_first_reason": i.digital_first_reason,
    }


def _interventions(recipient) -> list[dict]:
    answer_ids = _links(Intervention.serves_answers.through, "intervention", "answer", recipient)
    goal_ids = _links(Intervention.serves_goals.through, "intervention", "goal", recipient)
    rows = (
        Intervention.objects.filter(recipient=recipient)
        .exclude(status=InterventionStatus.DECLINED)
        .select_related("technology")
        .order_by("created_at", "id")
    )
    return [
        _intervention_entry(i, answer_ids.get(str(i.id), []), goal_ids.get(str(i.id), []))
        for i in rows
    ]


def _follow_up_entry(f) -> dict:
    return {
        "id": str(f.id),
        "due_date": _iso(f.due_date),
        "goal_id": _id(f.goal_id),
        "intervention_id": _id(f.intervention_id),
        "responsible": _person_name(f.responsible),
    }


def _follow_ups(recipient) -> list[dict]:
    rows = (
        FollowUp.objects.filter(recipient=recipient, status=FollowUpStatus.SCHEDULED)
        .select_related("responsible")
        .order_by("due_date", "id")
    )
    return [_follow_up_entry(f) for f in rows]


def _content(recipient, answers, goals, interventions, follow_ups) -> dict:
    return {
        "recipient": {
            "id": str(recipient.id),
            "name": recipient.full_name,
            "unit": recipient.unit.name,
        },
        "answers": answers,
        "goals": goals,
        "interventions": interventions,
        "follow_ups": follow_ups,
        "generated_at": timezone.now().isoformat(),
    }


def build_snapshot(recipient) -> dict:
    """The plan's content as it stands now. A fixed number of queries whatever its size:
    one per section, one per many-to-many link table, and the unit unless already loaded."""
    return _content(
        recipient,
        _answers(recipient),
        _goals(recipient),
        _interventions(recipient),
        _follow_ups(recipient),
    )


def _ids(related) -> list[str]:
    return sorted(str(item.pk) for item in related.all())


def snapshot_from_records(*, recipient, answers, goals, interventions, follow_ups) -> dict:
    """What `build_snapshot` says, from records a caller already read (the person's overview:
    no query of its own). `answers` are the current ones; goals come with their `answers`,
    interventions with `technology`, `serves_answers` and `serves_goals`, follow-ups with
    `responsible` (prefetched; any order, any status: the snapshot's rules pick and sort)."""
    answers = sorted(
        answers,
        key=lambda a: (a.life_area.sort_order, a.life_area.code, a.created_at, a.pk),
    )
    goals = sorted(goals, key=lambda g: (g.target_date or dt.date.min, g.created_at, g.pk))
    interventions = sorted(
        (i for i in interventions if i.status != InterventionStatus.DECLINED),
        key=lambda i: (i.created_at, i.pk),
    )
    follow_ups = sorted(
        (f for f in follow_ups if f.status == FollowUpStatus.SCHEDULED),
        key=lambda f: (f.due_date, f.pk),
    )
    return _content(
        recipient,
        [_answer_entry(a) for a in answers if a.status == AnswerStatus.CURRENT],
        _goal_order([_goal_entry(g, _ids(g.answers)) for g in goals]),
        [
            _intervention_entry(i, _ids(i.serves_answers), _ids(i.serves_goals))
            for i in interventions
        ],
        [_follow_up_entry(f) for f in follow_ups],
    )


def _section_diff(old_items: list[dict], new_items: list[dict]) -> dict:
    old_by_id = {item["id"]: item for item in old_items}
    new_by_id = {item["id"]: item for item in new_items}
    changed = []
    for item_id, new in new_by_id.items():
        old = old_by_id.get(item_id)
        if old is None:
            continue
        fields = {
            name: {"before": old.get(name), "after": new.get(name)}
            for name in sorted(set(old) | set(new))
            if name != "id" and old.get(name) != new.get(name)
        }
        if fields:
            changed.append({"id": item_id, "fields": fields})
    return {
        "added": [item for item in new_items if item["id"] not in old_by_id],
        "removed": [item for item in old_items if item["id"] not in new_by_id],
        "changed": changed,
    }


def snapshot_diff(old: dict | None, new: dict) -> dict:
    """Per section, the items added, removed and changed (by id, with each changed field's
    before and after). Without an `old` snapshot everything is added."""
    old = old or {}
    return {
        section: _section_diff(old.get(section) or [], new.get(section) or [])
        for section in SECTIONS
    }


def diff_has_changes(diff: dict) -> bool:
    return any(diff[section][kind] for section in SECTIONS for kind in diff[section])
