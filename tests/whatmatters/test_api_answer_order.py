"""A conversation's answers come back in the order they were given (issue 9): the order an
integrator sent in POST /conversations/, on the 201 and on every later GET."""

from tests.whatmatters.api_helpers import ANSWERS, CONVERSATIONS, conversation_body, url
from tests.whatmatters.conftest import answer_data

# Deliberately not the life areas' own order, with two answers in the same life area.
GIVEN = [
    ("mobility", "Att gå till affären själv."),
    ("sleep", "Att få sova ostört hela natten."),
    ("security", "Att känna mig trygg på natten."),
    ("sleep", "Att slippa vakna av tillsynen."),
    ("pain", "Att slippa ha ont i knät."),
]


def _sent():
    return [answer_data(area, own_words=words) for area, words in GIVEN]


def _got(body):
    return [(a["life_area"], a["own_words"]) for a in body["answers"]]


def test_the_answers_come_back_in_the_order_sent(token_for, world, life_areas):
    client = token_for(world.staff_a)
    response = client.post(CONVERSATIONS, conversation_body(world.alma, *_sent()), format="json")
    assert response.status_code == 201, response.json()
    assert _got(response.json()) == GIVEN

    again = client.get(response["Location"])
    assert again.status_code == 200
    assert _got(again.json()) == GIVEN
    listed = client.get(CONVERSATIONS, {"recipient": str(world.alma.pk)}).json()["results"]
    assert [_got(c) for c in listed] == [GIVEN]


def test_an_answer_added_later_comes_after_the_others(token_for, world, life_areas):
    client = token_for(world.staff_a)
    created = client.post(
        CONVERSATIONS, conversation_body(world.alma, *_sent()), format="json"
    ).json()
    added = client.post(
        ANSWERS,
        {"conversation": created["id"], **answer_data("communication", own_words="Att få ringa.")},
        format="json",
    )
    assert added.status_code == 201, added.json()
    body = client.get(f"{CONVERSATIONS}{created['id']}/").json()
    assert _got(body) == [*GIVEN, ("communication", "Att få ringa.")]


def test_the_retrieved_conversation_keeps_the_order(token_for, world, talk):
    conversation = talk(
        world.staff_a,
        world.alma,
        *({"life_area": area, "own_words": words} for area, words in reversed(GIVEN)),
    )
    body = token_for(world.staff_a).get(url(CONVERSATIONS, conversation)).json()
    assert _got(body) == list(reversed(GIVEN))
