"""The what-matters pages for goals and for a changed answer (superseding, never
overwriting)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.whatmatters.models import Answer, Conversation, Goal
from tests.factories import AnswerFactory, ConversationFactory, GoalFactory
from tests.helpers import page_error_codes
from tests.whatmatters.test_pages import field_block, local_input

# --- goals -------------------------------------------------------------------------------------


@pytest.fixture
def almas_answers(world, life_areas):
    talk = ConversationFactory(recipient=world.alma, held_by=world.staff_a)
    sleep = AnswerFactory(conversation=talk, life_area=life_areas["sleep"], own_words="Sova ostört")
    old = AnswerFactory(
        conversation=talk,
        life_area=life_areas["pain"],
        own_words="Gammalt svar om smärta",
        status="superseded",
    )
    return {"sleep": sleep, "old": old}


def goal_post(answers, **fields):
    data = {
        "answers": [str(a.pk) for a in answers],
        "own_words": "Jag vill sova hela natten.",
        "indicator": "Sover fem nätter i veckan.",
        "target_date": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
    }
    data.update(fields)
    return data


class TestGoalPages:
    def test_the_form_offers_the_persons_current_answers_only(self, client, world, almas_answers):
        client.force_login(world.staff_a)
        url = reverse("whatmatters:goal-create", args=[world.alma.pk])
        html = client.get(url, {"answer": almas_answers["sleep"].pk}).content.decode()
        assert "Sova ostört" in html and "Gammalt svar om smärta" not in html
        checkbox = re.search(
            r'<input[^>]*value="' + str(almas_answers["sleep"].pk) + '"[^>]*>', html
        )
        assert "checked" in checkbox.group(0)  # ?answer= preselects it

    def test_a_goal_is_created_from_an_answer(self, client, world, almas_answers):
        client.force_login(world.staff_a)
        url = reverse("whatmatters:goal-create", args=[world.alma.pk])
        response = client.post(url, goal_post([almas_answers["sleep"]]))
        assert response.status_code == 302
        goal = Goal.objects.get(recipient=world.alma)
        assert list(goal.answers.all()) == [almas_answers["sleep"]]
        assert goal.own_words == "Jag vill sova hela natten." and goal.created_by == world.staff_a

    def test_an_answer_of_another_person_is_refused_and_nothing_saved(
        self, client, world, almas_answers
    ):
        bos = AnswerFactory(
            conversation__recipient=world.bo, life_area=almas_answers["sleep"].life_area
        )
        client.force_login(world.manager)  # sees both Alma and Bo
        url = reverse("whatmatters:goal-create", args=[world.alma.pk])
        html = client.post(url, goal_post([bos])).content.decode()
        assert "field--error" in html and "Jag vill sova hela natten." in html
        assert not Goal.objects.exists()

    def test_a_goal_without_an_answer_or_words_is_refused_next_to_the_fields(
        self, client, world, almas_answers
    ):
        client.force_login(world.staff_a)
        url = reverse("whatmatters:goal-create", args=[world.alma.pk])
        past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
        html = client.post(url, goal_post([], own_words="", target_date=past)).content.decode()
        assert html.count('class="field-error"') >= 2
        assert not Goal.objects.exists()
        response = client.post(url, goal_post([almas_answers["sleep"]], target_date=past))
        assert page_error_codes(response) == {"target_date": {"in_past"}}
        assert not Goal.objects.exists()

    def test_without_current_answers_it_asks_for_a_conversation_first(self, client, world, db):
        client.force_login(world.staff_a)
        html = client.get(reverse("whatmatters:goal-create", args=[world.alma.pk])).content.decode()
        assert reverse("whatmatters:conversation-create", args=[world.alma.pk]) in html
        assert '<form method="post" novalidate>' not in html

    def test_editing_changes_the_status_and_words(self, client, world, almas_answers):
        goal = GoalFactory(recipient=world.alma, answers=[almas_answers["sleep"]])
        client.force_login(world.staff_a)
        url = reverse("whatmatters:goal-update", args=[goal.pk])
        html = client.get(url).content.decode()
        assert goal.own_words in html and 'name="version" value="1"' in html
        data = goal_post([almas_answers["sleep"]], status="partly_achieved", version="1")
        data["own_words"] = "Sova de flesta nätter."
        assert client.post(url, data).status_code == 302
        goal.refresh_from_db()
        assert (goal.status, goal.own_words, goal.version) == (
            "partly_achieved",
            "Sova de flesta nätter.",
            2,
        )

    def test_a_stale_edit_is_refused_and_what_was_typed_is_kept(self, client, world, almas_answers):
        goal = GoalFactory(recipient=world.alma, answers=[almas_answers["sleep"]])
        goal.version = 3
        goal.save()
        client.force_login(world.staff_a)
        url = reverse("whatmatters:goal-update", args=[goal.pk])
        data = goal_post([almas_answers["sleep"]], status="achieved", version="2")
        data["own_words"] = "Mina nya ord"
        response = client.post(url, data)
        assert page_error_codes(response) == {"__all__": {"version_mismatch"}}
        html = response.content.decode()
        assert "har ändrats av någon annan" in html and "Mina nya ord" in html
        goal.refresh_from_db()
        assert goal.status == "active" and goal.version == 3

    def test_a_superseded_answer_already_linked_stays_offered_when_editing(
        self, client, world, almas_answers
    ):
        goal = GoalFactory(recipient=world.alma, answers=[almas_answers["old"]])
        client.force_login(world.staff_a)
        html = client.get(reverse("whatmatters:goal-update", args=[goal.pk])).content.decode()
        assert "Gammalt svar om smärta" in html and "Sova ostört" in html

    def test_roles_and_scope(self, client, world, almas_answers):
        goal = GoalFactory(recipient=world.alma, answers=[almas_answers["sleep"]])
        create = reverse("whatmatters:goal-create", args=[world.alma.pk])
        update = reverse("whatmatters:goal-update", args=[goal.pk])
        client.force_login(world.admin_user)
        assert client.get(create).status_code == 403
        assert (
            client.post(
                update, goal_post([almas_answers["sleep"]], status="achieved", version="1")
            ).status_code
            == 403
        )
        client.force_login(world.staff_b)
        assert client.get(create).status_code == 404
        assert client.get(update).status_code == 404
        goal.refresh_from_db()
        assert goal.status == "active"


# --- a changed answer --------------------------------------------------------------------------


def supersede_post(**fields):
    data = {
        "own_words": "Nu vill jag mest kunna sova middag.",
        "life_area": "sleep",
        "importance": "8",
        "performance": "5",
        "staff_summary": "",
        "where": "same",
        "held_at": "",
        "location": "",
        "participants": "",
        "version": "1",
    }
    data.update(fields)
    return data


class TestSupersedePage:
    def test_it_shows_the_old_words_and_prefills_the_ratings(self, client, world, almas_answers):
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[almas_answers["sleep"].pk])
        html = client.get(url).content.decode()
        assert "Sova ostört" in html and 'class="quote"' in html
        assert 'name="importance" value="9"' in html

    def test_the_new_words_go_into_the_same_conversation_and_the_old_answer_stays(
        self, client, world, almas_answers
    ):
        old = almas_answers["sleep"]
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[old.pk])
        assert client.post(url, supersede_post()).status_code == 302
        old.refresh_from_db()
        new = old.superseded_by
        assert old.status == "superseded" and old.own_words == "Sova ostört"
        assert new.own_words == "Nu vill jag mest kunna sova middag."
        assert new.conversation_id == old.conversation_id and new.importance == 8

    def test_the_new_words_may_come_from_a_new_conversation(self, client, world, almas_answers):
        old = almas_answers["sleep"]
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[old.pk])
        data = supersede_post(
            where="new",
            held_at=local_input(timezone.now() + dt.timedelta(minutes=1)),
            location="phone",
            participants="Alma",
        )
        assert client.post(url, data).status_code == 302
        old.refresh_from_db()
        conversation = old.superseded_by.conversation
        assert conversation.pk != old.conversation_id
        assert (conversation.location, conversation.held_by) == ("phone", world.staff_a)

    def test_a_new_conversation_before_the_old_one_is_refused_and_nothing_is_saved(
        self, client, world, almas_answers
    ):
        old = almas_answers["sleep"]
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[old.pk])
        earlier = local_input(old.conversation.held_at - dt.timedelta(days=3))
        data = supersede_post(where="new", held_at=earlier, location="phone")
        response = client.post(url, data)
        html = response.content.decode()
        assert page_error_codes(response) == {"held_at": {"earlier_conversation"}}
        assert "field-error" in field_block(html, "id_held_at")
        assert "Nu vill jag mest kunna sova middag." in html
        assert Conversation.objects.count() == 1  # the new conversation was rolled back too
        old.refresh_from_db()
        assert old.status == "current"

    def test_a_new_conversation_needs_its_time_and_place(self, client, world, almas_answers):
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[almas_answers["sleep"].pk])
        response = client.post(url, supersede_post(where="new"))
        assert page_error_codes(response) == {"held_at": {"required"}, "location": {"required"}}
        html = response.content.decode()
        assert "field-error" in field_block(html, "id_held_at")
        assert "field-error" in field_block(html, "id_location")

    def test_the_same_words_again_are_not_a_change(self, client, world, almas_answers):
        old = almas_answers["sleep"]
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[old.pk])
        data = supersede_post(own_words=old.own_words, importance="9", performance="3")
        response = client.post(url, data)
        assert page_error_codes(response) == {"__all__": {"unchanged"}}
        assert Answer.objects.count() == 2

    def test_an_answer_already_superseded_cannot_be_superseded_again(
        self, client, world, almas_answers
    ):
        old = almas_answers["old"]
        client.force_login(world.staff_a)
        url = reverse("whatmatters:answer-supersede", args=[old.pk])
        html = client.get(url).content.decode()
        assert "kan inte ersättas igen" in html and 'name="own_words"' not in html
        client.post(url, supersede_post(life_area="pain"))
        assert Answer.objects.count() == 2

    def test_roles_and_scope(self, client, world, almas_answers):
        url = reverse("whatmatters:answer-supersede", args=[almas_answers["sleep"].pk])
        client.force_login(world.admin_user)
        assert client.post(url, supersede_post()).status_code == 403
        for persona in ("staff_b", "outsider"):
            client.force_login(getattr(world, persona))
            assert client.get(url).status_code == 404
            assert client.post(url, supersede_post()).status_code == 404
        assert Answer.objects.count() == 2
