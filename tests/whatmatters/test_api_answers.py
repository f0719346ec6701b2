"""The answers API: add, PATCH with If-Match (never the person's words), the supersede
chain, filters."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.whatmatters.models import Answer
from apps.whatmatters.services import answer_supersede
from tests.helpers import error_codes, error_fields, error_pairs
from tests.whatmatters.api_helpers import (
    ANSWERS,
    url,
)
from tests.whatmatters.conftest import answer_data


class TestAnswers:
    def test_it_adds_an_answer_to_an_existing_conversation(self, token_for, world, talk):
        conversation = talk(world.staff_a, world.alma)
        body = {"conversation": str(conversation.pk), **answer_data("pain", own_words="Ont")}
        response = token_for(world.staff_a).post(ANSWERS, body, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["recipient"] == str(world.alma.pk)
        assert response["ETag"] == '"v1"'
        assert conversation.answers.count() == 2

    def test_a_conversation_out_of_scope_does_not_exist(self, token_for, world, talk):
        bos = talk(world.staff_b, world.bo)
        body = {"conversation": str(bos.pk), **answer_data()}
        response = token_for(world.staff_a).post(ANSWERS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"conversation"}
        assert error_codes(response) == {"does_not_exist"}
        assert bos.answers.count() == 1

    def test_patch_changes_the_summary_with_if_match(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).patch(
            url(ANSWERS, answer),
            {"staff_summary": "Vill sova ostört."},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"v2"'
        assert response.json()["staff_summary"] == "Vill sova ostört."

    def test_patch_marks_it_no_longer_relevant(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).patch(
            url(ANSWERS, answer),
            {"status": "no_longer_relevant"},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 200
        answer.refresh_from_db()
        assert answer.status == "no_longer_relevant"

    def test_patch_with_a_stale_if_match_is_412_and_without_is_428(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        client = token_for(world.staff_a)
        client.patch(
            url(ANSWERS, answer), {"staff_summary": "A"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        stale = client.patch(
            url(ANSWERS, answer), {"staff_summary": "B"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert stale.status_code == 412
        assert stale.json()["current_version"] == 2
        missing = client.patch(url(ANSWERS, answer), {"staff_summary": "B"}, format="json")
        assert missing.status_code == 428
        answer.refresh_from_db()
        assert answer.staff_summary == "A"

    @pytest.mark.parametrize(
        "change", [{"own_words": "Nya ord"}, {"importance": 3}, {"life_area": "pain"}]
    )
    def test_patching_the_persons_words_says_to_supersede(self, token_for, world, talk, change):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).patch(
            url(ANSWERS, answer), change, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 400
        assert error_pairs(response) == {(field, "supersede") for field in change}
        answer.refresh_from_db()
        assert answer.version == 1

    def test_an_unknown_field_is_a_400(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).patch(
            url(ANSWERS, answer), {"colour": "blå"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 400
        assert error_fields(response) == {"colour"}

    def test_the_supersede_chain(self, token_for, world, talk):
        first = talk(world.staff_a, world.alma).answers.get()
        client = token_for(world.staff_a)
        response = client.post(
            url(ANSWERS, first, "supersede"), {"own_words": "Att sova utan tillsyn."}, format="json"
        )
        assert response.status_code == 201, response.json()
        second = response.json()
        assert second["supersedes"] == str(first.pk)
        assert second["own_words"] == "Att sova utan tillsyn."
        assert second["life_area"] == "sleep" and second["importance"] == 9
        assert response["Location"] == f"{ANSWERS}{second['id']}/"
        response = client.post(
            f"{ANSWERS}{second['id']}/supersede/",
            {"performance": 8},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 201
        third = response.json()
        assert third["supersedes"] == second["id"] and third["own_words"] == second["own_words"]

        old = client.get(url(ANSWERS, first)).json()
        assert old["status"] == "superseded" and old["superseded_by"] == second["id"]
        middle = client.get(f"{ANSWERS}{second['id']}/").json()
        assert (middle["supersedes"], middle["superseded_by"]) == (str(first.pk), third["id"])
        current = client.get(ANSWERS, {"recipient": world.alma.pk, "status": "current"}).json()
        assert [a["id"] for a in current["results"]] == [third["id"]]

    def test_supersede_keeps_what_the_client_left_out(self, token_for, world, talk):
        first = talk(
            world.staff_a,
            world.alma,
            {"life_area": "mobility", "own_words": "Gå själv", "wants_to_manage_self": True},
        ).answers.get()
        response = token_for(world.staff_a).post(
            url(ANSWERS, first, "supersede"), {"importance": 1, "performance": None}, format="json"
        )
        assert response.status_code == 201
        new = response.json()
        assert (new["life_area"], new["own_words"], new["wants_to_manage_self"]) == (
            "mobility",
            "Gå själv",
            True,
        )
        assert (new["importance"], new["performance"]) == (1, None)

    def test_superseding_a_superseded_answer_is_409(self, token_for, world, talk):
        first = talk(world.staff_a, world.alma).answers.get()
        answer_supersede(actor=world.staff_a, answer=first, importance=5)
        response = token_for(world.staff_a).post(
            url(ANSWERS, first, "supersede"), {"importance": 4}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["current_status"] == "superseded"
        assert Answer.objects.count() == 2

    def test_a_supersede_that_changes_nothing_is_a_400_coded_unchanged(
        self, token_for, world, talk
    ):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).post(
            url(ANSWERS, answer, "supersede"), {}, format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"non_field_errors"}
        assert error_codes(response) == {"unchanged"}
        assert Answer.objects.count() == 1

    def test_supersede_with_a_stale_if_match_is_412(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        response = token_for(world.staff_a).post(
            url(ANSWERS, answer, "supersede"),
            {"importance": 4},
            format="json",
            HTTP_IF_MATCH='"v7"',
        )
        assert response.status_code == 412
        assert Answer.objects.count() == 1

    def test_supersede_into_another_persons_conversation_is_400(self, token_for, world, talk):
        answer = talk(world.manager, world.alma).answers.get()
        bos = talk(world.manager, world.bo)
        response = token_for(world.manager).post(
            url(ANSWERS, answer, "supersede"),
            {"conversation": str(bos.pk), "importance": 1},
            format="json",
        )
        assert response.status_code == 400
        assert error_fields(response) == {"conversation"}

    def test_supersede_refuses_unknown_and_oversize_fields(self, token_for, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        client = token_for(world.staff_a)
        unknown = client.post(url(ANSWERS, answer, "supersede"), {"status": "x"}, format="json")
        assert unknown.status_code == 400 and error_fields(unknown) == {"status"}
        oversize = client.post(
            url(ANSWERS, answer, "supersede"), {"own_words": "x" * 5001}, format="json"
        )
        assert oversize.status_code == 400 and error_fields(oversize) == {"own_words"}
        assert Answer.objects.count() == 1

    def test_the_filters(self, token_for, world, talk):
        talk(
            world.manager,
            world.alma,
            {},
            {"life_area": "mobility", "own_words": "Gå själv", "wants_to_manage_self": True},
        )
        talk(world.manager, world.bo, {"life_area": "pain", "own_words": "Ont"})
        gone = Answer.objects.get(life_area="sleep")
        answer_supersede(actor=world.manager, answer=gone, importance=1)
        client = token_for(world.manager)

        def words(**params):
            return sorted(a["own_words"] for a in client.get(ANSWERS, params).json()["results"])

        assert words(life_area="mobility") == ["Gå själv"]
        assert words(wants_to_manage_self="true") == ["Gå själv"]
        assert words(unit=world.unit_b.pk) == ["Ont"]
        assert words(status="superseded") == ["Att få sova ostört hela natten."]
        assert len(words(recipient=world.alma.pk, status="current")) == 2
        assert words(updated_since=(timezone.now() + dt.timedelta(minutes=1)).isoformat()) == []
