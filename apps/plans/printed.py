"""How the approved plan reads for the person (the print page and the PDF): only what has been
decided, each intervention in its real state in plain words, that a consent can be withdrawn,
and whom to contact. Pure functions over the approved snapshot and today's date, no queries;
the templates escape every value.

The state is the one recorded in the approved snapshot (the plan is what was approved); only
the wording of a trial depends on today ("Vi provar det", "Vi provade det").
"""

import datetime as dt

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from apps.interventions.choices import InterventionStatus
from apps.interventions.lifecycle import RUNNING
from apps.plans.presentation import as_date, named

S = InterventionStatus

# Decided and going on, or about to (the lifecycle's running statuses). Proposed is not decided
# yet, declined was decided against: neither is something "we do". Ended ones are printed
# apart, as ended.
ONGOING = RUNNING


def _long(day: dt.date) -> str:
    return format_date(day, "j F Y")


def _trial_sentences(start: dt.date, end: dt.date, today: dt.date) -> list[str]:
    dates = {"start": _long(start), "end": _long(end)}
    if today < start:
        return [_("Vi provar det från %(start)s till %(end)s.") % dates]
    if today <= end:
        return [_("Vi provar det till och med %(end)s.") % dates]
    # The trial is over but not yet evaluated (the plan was approved before that).
    return [
        _("Vi provade det från %(start)s till %(end)s.") % dates,
        _("Nu bestämmer vi tillsammans med dig om vi fortsätter."),
    ]


def state_sentences(item: dict, today: dt.date) -> list[str]:
    """What the person is told about where one intervention stands."""
    status = item.get("status")
    trial_start, trial_end = as_date(item.get("trial_start")), as_date(item.get("trial_end"))
    if status == S.ENDED:
        ended_on = as_date(item.get("ended_on"))
        if ended_on is None:  # approved before the snapshot carried the date
            return [_("Det här är avslutat.")]
        return [_("Det här avslutades den %(date)s.") % {"date": _long(ended_on)}]
    if status == S.ACTIVE:
        started_on = as_date(item.get("started_on"))
        sentences = [
            _("Det här används sedan %(date)s.") % {"date": _long(started_on)}
            if started_on
            else _("Det här används nu.")
        ]
        if trial_start and trial_end and trial_end < today:
            dates = {"start": _long(trial_start), "end": _long(trial_end)}
            sentences.append(_("Först provade vi det från %(start)s till %(end)s.") % dates)
        return sentences
    if trial_start and trial_end:
        return _trial_sentences(trial_start, trial_end, today)
    if status == S.TRIAL:
        return [_("Vi provar det nu.")]
    return [_("Det här har vi bestämt. Vi börjar snart.")]


def _needs_consent(item: dict, consent_codes: frozenset) -> bool:
    if "requires_consent" in item:
        return bool(item["requires_consent"])
    # An older snapshot without the flag: the catalogue's answer, read by the caller.
    return (item.get("technology") or {}).get("code") in consent_codes


def _contact_name(follow_ups: list[dict], today: dt.date, author_name: str) -> str:
    """Whom the person should ask: the staff member responsible for the next follow-up, the
    one who will next sit down with them (or, when every follow-up is past, the latest one's);
    without follow-ups, the staff member who wrote and submitted the plan."""
    dated = [f for f in follow_ups if f.get("responsible") and f.get("due_date")]
    upcoming = [f for f in dated if as_date(f["due_date"]) >= today]
    if upcoming:
        return upcoming[0]["responsible"]
    if dated:
        return dated[-1]["responsible"]
    return author_name


def present_for_person(
    content: dict,
    *,
    today: dt.date,
    author_name: str = "",
    consent_codes: frozenset = frozenset(),
) -> dict:
    """The approved snapshot ready for the person's printed plan. `consent_codes` are the
    technologies that need consent, only needed for snapshots that predate the flag."""
    answers = {a["id"]: a["own_words"] for a in content.get("answers") or []}
    goals = {g["id"]: g["own_words"] for g in content.get("goals") or []}
    ongoing, ended = [], []
    for item in content.get("interventions") or []:
        status = item.get("status")
        if status not in ONGOING and status != S.ENDED:
            continue
        entry = {
            "id": item["id"],
            "title": item["title"],
            "technology": named(item.get("technology")),
            "state": state_sentences(item, today),
            "answers": [answers[i] for i in item.get("serves_answer_ids", []) if i in answers],
            "needs_consent": status in ONGOING and _needs_consent(item, consent_codes),
        }
        (ongoing if status in ONGOING else ended).append(entry)
    printed = {entry["id"]: entry["title"] for entry in ongoing + ended}
    follow_ups = content.get("follow_ups") or []
    return {
        "ongoing": ongoing,
        "ended": ended,
        "needs_consent": any(entry["needs_consent"] for entry in ongoing),
        # A follow-up of something not printed (still only proposed) keeps its date but
        # does not name what the plan does not say.
        "follow_ups": [
            {
                "due_date": as_date(f.get("due_date")),
                "responsible": f.get("responsible", ""),
                "about": goals.get(f.get("goal_id")) or printed.get(f.get("intervention_id")),
            }
            for f in follow_ups
        ],
        "contact_name": _contact_name(follow_ups, today, author_name),
    }
