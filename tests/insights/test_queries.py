"""Every figure is a fixed number of SQL queries, whatever the amount of data behind it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.insights import selectors
from apps.insights.selectors import insight_scope
from tests.factories import (
    AnswerFactory,
    CarePlanFactory,
    CarePlanVersionFactory,
    CareRecipientFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    LifeAreaFactory,
    TechnologyFactory,
)
from tests.querycounts import ACCESS_LOG

# One query per figure (two for the overdue follow-ups: the count and the oldest ten).
PER_SELECTOR = {
    "conversation_coverage": 1,
    "overdue_followups": 2,
    "interventions_by_technology": 1,
    "technology_outcomes": 1,
    "replaced_visits": 1,
    "plans_waiting_for_review": 1,
}
SCOPE_QUERIES = 1
OVERVIEW_QUERIES = SCOPE_QUERIES + sum(PER_SELECTOR.values())  # 8
# The page adds the session, the signed-in user and the navigation's roles (base.html).
PAGE_QUERIES = OVERVIEW_QUERIES + 3 + ACCESS_LOG


def build(world, size: int) -> None:
    """`size` people in each of units A and B, each with their own technology, an answer, an
    active intervention serving it, a completed and an overdue follow-up, and a plan waiting
    for review."""
    today = timezone.localdate()
    area = LifeAreaFactory(code="sleep")
    for n in range(size):
        for unit in (world.unit_a, world.unit_b):
            person = CareRecipientFactory(unit=unit)
            answer = AnswerFactory(conversation__recipient=person, life_area=area, performance=3)
            intervention = InterventionFactory(
                recipient=person,
                technology=TechnologyFactory(),
                status="active",
                serves_answers=[answer],
            )
            FollowUpFactory(
                intervention=intervention,
                status="done",
                done_at=timezone.now(),
                decision="continue",
                still_matters="yes",
                performance=6,
            )
            FollowUpFactory(
                intervention=None,
                goal=GoalFactory(recipient=person),
                recipient=person,
                due_date=today - dt.timedelta(days=n + 1),
            )
            CarePlanVersionFactory(
                plan=CarePlanFactory(recipient=person),
                status="submitted",
                submitted_at=timezone.now(),
            )


@pytest.mark.parametrize("size", [1, 20])
@pytest.mark.parametrize("name", sorted(PER_SELECTOR))
def test_each_figure_is_a_fixed_number_of_queries(world, django_assert_num_queries, size, name):
    build(world, size)
    scope = insight_scope(user=world.manager)
    with django_assert_num_queries(PER_SELECTOR[name]):
        getattr(selectors, name)(scope)


@pytest.mark.parametrize("size", [1, 20])
def test_the_scope_is_one_query(world, django_assert_num_queries, size):
    build(world, size)
    with django_assert_num_queries(SCOPE_QUERIES):
        insight_scope(user=world.manager, unit_id=str(world.unit_b.pk))


@pytest.mark.parametrize("size", [1, 20])
def test_the_whole_overview_is_the_same_number_of_queries_for_1_and_20(
    world, django_assert_num_queries, size
):
    build(world, size)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        overview = selectors.unit_overview(insight_scope(user=world.manager))
    assert overview["interventions"]["total"] == 2 * size
    assert len(overview["outcomes"]) == 2 * size
    assert overview["overdue"]["count"] == 2 * size


@pytest.mark.parametrize("size", [1, 20])
def test_the_page_is_the_same_number_of_queries_for_1_and_20(
    client, world, django_assert_num_queries, size
):
    build(world, size)
    client.force_login(world.manager)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("insights:overview"))
    assert response.status_code == 200
    assert response.context["overview"]["plans"]["count"] == 2 * size
