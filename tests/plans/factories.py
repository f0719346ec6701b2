"""App-local helpers: fill a person's plan with content from the shared factories."""

import datetime as dt
from types import SimpleNamespace

from apps.interventions.choices import InterventionStatus
from tests.factories import (
    AnswerFactory,
    ConversationFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    LifeAreaFactory,
    TechnologyFactory,
    UserFactory,
)


def fill_plan(recipient, *, size: int = 1, responsible=None) -> SimpleNamespace:
    """`size` answers, each with a goal, an intervention serving both, and a follow-up; plus
    one declined intervention, which never belongs in the plan."""
    sleep = LifeAreaFactory(code="sleep", name_sv="Sömn", name_en="Sleep", sort_order=200)
    conversation = ConversationFactory(recipient=recipient)
    responsible = responsible or UserFactory(first_name="Ansvarig", last_name="Personal")
    answers, goals, interventions, follow_ups = [], [], [], []
    for n in range(size):
        answer = AnswerFactory(conversation=conversation, life_area=sleep, own_words=f"Svar {n}")
        goal = GoalFactory(recipient=recipient, answers=[answer], own_words=f"Mål {n}")
        intervention = InterventionFactory(
            recipient=recipient,
            technology=TechnologyFactory(),
            title=f"Insats {n}",
            serves_answers=[answer],
            trial_start=dt.date(2026, 3, 1),
            trial_end=dt.date(2026, 4, 1),
        )
        intervention.serves_goals.set([goal])
        follow_up = FollowUpFactory(
            recipient=recipient,
            intervention=intervention,
            responsible=responsible,
            due_date=dt.date(2026, 4, 1) + dt.timedelta(days=n),
        )
        answers.append(answer)
        goals.append(goal)
        interventions.append(intervention)
        follow_ups.append(follow_up)
    declined = InterventionFactory(
        recipient=recipient,
        title="Avböjd insats",
        status=InterventionStatus.DECLINED,
        serves_answers=answers[:1],
    )
    return SimpleNamespace(
        answers=answers,
        goals=goals,
        interventions=interventions,
        follow_ups=follow_ups,
        declined=declined,
        responsible=responsible,
    )
