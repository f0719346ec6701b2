"""The goals API, and scoping and read-only tokens across the three resources."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.whatmatters.models import Answer, Conversation, Goal
from apps.whatmatters.services import goal_create, goal_update
from tests.helpers import error_codes, error_fields
from tests.whatmatters.api_helpers import (
    ANSWERS,
    CONVERSATIONS,
    GOALS,
    conversation_body,
    in_days,
    url,
)
from tests.whatmatters.conftest import answer_data


@pytest.fixture
def almas_answers(world, talk):
    return list(talk(world.manager, world.alma, {}, {"life_area": "security"}).answers.all())


class TestGoals:
    def test_it_creates_a_goal_from_the_persons_answers(self, token_for, world, almas_answers):
        body = {
            "recipient": str(world.alma.pk),
            "answers": [str(a.pk) for a in almas_answers],
            "own_words": "Jag vill sova hela natten.",
            "indicator": "Sover ostört fem nätter i veckan.",
            "target_date": in_days(60),
        }
        response = token_for(world.staff_a).post(GOALS, body, format="json")
        assert response.status_code == 201, response.json()
        goal = response.json()
        assert goal["status"] == "active" and response["ETag"] == '"v1"'
        assert {(a["id"], a["own_words"]) for a in goal["answers"]} == {
            (str(a.pk), a.own_words) for a in almas_answers
        }
        assert {a["life_area_label"] for a in goal["answers"]} == {"Sömn", "Känsla av trygghet"}

    def test_an_answer_of_another_person_is_400_naming_answers(
        self, token_for, world, almas_answers, talk
    ):
        bos = talk(world.manager, world.bo).answers.get()
        body = {
            "recipient": str(world.alma.pk),
            "answers": [str(almas_answers[0].pk), str(bos.pk)],
            "own_words": "Sova",
        }
        response = token_for(world.manager).post(GOALS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"answers"}
        assert not Goal.objects.exists()

    def test_an_answer_out_of_scope_does_not_exist(self, token_for, world, almas_answers, talk):
        bos = talk(world.manager, world.bo).answers.get()
        body = {"recipient": str(world.alma.pk), "answers": [str(bos.pk)], "own_words": "Sova"}
        response = token_for(world.staff_a).post(GOALS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"answers"}
        assert error_codes(response) == {"does_not_exist"}
        assert not Goal.objects.exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"answers": []}, "answers"),
            ({"target_date": "2000-01-01"}, "target_date"),
            ({"own_words": "x" * 5001}, "own_words"),
            ({"status": "achieved"}, "status"),
        ],
    )
    def test_bad_input_is_named(self, token_for, world, almas_answers, change, field):
        body = {
            "recipient": str(world.alma.pk),
            "answers": [str(almas_answers[0].pk)],
            "own_words": "Sova",
            **change,
        }
        response = token_for(world.staff_a).post(GOALS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {field}
        assert not Goal.objects.exists()

    def test_patch_with_if_match_records_an_outcome(self, token_for, world, almas_answers):
        goal = goal_create(
            actor=world.staff_a, recipient=world.alma, answers=almas_answers[:1], own_words="Sova"
        )
        client = token_for(world.staff_a)
        response = client.patch(
            url(GOALS, goal),
            {"status": "achieved", "answers": [str(almas_answers[1].pk)]},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "achieved" and response["ETag"] == '"v2"'
        assert [a["id"] for a in response.json()["answers"]] == [str(almas_answers[1].pk)]
        stale = client.patch(
            url(GOALS, goal), {"status": "active"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert stale.status_code == 412
        assert (
            client.patch(url(GOALS, goal), {"status": "active"}, format="json").status_code == 428
        )

    def test_the_filters(self, token_for, world, almas_answers, talk):
        bos = talk(world.manager, world.bo).answers.get()
        soon = goal_create(
            actor=world.manager,
            recipient=world.alma,
            answers=almas_answers[:1],
            own_words="Snart",
            target_date=timezone.localdate() + dt.timedelta(days=10),
        )
        later = goal_create(
            actor=world.manager,
            recipient=world.bo,
            answers=[bos],
            own_words="Senare",
            target_date=timezone.localdate() + dt.timedelta(days=100),
        )

        goal_update(actor=world.manager, goal=later, status="cancelled")
        client = token_for(world.manager)

        def words(**params):
            return sorted(g["own_words"] for g in client.get(GOALS, params).json()["results"])

        assert words() == ["Senare", "Snart"]
        assert words(recipient=world.alma.pk) == ["Snart"]
        assert words(unit=world.unit_b.pk) == ["Senare"]
        assert words(status="active") == ["Snart"]
        assert words(target_before=in_days(50)) == ["Snart"]
        assert words(target_after=in_days(50)) == ["Senare"]
        assert words(updated_since=(timezone.now() + dt.timedelta(minutes=1)).isoformat()) == []
        assert soon.pk


@pytest.fixture
def almas_records(world, talk):
    conversation = talk(world.staff_a, world.alma)
    answer = conversation.answers.get()
    goal = goal_create(actor=world.staff_a, recipient=world.alma, answers=[answer], own_words="S")
    return {"conversation": conversation, "answer": answer, "goal": goal}


@pytest.fixture
def hemligs_records(world, talk):
    conversation = talk(world.manager, world.hemlig)
    answer = conversation.answers.get()
    goal = goal_create(actor=world.manager, recipient=world.hemlig, answers=[answer], own_words="S")
    return {"conversation": conversation, "answer": answer, "goal": goal}


BASES = {"conversation": CONVERSATIONS, "answer": ANSWERS, "goal": GOALS}


class TestScope:
    @pytest.mark.parametrize("kind", ["conversation", "answer", "goal"])
    @pytest.mark.parametrize("user", ["staff_b", "outsider"])
    def test_another_units_or_organisations_records_are_404(
        self, token_for, world, almas_records, kind, user
    ):
        client = token_for(getattr(world, user))
        response = client.get(url(BASES[kind], almas_records[kind]))
        assert response.status_code == 404
        assert "Att få sova" not in response.content.decode()
        assert client.get(BASES[kind]).json()["results"] == []

    @pytest.mark.parametrize("kind", ["conversation", "answer", "goal"])
    def test_a_protected_persons_records_are_404_without_a_grant(
        self, token_for, world, hemligs_records, kind
    ):
        client = token_for(world.staff_a)
        assert client.get(url(BASES[kind], hemligs_records[kind])).status_code == 404
        assert client.get(BASES[kind]).json()["results"] == []
        granted = token_for(world.manager)
        assert granted.get(url(BASES[kind], hemligs_records[kind])).status_code == 200

    def test_changes_to_records_out_of_scope_are_404(self, token_for, world, almas_records):
        client = token_for(world.staff_b)
        answer, goal = almas_records["answer"], almas_records["goal"]
        patch = client.patch(
            url(ANSWERS, answer), {"staff_summary": "x"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        supersede = client.post(url(ANSWERS, answer, "supersede"), {"importance": 1}, format="json")
        goal_patch = client.patch(
            url(GOALS, goal), {"status": "achieved"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert (patch.status_code, supersede.status_code, goal_patch.status_code) == (404, 404, 404)
        assert Answer.objects.count() == 1

    def test_a_token_narrowed_to_another_unit_sees_nothing_of_unit_a(
        self, token_for, world, almas_records
    ):
        client = token_for(world.manager, units=[world.unit_b])
        assert client.get(url(ANSWERS, almas_records["answer"])).status_code == 404
        assert client.get(ANSWERS).json()["results"] == []


class TestReadOnlyToken:
    def test_it_may_read_but_every_write_is_403(self, token_for, world, almas_records, life_areas):
        client = token_for(world.staff_a, read_only=True)
        answer, goal = almas_records["answer"], almas_records["goal"]
        assert client.get(url(ANSWERS, answer)).status_code == 200
        writes = [
            client.post(CONVERSATIONS, conversation_body(world.alma, answer_data()), format="json"),
            client.post(
                ANSWERS,
                {"conversation": str(almas_records["conversation"].pk), **answer_data()},
                format="json",
            ),
            client.patch(
                url(ANSWERS, answer), {"staff_summary": "x"}, format="json", HTTP_IF_MATCH='"v1"'
            ),
            client.post(url(ANSWERS, answer, "supersede"), {"importance": 1}, format="json"),
            client.post(
                GOALS,
                {"recipient": str(world.alma.pk), "answers": [str(answer.pk)], "own_words": "S"},
                format="json",
            ),
            client.patch(
                url(GOALS, goal), {"status": "achieved"}, format="json", HTTP_IF_MATCH='"v1"'
            ),
        ]
        assert [w.status_code for w in writes] == [403] * 6
        assert (Conversation.objects.count(), Answer.objects.count(), Goal.objects.count()) == (
            1,
            1,
            1,
        )
