"""The what-matters pages: recording a conversation with several answers, goals, and a
changed answer (superseding, never overwriting)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.whatmatters.models import Answer, Conversation
from tests.helpers import page_error_codes


def conversation_url(recipient):
    return reverse("whatmatters:conversation-create", args=[recipient.pk])


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def conversation_post(rows=(), total=3, **fields):
    """The form as a browser sends it: `rows` are dicts for the first answer rows."""
    data = {
        "held_at": local_input(timezone.now() - dt.timedelta(hours=1)),
        "location": "home_visit",
        "participants": "Alma och dottern",
        "notes": "",
        "answers-TOTAL_FORMS": str(total),
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "30",
    }
    data.update(fields)
    for index in range(total):
        row = rows[index] if index < len(rows) else {}
        for name in ("own_words", "life_area", "importance", "performance", "staff_summary"):
            data[f"answers-{index}-{name}"] = row.get(name, "")
        if row.get("wants_to_manage_self"):
            data[f"answers-{index}-wants_to_manage_self"] = "on"
    return data


def row(words, area="sleep", importance="9", performance="3", **extra):
    return {
        "own_words": words,
        "life_area": area,
        "importance": importance,
        "performance": performance,
        **extra,
    }


def field_block(html: str, field_id: str) -> str:
    """The `.field` div that holds the input with this id."""
    match = re.search(
        r'<div class="field[^"]*">(?:(?!<div class="field).)*id="' + field_id + '"', html, re.S
    )
    assert match, f"no field {field_id}"
    return match.group(0)


class TestConversationPage:
    def test_it_asks_what_matters_first_with_three_empty_answer_rows(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        response = client.get(conversation_url(world.alma))
        html = response.content.decode()
        assert response.status_code == 200
        first_heading = re.search(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
        assert first_heading.group(1) == "1"
        assert first_heading.group(2).strip() == "Vad är viktigt för dig?"
        assert 'name="answers-TOTAL_FORMS" value="3"' in html
        assert 'id="id_answers-2-own_words"' in html and "answers-3-" not in html
        assert 'name="add_answer"' in html
        assert "Sömn" in html  # life areas offered

    def test_nothing_about_technology_is_on_the_page(self, client, world, life_areas):
        client.force_login(world.staff_a)
        html = client.get(conversation_url(world.alma)).content.decode().lower()
        for word in ("teknik", "insats", "kamera", "technology"):
            assert word not in html

    def test_several_answers_are_saved_in_one_go_and_empty_rows_are_left_out(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        data = conversation_post(
            [
                row("Att få sova ostört hela natten.", wants_to_manage_self=True),
                row("Att kunna gå till affären.", area="mobility", importance="7"),
            ]
        )
        response = client.post(conversation_url(world.alma), data)
        assert response.status_code == 302
        assert response["Location"].endswith(
            reverse("recipients:detail", args=[world.alma.pk]) + "#main"  # the confirmation in view
        )
        conversation = Conversation.objects.get(recipient=world.alma)
        assert conversation.held_by == world.staff_a
        assert conversation.participants == "Alma och dottern"
        answers = {a.own_words: a for a in conversation.answers.all()}
        assert set(answers) == {"Att få sova ostört hela natten.", "Att kunna gå till affären."}
        sleep = answers["Att få sova ostört hela natten."]
        assert (sleep.importance, sleep.performance, sleep.wants_to_manage_self) == (9, 3, True)
        assert answers["Att kunna gå till affären."].life_area_id == "mobility"
        followed = client.get(response["Location"]).content.decode()
        assert "Samtalet är sparat med 2 svar" in followed

    def test_a_bad_rating_is_shown_next_to_that_answer_and_nothing_is_saved(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        data = conversation_post(
            [
                row("Att sova."),
                row("Att få träffa barnbarnen.", area="relationships", importance="11"),
            ]
        )
        response = client.post(conversation_url(world.alma), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "field-error" in field_block(html, "id_answers-1-importance")
        assert "field-error" not in field_block(html, "id_answers-0-importance")
        assert "Att få träffa barnbarnen." in html  # what was typed is kept
        assert 'href="#id_answers-1-importance"' in html  # and the summary links to it
        assert not Conversation.objects.exists() and not Answer.objects.exists()

    def test_a_half_filled_row_asks_for_the_persons_words(self, client, world, life_areas):
        client.force_login(world.staff_a)
        data = conversation_post([row("Att sova."), {"life_area": "pain"}])
        html = client.post(conversation_url(world.alma), data).content.decode()
        assert "field-error" in field_block(html, "id_answers-1-own_words")
        assert not Conversation.objects.exists()

    def test_a_conversation_needs_at_least_one_answer(self, client, world, life_areas):
        client.force_login(world.staff_a)
        response = client.post(conversation_url(world.alma), conversation_post())
        assert page_error_codes(response) == {"answers-__all__": {"answer_required"}}
        assert 'class="error-summary"' in response.content.decode()
        assert not Conversation.objects.exists()

    def test_a_future_time_is_refused_by_the_service_next_to_the_field(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        later = local_input(timezone.now() + dt.timedelta(days=2))
        data = conversation_post([row("Att sova.")], held_at=later)
        response = client.post(conversation_url(world.alma), data)
        assert page_error_codes(response) == {"held_at": {"in_future"}}
        assert "field-error" in field_block(response.content.decode(), "id_held_at")
        assert not Conversation.objects.exists()

    def test_service_errors_of_an_answer_land_on_the_row_the_user_wrote_it_in(
        self, client, world, life_areas, monkeypatch
    ):
        """Rows 1 and 3 are filled; the service calls them answers 0 and 1."""

        def refuse(**kwargs):
            assert [a["own_words"] for a in kwargs["answers"]] == ["Ett", "Tre"]
            raise ValidationError({"answers.1.own_words": ["Ord som tjänsten inte tar."]})

        monkeypatch.setattr("apps.whatmatters.views.conversation_create", refuse)
        client.force_login(world.staff_a)
        data = conversation_post([row("Ett"), {}, row("Tre")])
        html = client.post(conversation_url(world.alma), data).content.decode()
        assert "Ord som tjänsten inte tar." in field_block(html, "id_answers-2-own_words")
        assert "Ord som tjänsten inte tar." not in field_block(html, "id_answers-0-own_words")

    def test_add_another_answer_works_without_javascript_and_keeps_the_input(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        data = conversation_post([row("Att sova.")], add_answer="1", location="")
        response = client.post(conversation_url(world.alma), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="answers-TOTAL_FORMS" value="4"' in html
        assert 'id="id_answers-3-own_words"' in html
        assert "Att sova." in html and "Alma och dottern" in html
        assert "field-error" not in html and "error-summary" not in html  # not judged yet
        assert not Conversation.objects.exists()

    def test_with_htmx_add_another_answer_returns_only_the_answer_rows(
        self, client, world, life_areas
    ):
        client.force_login(world.staff_a)
        data = conversation_post([row("Att sova.")], total=4)
        response = client.post(
            conversation_url(world.alma),
            data,
            headers={"HX-Request": "true", "HX-Trigger-Name": "add_answer"},
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="answers"')
        assert "<html" not in html
        assert 'name="answers-TOTAL_FORMS" value="5"' in html
        assert not Conversation.objects.exists()

    def test_a_role_outside_care_gets_403(self, client, world, life_areas):
        client.force_login(world.admin_user)
        assert client.get(conversation_url(world.alma)).status_code == 403
        response = client.post(conversation_url(world.alma), conversation_post([row("Att sova.")]))
        assert response.status_code == 403
        assert not Conversation.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "target"),
        [("staff_b", "alma"), ("outsider", "alma"), ("staff_a", "hemlig"), ("staff_a", "bo")],
    )
    def test_out_of_scope_is_404(self, client, world, life_areas, persona, target):
        client.force_login(getattr(world, persona))
        url = conversation_url(getattr(world, target))
        assert client.get(url).status_code == 404
        assert client.post(url, conversation_post([row("Att sova.")])).status_code == 404
        assert not Conversation.objects.exists()
