"""Records for follow-ups: Alma's goal and running intervention. (`licensed_a` of
tests/conftest.py, unlike care staff, may also end an intervention.)"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    AnswerFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def goal(world):
    answer = AnswerFactory(conversation__recipient=world.alma)
    return GoalFactory(recipient=world.alma, answers=[answer], created_by=world.staff_a)


@pytest.fixture
def intervention(world, goal):
    """Alma's night camera, active."""
    return InterventionFactory(recipient=world.alma, status="active", proposed_by=world.assessor_a)


@pytest.fixture
def followup(world, intervention, goal, today):
    """A scheduled follow-up of Alma's goal and night camera, due in a week, for staff_a."""
    return FollowUpFactory(
        intervention=intervention,
        goal=goal,
        responsible=world.staff_a,
        due_date=today + dt.timedelta(days=7),
    )
