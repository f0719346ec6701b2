"""Each list runs a fixed number of queries whatever the page size, and each detail too.

Per request: 1 token + user, 1 token units, then the page (with the scope as subqueries)
and one query per prefetched relation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.whatmatters.models import Answer, Conversation, Goal
from apps.whatmatters.services import answer_supersede, goal_create
from tests.querycounts import ACCESS_LOG

# endpoint, how many queries a list and a detail take
CASES = {
    # page of conversations with held_by joined, + their answers (life area, superseded_by joined)
    "conversations": ("/api/v1/conversations/", 4 + ACCESS_LOG, 4 + ACCESS_LOG),
    # page of answers with life area and superseded_by joined
    "answers": ("/api/v1/answers/", 3 + ACCESS_LOG, 3 + ACCESS_LOG),
    # page of goals, + their answers with life area joined
    "goals": ("/api/v1/goals/", 4 + ACCESS_LOG, 4 + ACCESS_LOG),
}


def add_rows(world, talk, count):
    """`count` conversations, each with two answers (one superseded) and a goal."""
    for _ in range(count):
        conversation = talk(
            world.staff_a, world.alma, {}, {"life_area": "pain", "own_words": "Ont"}
        )
        sleep = conversation.answers.get(life_area="sleep")
        newer = answer_supersede(actor=world.staff_a, answer=sleep, importance=2)
        goal_create(
            actor=world.staff_a,
            recipient=world.alma,
            answers=[newer, conversation.answers.get(life_area="pain")],
            own_words="Sova och slippa ont",
        )


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", CASES)
def test_a_list_runs_the_same_pinned_number_of_queries_for_one_row_or_ten(
    token_for, world, talk, kind
):
    path, expected, _detail = CASES[kind]
    client = token_for(world.staff_a)
    add_rows(world, talk, 1)
    client.get(path)  # the first use of a token also records last_used_at
    one = count_queries(client, path)
    add_rows(world, talk, 9)
    response = client.get(path)
    assert len(response.json()["results"]) >= 10
    many = count_queries(client, path)
    assert one == many == expected


@pytest.mark.parametrize("kind", CASES)
def test_a_detail_runs_a_pinned_number_of_queries(
    token_for, world, talk, kind, django_assert_num_queries
):
    path, _list, expected = CASES[kind]
    add_rows(world, talk, 3)
    model = {"conversations": Conversation, "answers": Answer, "goals": Goal}[kind]
    row = model.objects.filter(recipient=world.alma).first()
    client = token_for(world.staff_a)
    client.get(path)
    with django_assert_num_queries(expected):
        assert client.get(f"{path}{row.pk}/").status_code == 200
