"""A small hand-built data set for the managers' overview, on top of the `world` personas.

In the manager's units (A and B) the manager sees alma (A), bo (B), hemlig (A, protected,
granted), and two more people made here: carl (A) and dora (B, ended). Out of scope, with
data that must never be counted for the manager: `hidden` (A, protected, no grant) and
other_org_person (unit X of another organisation).

More personas (`people`, in tests/conftest.py):
    manager_b           manager of unit B only
    staff_a_manager_b   care staff in unit A (sees alma) and manager of unit B
    root                a superuser without memberships or grants

The expected figures are worked out by hand in the tests (tests/insights/test_selectors.py).
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import (
    AnswerFactory,
    CarePlanFactory,
    CarePlanVersionFactory,
    CareRecipientFactory,
    ConversationFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    LifeAreaFactory,
    TechnologyFactory,
    UserFactory,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def technologies(db):
    return SimpleNamespace(
        camera=TechnologyFactory(
            code="camera", name_sv="Nattkamera", name_en="Night camera", replaced_visit_minutes=15
        ),
        dispenser=TechnologyFactory(
            code="dispenser",
            name_sv="Läkemedelsautomat",
            name_en="Medication dispenser",
            replaced_visit_minutes=10,
        ),
        lock=TechnologyFactory(
            code="lock", name_sv="Digitalt lås", name_en="Digital lock", replaced_visit_minutes=None
        ),
    )


class Builder:
    """Short helpers for records of one person."""

    def __init__(self, *, today, now, staff):
        self.today, self.now, self.staff = today, now, staff
        self.area = LifeAreaFactory(code="sleep")

    def conversation(self, recipient, *, days_ago, status="current", performance=3):
        conversation = ConversationFactory(
            recipient=recipient, held_at=self.now - dt.timedelta(days=days_ago), held_by=self.staff
        )
        return AnswerFactory(
            conversation=conversation, life_area=self.area, status=status, performance=performance
        )

    def answer(self, recipient, performance):
        return self.conversation(
            recipient, days_ago=400, status="superseded", performance=performance
        )

    def intervention(self, recipient, technology, status, *, visits=0, serves=(), **extra):
        return InterventionFactory(
            recipient=recipient,
            technology=technology,
            status=status,
            visits_replaced_per_week=visits,
            serves_answers=list(serves),
            **extra,
        )

    def in_person(self, recipient, status, *, visits=0, serves=()):
        return self.intervention(
            recipient,
            None,
            status,
            visits=visits,
            serves=serves,
            delivery="in_person",
            digital_first_reason="Vill ha besök.",
        )

    def done(self, intervention, *, still_matters, performance):
        return FollowUpFactory(
            intervention=intervention,
            due_date=self.today - dt.timedelta(days=60),
            responsible=self.staff,
            status="done",
            done_at=self.now - dt.timedelta(days=59),
            decision="continue",
            still_matters=still_matters,
            performance=performance,
        )

    def scheduled(self, recipient, *, days_overdue, status="scheduled", **extra):
        """A follow-up of a goal (so that no intervention is added to the counts)."""
        return FollowUpFactory(
            intervention=None,
            goal=GoalFactory(recipient=recipient),
            recipient=recipient,
            due_date=self.today - dt.timedelta(days=days_overdue),
            responsible=self.staff,
            status=status,
            **extra,
        )

    def plan(self, recipient, *versions):
        plan = CarePlanFactory(recipient=recipient)
        for number, (status, days_ago) in enumerate(versions, start=1):
            CarePlanVersionFactory(
                plan=plan,
                number=number,
                status=status,
                snapshot={} if status == "approved" else None,
                submitted_at=self.now - dt.timedelta(days=days_ago) if days_ago else None,
            )
        return plan


@pytest.fixture
def data(world, technologies, today, now):
    w, t = world, technologies
    b = Builder(today=today, now=now, staff=UserFactory(first_name="Stina", last_name="Ansvarig"))
    carl = CareRecipientFactory(unit=w.unit_a, given_name="Carl", family_name="Carlsdemo")
    dora = CareRecipientFactory(
        unit=w.unit_b, given_name="Dora", family_name="Dorademo", status="ended"
    )
    hidden = CareRecipientFactory(
        unit=w.unit_a, given_name="Gömd", family_name="Okändsson", protected_identity=True
    )
    ulla = w.other_org_person

    # What-matters conversations: counted when within 12 months and with a current answer.
    alma_sleep = b.conversation(w.alma, days_ago=60, performance=3)
    bo_safety = b.conversation(w.bo, days_ago=400, performance=5)  # too old
    b.conversation(w.hemlig, days_ago=30, status="superseded")  # no current answer
    hemlig_meds = b.answer(w.hemlig, performance=5)
    b.conversation(carl, days_ago=30)
    b.conversation(carl, days_ago=10)  # two conversations, one person
    carl_company = b.answer(carl, performance=None)
    b.conversation(dora, days_ago=10)  # ended: not an active recipient
    b.conversation(hidden, days_ago=10)
    b.conversation(ulla, days_ago=10)
    alma_meds_low, alma_meds_high = b.answer(w.alma, 2), b.answer(w.alma, 6)

    # Interventions: technology × status, and visits replaced by the active ones.
    alma_camera = b.intervention(w.alma, t.camera, "active", visits=7, serves=[alma_sleep])
    alma_dispenser = b.intervention(
        w.alma, t.dispenser, "trial", visits=14, serves=[alma_meds_low, alma_meds_high]
    )
    bo_camera = b.intervention(w.bo, t.camera, "active", visits=3.5, serves=[bo_safety])
    b.intervention(w.bo, t.lock, "active", visits=2)
    hemlig_dispenser = b.intervention(
        w.hemlig, t.dispenser, "active", visits=14, serves=[hemlig_meds]
    )
    carl_visits = b.in_person(carl, "active", visits=1, serves=[carl_company])
    carl_camera_ended = b.intervention(carl, t.camera, "ended")
    carl_camera_proposed = b.intervention(carl, t.camera, "proposed")
    b.intervention(dora, t.camera, "declined")
    hidden_camera = b.intervention(hidden, t.camera, "active", visits=7)
    ulla_camera = b.intervention(ulla, t.camera, "active", visits=7)

    # Completed follow-ups: does it still matter, and the person's new rating.
    b.done(alma_camera, still_matters="yes", performance=7)  # 7 - 3 = +4
    b.done(alma_camera, still_matters="yes", performance=8)  # +5
    b.done(bo_camera, still_matters="partly", performance=4)  # 4 - 5 = -1
    b.done(carl_camera_ended, still_matters="no", performance=None)
    b.done(alma_dispenser, still_matters="yes", performance=6)  # 6 - 2 = +4 and 6 - 6 = 0
    b.done(hemlig_dispenser, still_matters="yes", performance=5)  # 0
    b.done(hemlig_dispenser, still_matters="partly", performance=8)  # +3
    b.done(carl_visits, still_matters="yes", performance=6)  # no rating at the start
    b.done(hidden_camera, still_matters="no", performance=0)
    b.done(ulla_camera, still_matters="no", performance=0)
    FollowUpFactory(  # a follow-up still to do: not an outcome (and not overdue)
        intervention=carl_camera_proposed, due_date=today + dt.timedelta(days=5)
    )
    FollowUpFactory(  # a completed follow-up of a goal only: no technology to credit
        intervention=None,
        goal=GoalFactory(recipient=w.alma),
        recipient=w.alma,
        responsible=b.staff,
        status="done",
        done_at=now,
        decision="continue",
        still_matters="no",
        performance=1,
    )

    # Overdue follow-ups: scheduled and due before today.
    b.scheduled(w.alma, days_overdue=10)
    b.scheduled(w.bo, days_overdue=3)
    b.scheduled(w.hemlig, days_overdue=20)
    b.scheduled(dora, days_overdue=1)
    b.scheduled(carl, days_overdue=0)  # due today: not yet overdue
    b.scheduled(carl, days_overdue=5, status="cancelled")
    b.scheduled(hidden, days_overdue=40)
    b.scheduled(ulla, days_overdue=50)

    # Care plans: submitted versions wait for review.
    b.plan(w.alma, ("submitted", 3))
    b.plan(w.bo, ("approved", 30), ("submitted", 1))
    b.plan(carl, ("draft", None))
    b.plan(hidden, ("submitted", 5))
    b.plan(ulla, ("submitted", 6))

    return SimpleNamespace(carl=carl, dora=dora, hidden=hidden, ulla=ulla, staff=b.staff)
