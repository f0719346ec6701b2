"""The conversations API: nested create (all or nothing), strict input, filters."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.whatmatters.models import Answer, Conversation
from tests.helpers import error_codes, error_fields
from tests.whatmatters.api_helpers import (
    CONVERSATIONS,
    conversation_body,
    three_answers,
    url,
)
from tests.whatmatters.conftest import answer_data


class TestConversations:
    def test_it_creates_a_conversation_with_three_answers(self, token_for, world, life_areas):
        response = token_for(world.staff_a).post(
            CONVERSATIONS, conversation_body(world.alma, *three_answers()), format="json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        conversation = Conversation.objects.get()
        assert response["Location"] == url(CONVERSATIONS, conversation)
        assert body["held_by"] == str(world.staff_a.pk)
        assert body["recipient"] == str(world.alma.pk)
        by_area = {a["life_area"]: a for a in body["answers"]}
        assert set(by_area) == {"sleep", "security", "mobility"}
        assert by_area["security"]["life_area_label"] == "Känsla av trygghet"
        assert by_area["security"]["own_words"] == "Att känna mig trygg på natten."
        assert by_area["mobility"]["wants_to_manage_self"] is True
        assert by_area["sleep"]["supersedes"] is None and by_area["sleep"]["superseded_by"] is None
        assert Answer.objects.filter(conversation=conversation).count() == 3

    def test_one_bad_answer_is_a_400_naming_it_and_nothing_is_saved(
        self, token_for, world, life_areas
    ):
        answers = three_answers()
        answers[1]["own_words"] = "x" * 5001
        response = token_for(world.staff_a).post(
            CONVERSATIONS, conversation_body(world.alma, *answers), format="json"
        )
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert error_fields(response) == {"answers.1.own_words"}
        assert not Conversation.objects.exists() and not Answer.objects.exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"importance": 11}, "answers.0.importance"),
            ({"life_area": "no-such-area"}, "answers.0.life_area"),
            ({"feeling": "bra"}, "answers.0.feeling"),
        ],
    )
    def test_bad_nested_answers_are_named(self, token_for, world, life_areas, change, field):
        body = conversation_body(world.alma, {**answer_data(), **change})
        response = token_for(world.staff_a).post(CONVERSATIONS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {field}
        assert not Conversation.objects.exists()

    def test_more_than_fifty_answers_in_one_request_is_a_400(self, token_for, world, life_areas):
        body = conversation_body(world.alma, *[answer_data()] * 51)
        response = token_for(world.staff_a).post(CONVERSATIONS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"answers.non_field_errors"}
        assert not Conversation.objects.exists()

    def test_a_conversation_in_the_future_is_a_400_naming_held_at(
        self, token_for, world, life_areas
    ):
        future = (timezone.now() + dt.timedelta(hours=1)).isoformat()
        response = token_for(world.staff_a).post(
            CONVERSATIONS, conversation_body(world.alma, held_at=future), format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"held_at"}

    def test_an_unknown_field_is_a_400(self, token_for, world, life_areas):
        body = conversation_body(world.alma, answer_data(), held_by=str(world.manager.pk))
        response = token_for(world.staff_a).post(CONVERSATIONS, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"held_by"}

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_a_recipient_out_of_scope_does_not_exist(self, token_for, world, life_areas, name):
        target = getattr(world, name)
        response = token_for(world.staff_a).post(
            CONVERSATIONS, conversation_body(target, answer_data()), format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"recipient"}
        assert error_codes(response) == {"does_not_exist"}
        assert target.family_name not in response.content.decode()
        assert not Conversation.objects.exists()

    def test_an_administrator_without_a_care_role_is_403(self, token_for, world, life_areas):
        response = token_for(world.admin_user).post(
            CONVERSATIONS, conversation_body(world.alma, answer_data()), format="json"
        )
        assert response.status_code == 403
        assert not Conversation.objects.exists()

    def test_it_retrieves_a_conversation_with_its_answers(self, token_for, world, talk):
        conversation = talk(
            world.staff_a, world.alma, {}, {"life_area": "pain", "own_words": "Ont"}
        )
        body = token_for(world.staff_a).get(url(CONVERSATIONS, conversation)).json()
        assert body["id"] == str(conversation.pk)
        assert [a["life_area"] for a in body["answers"]] == ["sleep", "pain"]
        assert body["held_by_name"]

    def test_conversations_cannot_be_patched(self, token_for, world, talk):
        conversation = talk(world.staff_a, world.alma)
        response = token_for(world.staff_a).patch(
            url(CONVERSATIONS, conversation), {"notes": "x"}, format="json"
        )
        assert response.status_code == 405

    def test_the_filters(self, token_for, world, talk):
        old = talk(world.manager, world.alma, held_at=timezone.now() - dt.timedelta(days=40))
        new = talk(world.manager, world.alma)
        bos = talk(world.manager, world.bo)
        client = token_for(world.manager)

        def ids(**params):
            return {c["id"] for c in client.get(CONVERSATIONS, params).json()["results"]}

        assert ids() == {str(old.pk), str(new.pk), str(bos.pk)}
        assert ids(recipient=world.alma.pk) == {str(old.pk), str(new.pk)}
        assert ids(unit=world.unit_b.pk) == {str(bos.pk)}
        cut = (timezone.now() - dt.timedelta(days=20)).isoformat()
        assert ids(held_before=cut) == {str(old.pk)}
        assert ids(held_after=cut, recipient=world.alma.pk) == {str(new.pk)}
        assert ids(updated_since=(timezone.now() + dt.timedelta(minutes=1)).isoformat()) == set()

    def test_an_idempotency_key_creates_the_conversation_once(self, token_for, world, life_areas):
        client = token_for(world.staff_a)
        body = conversation_body(world.alma, answer_data())
        first = client.post(CONVERSATIONS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        again = client.post(CONVERSATIONS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        assert first.status_code == again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert Conversation.objects.count() == 1 and Answer.objects.count() == 1
