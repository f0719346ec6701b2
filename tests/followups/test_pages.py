"""The follow-up pages: my follow-ups, scheduling one, and recording one (closing the loop).

Fixtures from conftest.py: `goal` (Alma's, from one answer), `intervention` (Alma's night
camera, active), `followup` (of both, due in a week, staff_a responsible), `licensed_a`."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.followups.models import FollowUp
from apps.interventions.models import Intervention
from tests.factories import (
    AnswerFactory,
    CareRecipientFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
)
from tests.helpers import page_error_codes
from tests.querycounts import ACCESS_LOG

MINE = reverse("followups:mine")


def on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def field_block(html: str, name: str) -> str:
    """The field (or fieldset of choices) for the input called `name`."""
    match = re.search(
        r'<(?:div|fieldset) class="field[^"]*"[^>]*>(?:(?!class="field ).)*?name="'
        + name
        + '"[^>]*>',
        html,
        re.S,
    )
    assert match, f"no field {name}"
    return match.group(0)


class TestMyFollowUps:
    @pytest.fixture
    def rows(self, world, intervention, goal):
        def make(due_in, responsible=world.staff_a, **extra):
            return FollowUpFactory(
                intervention=intervention, responsible=responsible, due_date=on(due_in), **extra
            )

        return {
            "overdue": make(-4),
            "this_week": make(3, goal=goal),
            "later": make(8),
            "someone_elses": make(1, responsible=world.manager),
            "done": make(-9, status="done", done_at=timezone.now(), decision="continue"),
        }

    def test_it_lists_my_overdue_and_this_weeks_follow_ups_with_links(self, client, world, rows):
        client.force_login(world.staff_a)
        html = client.get(MINE).content.decode()
        for shown in ("overdue", "this_week"):
            assert reverse("followups:complete", args=[rows[shown].pk]) in html
        for hidden in ("later", "someone_elses", "done"):
            assert reverse("followups:complete", args=[rows[hidden].pk]) not in html
        assert reverse("recipients:detail", args=[world.alma.pk]) in html
        assert f"?next={MINE}" in html
        assert "2 uppföljningar" in html and "1 försenad" in html

    def test_overdue_is_marked_in_words_and_comes_first(self, client, world, rows):
        client.force_login(world.staff_a)
        html = client.get(MINE).content.decode()
        overdue_at = html.find(on(-4).isoformat())
        assert 0 < overdue_at < html.find(on(3).isoformat())
        overdue_row = html[overdue_at : html.find("</tr>", overdue_at)]
        assert "Försenad" in overdue_row
        week_at = html.find(on(3).isoformat())
        assert "Försenad" not in html[week_at : html.find("</tr>", week_at)]

    def test_follow_ups_of_a_person_no_longer_visible_are_not_listed(self, client, world):
        hidden = InterventionFactory(recipient=world.hemlig)
        secret = FollowUpFactory(intervention=hidden, responsible=world.staff_a, due_date=on(1))
        client.force_login(world.staff_a)
        html = client.get(MINE).content.decode()
        assert reverse("followups:complete", args=[secret.pk]) not in html
        assert "Skyddadsson" not in html

    def test_it_paginates_and_runs_a_pinned_number_of_queries(
        self, client, world, intervention, django_assert_num_queries
    ):
        FollowUpFactory(intervention=intervention, responsible=world.staff_a, due_date=on(1))
        client.force_login(world.staff_a)
        # session, user, navigation roles, counts, paginator count, the page
        with django_assert_num_queries(6 + ACCESS_LOG):
            assert client.get(MINE).status_code == 200
        for n in range(30):
            person = CareRecipientFactory(unit=world.unit_a)
            FollowUpFactory(
                intervention=InterventionFactory(recipient=person),
                goal=GoalFactory(recipient=person),
                responsible=world.staff_a,
                due_date=on(-(n % 5)),
            )
        with django_assert_num_queries(6 + ACCESS_LOG):
            html = client.get(MINE).content.decode()
        assert html.count(">Genomför<") == 25 and "Sida 1 av 2" in html
        assert client.get(MINE, {"page": 2}).content.decode().count(">Genomför<") == 6

    def test_nothing_due_says_so(self, client, world):
        client.force_login(world.staff_a)
        assert "Inga uppföljningar den närmaste veckan" in client.get(MINE).content.decode()


# --- scheduling --------------------------------------------------------------------------------


def schedule_url(recipient, **query):
    url = reverse("followups:schedule", args=[recipient.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


class TestSchedule:
    def test_the_intervention_in_the_query_is_preselected(self, client, world, intervention, goal):
        client.force_login(world.staff_a)
        html = client.get(schedule_url(world.alma, intervention=intervention.pk)).content.decode()
        assert re.search(rf'<option value="{intervention.pk}" selected>', html)
        assert re.search(rf'<option value="{world.staff_a.pk}" selected>', html)
        html = client.get(schedule_url(world.alma, goal=goal.pk)).content.decode()
        assert re.search(rf'<option value="{goal.pk}" selected>', html)

    def test_a_follow_up_is_scheduled(self, client, world, intervention, goal):
        client.force_login(world.staff_a)
        data = {
            "goal": goal.pk,
            "intervention": intervention.pk,
            "due_date": on(14).isoformat(),
            "responsible": world.staff_a.pk,
        }
        response = client.post(schedule_url(world.alma), data)
        assert response.status_code == 302
        followup = FollowUp.objects.get()
        assert (followup.goal, followup.intervention, followup.due_date) == (
            goal,
            intervention,
            on(14),
        )
        assert followup.recipient == world.alma and followup.status == "scheduled"

    def test_a_goal_of_another_person_is_refused(self, client, world, goal):
        bos_goal = GoalFactory(
            recipient=world.bo, answers=[AnswerFactory(conversation__recipient=world.bo)]
        )
        client.force_login(world.manager)
        data = {"goal": bos_goal.pk, "due_date": on(5).isoformat(), "responsible": world.manager.pk}
        html = client.post(schedule_url(world.alma), data).content.decode()
        assert "field-error" in field_block(html, "goal")
        assert not FollowUp.objects.exists()

    def test_nothing_to_follow_up_or_a_past_date_is_refused(self, client, world, goal):
        client.force_login(world.staff_a)
        data = {"due_date": on(5).isoformat(), "responsible": world.staff_a.pk}
        response = client.post(schedule_url(world.alma), data)
        assert page_error_codes(response) == {"__all__": {"goal_or_intervention_required"}}
        data |= {"goal": goal.pk, "due_date": on(-1).isoformat()}
        response = client.post(schedule_url(world.alma), data)
        html = response.content.decode()
        assert page_error_codes(response) == {"due_date": {"in_past"}}
        assert "field-error" in field_block(html, "due_date")
        assert on(-1).isoformat() in field_block(html, "due_date")  # input kept
        assert not FollowUp.objects.exists()

    def test_staff_of_another_unit_cannot_be_made_responsible(self, client, world, goal):
        client.force_login(world.staff_a)
        data = {"goal": goal.pk, "due_date": on(5).isoformat(), "responsible": world.staff_b.pk}
        html = client.post(schedule_url(world.alma), data).content.decode()
        assert "field-error" in field_block(html, "responsible")
        assert not FollowUp.objects.exists()

    def test_with_nothing_to_follow_up_it_says_so(self, client, world):
        client.force_login(world.staff_a)
        html = client.get(schedule_url(world.alma)).content.decode()
        assert "Det finns inget att följa upp ännu." in html

    def test_roles_and_scope(self, client, world, goal):
        data = {"goal": goal.pk, "due_date": on(5).isoformat(), "responsible": world.staff_a.pk}
        client.force_login(world.admin_user)
        assert client.post(schedule_url(world.alma), data).status_code == 403
        client.force_login(world.staff_b)
        assert client.get(schedule_url(world.alma)).status_code == 404
        assert client.post(schedule_url(world.alma), data).status_code == 404
        assert not FollowUp.objects.exists()


# --- recording ---------------------------------------------------------------------------------


def complete_url(followup, **query):
    url = reverse("followups:complete", args=[followup.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def complete_post(**fields):
    data = {
        "own_words": "Jag sover mycket bättre nu.",
        "performance": "7",
        "still_matters": "yes",
        "goal_outcome": "",
        "decision": "continue",
        "next_due_date": on(30).isoformat(),
        "next_responsible": "",
        "notes": "",
        "version": "1",
    }
    data.update(fields)
    return data


class TestComplete:
    def test_it_shows_what_is_followed_up_and_the_persons_original_words_and_rating(
        self, client, world, followup, goal
    ):
        client.force_login(world.staff_a)
        html = client.get(complete_url(followup)).content.decode()
        answer = goal.answers.get()
        assert goal.own_words in html and followup.intervention.title in html
        original = html.find("Vad personen sa från början")
        assert 0 < original < html.find(answer.own_words)
        assert "9 av 10" in html and "3 av 10" in html
        assert "är det fortfarande viktigt" in html.lower()
        assert 'name="goal_outcome"' in html  # there is a goal

    def test_continue_records_it_and_schedules_the_next(self, client, world, followup):
        client.force_login(world.staff_a)
        data = complete_post(next_responsible=world.staff_a.pk)
        response = client.post(complete_url(followup), data)
        assert response.status_code == 302
        assert response["Location"].endswith("#uppfoljningar")
        followup.refresh_from_db()
        assert (followup.status, followup.performance, followup.decision) == ("done", 7, "continue")
        assert followup.own_words == "Jag sover mycket bättre nu."
        assert followup.next_follow_up.due_date == on(30)
        assert followup.next_follow_up.responsible == world.staff_a

    def test_next_is_followed_when_it_is_a_local_path_only(self, client, world, followup):
        client.force_login(world.staff_a)
        data = complete_post(next_responsible=world.staff_a.pk, next=MINE)
        assert client.post(complete_url(followup), data)["Location"] == MINE
        other = FollowUpFactory(intervention=followup.intervention, responsible=world.staff_a)
        data = complete_post(next_responsible=world.staff_a.pk, next="https://evil.example/")
        location = client.post(complete_url(other), data)["Location"]
        assert "evil" not in location and location.endswith("#uppfoljningar")

    def test_the_next_date_is_required_unless_ending_and_input_is_kept(
        self, client, world, followup
    ):
        client.force_login(world.staff_a)
        data = complete_post(next_due_date="", performance="11")
        html = client.post(complete_url(followup), data).content.decode()
        assert "field-error" in field_block(html, "next_due_date")
        assert "field-error" in field_block(html, "performance")
        assert "Jag sover mycket bättre nu." in html
        followup.refresh_from_db()
        assert followup.status == "scheduled" and FollowUp.objects.count() == 1

    def test_a_next_date_before_this_one_is_refused_by_the_service(self, client, world, followup):
        client.force_login(world.staff_a)
        data = complete_post(next_due_date=timezone.localdate().isoformat())
        data["next_responsible"] = world.staff_a.pk
        response = client.post(complete_url(followup), data)
        assert page_error_codes(response) == {"next_due_date": {"not_after_this"}}
        assert "field-error" in field_block(response.content.decode(), "next_due_date")
        assert FollowUp.objects.count() == 1

    def test_ending_with_a_goal_outcome_updates_the_goal_and_plans_nothing_more(
        self, client, world, followup, goal, licensed_a
    ):
        client.force_login(licensed_a)
        data = complete_post(
            decision="end", goal_outcome="achieved", next_due_date="", still_matters="no"
        )
        data["next_responsible"] = world.staff_a.pk  # ignored: nothing more is planned
        assert client.post(complete_url(followup), data).status_code == 302
        followup.refresh_from_db()
        goal.refresh_from_db()
        assert followup.next_follow_up is None and goal.status == "achieved"
        assert Intervention.objects.get().status == "ended"

    def test_care_staff_ending_leaves_the_intervention_and_are_told_so(
        self, client, world, followup
    ):
        client.force_login(world.staff_a)
        data = complete_post(decision="end", next_due_date="")
        response = client.post(complete_url(followup), data, follow=True)
        assert "Insatsen pågår tills" in response.content.decode()
        assert Intervention.objects.get().status == "active"
        followup.refresh_from_db()
        assert followup.decision == "end"

    def test_a_stale_form_is_refused(self, client, world, followup):
        client.force_login(world.staff_a)
        data = complete_post(next_responsible=world.staff_a.pk, version="0")
        response = client.post(complete_url(followup), data)
        assert page_error_codes(response) == {"__all__": {"version_mismatch"}}
        assert "har ändrats av någon annan" in response.content.decode()
        followup.refresh_from_db()
        assert followup.status == "scheduled"

    def test_a_done_follow_up_is_shown_not_recorded_again(self, client, world, followup):
        client.force_login(world.staff_a)
        client.post(complete_url(followup), complete_post(next_responsible=world.staff_a.pk))
        html = client.get(complete_url(followup)).content.decode()
        assert "Jag sover mycket bättre nu." in html and 'name="own_words"' not in html
        client.post(complete_url(followup), complete_post(next_responsible=world.staff_a.pk))
        assert FollowUp.objects.count() == 2

    def test_an_intervention_only_follow_up_has_no_goal_outcome(self, client, world, intervention):
        answer = AnswerFactory(conversation__recipient=world.alma, own_words="Slippa bli väckt")
        intervention.serves_answers.set([answer])
        only = FollowUpFactory(intervention=intervention, responsible=world.staff_a)
        client.force_login(world.staff_a)
        html = client.get(complete_url(only)).content.decode()
        assert 'name="goal_outcome"' not in html and "Slippa bli väckt" in html

    def test_roles_and_scope(self, client, world, followup):
        data = complete_post(next_responsible=world.staff_a.pk)
        client.force_login(world.admin_user)
        assert client.post(complete_url(followup), data).status_code == 403
        for persona in ("staff_b", "outsider"):
            client.force_login(getattr(world, persona))
            assert client.get(complete_url(followup)).status_code == 404
            assert client.post(complete_url(followup), data).status_code == 404
        followup.refresh_from_db()
        assert followup.status == "scheduled"
