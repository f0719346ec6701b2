"""Demo activity: conversations, goals, interventions in every state, consents, assessments,
follow-ups (some overdue) and care plans (approved, waiting for review, returned), made
through the real services so that every rule, event and history row is as in real use.

Deterministic and idempotent: a recipient who already has a conversation is left alone.
Every name and word is invented."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.assessments.services import assessment_record
from apps.audit.models import LogReview
from apps.audit.services import log_review_record
from apps.catalogue.models import Technology
from apps.followups.services import followup_complete, followup_schedule
from apps.interventions.services import (
    consent_record,
    intervention_propose,
    intervention_transition,
)
from apps.organisations.models import Unit
from apps.organisations.permissions import can_approve_plan
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_return,
    plan_version_submit,
    plan_version_update,
)
from apps.recipients.models import CareRecipient
from apps.whatmatters.models import Conversation
from apps.whatmatters.services import conversation_create, goal_create


@dataclass(frozen=True)
class Scenario:
    life_area: str
    own_words: str
    importance: int
    performance: int
    goal: str
    technology: str | None  # catalogue code; None = in person
    title: str
    reason_not_digital: str = ""
    visits: int = 0
    stage: str = "active"  # proposed / accepted / trial / active / ended


SCENARIOS = [
    Scenario(
        "sleep",
        "Att få sova ostört hela natten.",
        10,
        2,
        "Jag vill sova utan att bli väckt.",
        "night-camera",
        "Nattkamera i stället för tillsynsbesök",
        visits=7,
        stage="active",
    ),
    Scenario(
        "medication",
        "Att slippa vänta på att någon kommer med medicinen.",
        8,
        4,
        "Jag vill ta mina mediciner själv, i tid.",
        "medication-dispenser",
        "Läkemedelsautomat för morgon och kväll",
        visits=14,
        stage="trial",
    ),
    Scenario(
        "security",
        "Att känna mig trygg när jag är ensam hemma.",
        9,
        5,
        "Jag vill veta att någon kommer om jag ramlar.",
        "safety-alarm",
        "Trygghetslarm",
        visits=3,
        stage="active",
    ),
    Scenario(
        "relationships",
        "Att prata med barnbarnen varje vecka.",
        9,
        3,
        "Jag vill se barnbarnen när vi pratar.",
        "video-call",
        "Videosamtal med familjen",
        visits=2,
        stage="proposed",
    ),
    Scenario(
        "mobility",
        "Att kunna gå till affären själv igen.",
        8,
        3,
        "Jag vill gå till affären två gånger i veckan.",
        "digital-rehabilitation",
        "Träningsprogram i surfplattan",
        visits=2,
        stage="accepted",
    ),
    Scenario(
        "domestic-life",
        "Att laga min egen frukost som förr.",
        7,
        4,
        "Jag vill göra frukost själv med lite stöd.",
        None,
        "Stöd vid frukost i köket",
        reason_not_digital="Synen räcker inte för en skärm; stödet behöver vara på plats.",
        stage="active",
    ),
]


def _users():
    return {
        u.username: u
        for u in User.objects.filter(username__in=["anna", "bertil", "cecilia", "david", "eva"])
    }


def _staff_for(recipient, users):
    unit = recipient.unit.name
    if unit.startswith("Hemtjänst"):
        return users["anna"], users["cecilia"]
    if unit.startswith("Solgården"):
        return users["bertil"], users["cecilia"]
    return users["david"], users["david"]


def create_activity(*, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    users = _users()
    if len(users) < 5:
        return 0
    people = list(
        CareRecipient.objects.filter(status="active", protected_identity=False)
        .select_related("unit")
        .order_by("personal_number")
    )
    done = 0
    for index, person in enumerate(people[:30]):
        if Conversation.objects.filter(recipient=person).exists():
            continue
        with transaction.atomic():
            _one_person(person, index, today, users)
        done += 1
    _log_check(users["eva"], today)
    return done


def _log_check(manager, today):
    """Last month's check of Hemtjänst Norr's access log, once; Solgården is left due."""
    unit = Unit.objects.filter(name__startswith="Hemtjänst").order_by("name").first()
    if unit is None or LogReview.objects.filter(unit=unit).exists():
        return
    end = today.replace(day=1) - dt.timedelta(days=1)
    log_review_record(
        reviewer=manager,
        unit=unit,
        period_start=end.replace(day=1),
        period_end=end,
        method="sample",
        scope="20 slumpvisa åtkomster och alla åtkomster utanför egna enheter.",
        accesses_checked=20,
        finding="no_remarks",
    )


def _one_person(person, index, today, users):
    staff, decider = _staff_for(person, users)
    nurse, manager = users["david"], users["eva"]
    now = timezone.now()
    first = SCENARIOS[index % len(SCENARIOS)]
    second = SCENARIOS[(index + 2) % len(SCENARIOS)]
    conversation = conversation_create(
        actor=staff,
        recipient=person,
        held_at=now - dt.timedelta(days=40 + index),
        location="home_visit",
        participants="Omsorgstagaren" + (" och en närstående" if index % 3 == 0 else ""),
        answers=[
            {
                "life_area": s.life_area,
                "own_words": s.own_words,
                "importance": s.importance,
                "performance": s.performance,
                "wants_to_manage_self": s.life_area in ("mobility", "domestic-life"),
            }
            for s in (first, second)
        ],
    )
    answer = conversation.answers.get(life_area_id=first.life_area)
    goal = goal_create(
        actor=staff,
        recipient=person,
        answers=[answer],
        own_words=first.goal,
        indicator="Vi frågar vid varje uppföljning.",
        target_date=today + dt.timedelta(days=60 + index),
    )
    technology = Technology.objects.get(code=first.technology) if first.technology else None
    intervention = intervention_propose(
        actor=decider,
        recipient=person,
        serves_answers=[answer],
        serves_goals=[goal],
        delivery="technology" if technology else "in_person",
        technology=technology,
        title=first.title,
        rationale=f"Svarar mot det som är viktigt: {first.own_words}",
        in_person_description="" if technology else first.title,
        digital_first_reason=first.reason_not_digital,
        visits_replaced_per_week=first.visits,
    )
    _advance(intervention, first.stage, technology, person, staff, decider, nurse, now, today)
    if first.stage in ("trial", "active"):
        followup = followup_schedule(
            actor=staff,
            intervention=intervention,
            goal=goal,
            due_date=today + dt.timedelta(days=1),
            responsible=staff,
        )
        if index % 2 == 0:
            followup_complete(
                actor=staff,
                followup=followup,
                own_words="Det fungerar, jag känner mig lugnare.",
                performance=min(10, first.performance + 4),
                still_matters="yes",
                decision="continue",
                done_at=now - dt.timedelta(hours=2),
                next_due_date=today + dt.timedelta(days=14 + index % 10),
            )
        elif index % 3 == 1:
            # Overdue: moved back in time for the demo (a real one becomes overdue by waiting).
            followup.due_date = today - dt.timedelta(days=3 + index % 5)
            followup.save(update_fields=["due_date"])
    _plan(person, index, staff, manager)


def _advance(intervention, stage, technology, person, staff, decider, nurse, now, today):
    if stage == "proposed":
        return
    if technology is not None and technology.requires_consent:
        given = {
            "actor": staff,
            "intervention": intervention,
            "given_at": now - dt.timedelta(days=20),
        }
        consent_record(**given, given_by="person", method="verbal")
        for contact in person.contacts.filter(lives_with_recipient=True):
            consent_record(
                **given,
                given_by="cohabitant",
                method="written",
                contact=contact,
                giver_name=contact.name,
            )
    intervention_transition(
        actor=decider, intervention=intervention, action="accept", reason="Personen vill prova."
    )
    if stage == "accepted":
        return
    if technology is not None:
        assessment_record(
            actor=nurse,
            intervention=intervention,
            kind="suitability",
            profession="nurse",
            decision="suitable_after_trial",
            rationale="Inga hinder; prova under en månad.",
            assessed_at=now - dt.timedelta(days=15),
        )
        intervention_transition(
            actor=decider,
            intervention=intervention,
            action="start_trial",
            reason="Prövning en månad.",
            trial_start=today - dt.timedelta(days=14),
            trial_end=today + dt.timedelta(days=14),
        )
        if stage == "trial":
            return
        intervention_transition(
            actor=decider,
            intervention=intervention,
            action="evaluate",
            reason="Fungerar väl enligt personen.",
        )
    else:
        intervention_transition(
            actor=decider,
            intervention=intervention,
            action="start",
            reason="Start enligt överenskommelse.",
        )


def _plan(person, index, staff, manager):
    version = plan_start_draft(actor=staff, recipient=person)
    plan_version_update(
        actor=staff,
        version=version,
        summary="Planen bygger på det du har sagt är viktigt för dig. Vi följer upp tillsammans.",
    )
    if index % 4 == 3 or not can_approve_plan(manager, person):
        return  # left as a draft (no demo manager for home health care)
    version = plan_version_submit(actor=staff, version=version)
    if index % 4 == 0:
        plan_version_approve(actor=manager, version=version)
    elif index % 4 == 1 and index % 8 == 1:
        plan_version_return(
            actor=manager,
            version=version,
            comment="Lägg till hur ni följer upp målet om frukosten.",
        )
    # otherwise: submitted, waiting for the manager's review
