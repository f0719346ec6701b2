"""The intervention pages: proposing one from what matters, and the intervention page with
its status panel. Actions, consents and assessments through the pages are in
test_pages_actions.py; the whole flow in test_pages_flow.py."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.interventions.choices import InterventionStatus
from apps.interventions.models import Intervention, InterventionEvent
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    ConsentFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    LifeAreaFactory,
    TechnologyFactory,
)
from tests.querycounts import ACCESS_LOG

S = InterventionStatus
ACTION_NAMES = ("accept", "decline", "start-trial", "evaluate", "start", "end")


def url(name, *args, query=""):
    return reverse(f"interventions:{name}", args=args) + query


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def sleeping_camera(camera, answer):
    """The night camera, catalogued as serving the answer's life area (sleep)."""
    camera.life_areas.set([answer.life_area])
    return camera


# --- propose ----------------------------------------------------------------------------------


class TestProposePage:
    def test_it_starts_from_the_answer_in_the_persons_words(
        self, world, login, answer, sleeping_camera, plain_tech
    ):
        page = login(world.assessor_a).get(
            url("propose", world.alma.pk, query=f"?answer={answer.pk}")
        )
        html = page.content.decode()
        assert page.status_code == 200
        assert '<blockquote class="quote">Att få sova ostört.</blockquote>' in html
        assert "Hur viktigt: 9 av 10" in html and "Hur det går i dag: 3 av 10" in html
        # the preselected answer is ticked
        assert f'value="{answer.pk}" id="id_serves_answers_0" checked' in html
        # technologies that usually serve sleep come first, with consent and monitoring shown
        assert html.index("Brukar svara mot") < html.index("Nattkamera")
        assert html.index("Nattkamera") < html.index("Övrig teknik i katalogen")
        assert html.index("Övrig teknik i katalogen") < html.index("Påminnelseapp")
        assert "Kräver samtycke" in html and "Övervakande" in html
        # digital first: the reason field is there and labelled without JavaScript
        assert '<label for="id_digital_first_reason">Varför passar inte teknik?' in html

    def test_it_proposes_and_redirects_to_the_new_intervention(
        self, world, login, answer, sleeping_camera
    ):
        response = login(world.assessor_a).post(
            url("propose", world.alma.pk, query=f"?answer={answer.pk}"),
            {
                "serves_answers": [answer.pk],
                "delivery": "technology",
                "technology": sleeping_camera.pk,
                "title": "Nattkamera",
                "rationale": "Alma vill sova ostört; kameran ersätter nattbesöken.",
                "visits_replaced_per_week": "7",
            },
        )
        intervention = Intervention.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("detail", intervention.pk)
        assert intervention.technology == sleeping_camera
        assert intervention.proposed_by == world.assessor_a
        assert list(intervention.serves_answers.all()) == [answer]
        assert intervention.visits_replaced_per_week == 7

    def test_in_person_needs_the_reason_technology_does_not_suit_and_keeps_the_input(
        self, world, login, answer
    ):
        page = login(world.assessor_a).post(
            url("propose", world.alma.pk),
            {
                "serves_answers": [answer.pk],
                "delivery": "in_person",
                "technology": "",
                "title": "Nattbesök",
                "rationale": "Hon vill ha någon som tittar till henne.",
            },
        )
        html = page.content.decode()
        assert page.status_code == 200
        assert "Digitalt först: ange varför teknik inte passar" in html
        assert '<div class="field field--error">' in html  # next to the reason field
        assert 'value="Nattbesök"' in html and "Hon vill ha någon som tittar till henne." in html
        assert f'value="{answer.pk}" id="id_serves_answers_0" checked' in html
        assert not Intervention.objects.exists()

    def test_nothing_is_proposed_without_a_stated_what_matters(self, world, login, answer):
        page = login(world.assessor_a).post(
            url("propose", world.alma.pk),
            {"delivery": "in_person", "digital_first_reason": "x", "title": "t", "rationale": "r"},
        )
        assert "Ange minst ett aktuellt svar eller pågående mål" in page.content.decode()
        assert not Intervention.objects.exists()

    def test_an_answer_of_another_person_is_refused_next_to_the_field(self, world, login, answer):
        bo_answer = AnswerFactory(conversation__recipient=world.bo)
        page = login(world.manager).post(
            url("propose", world.alma.pk),
            {
                "serves_answers": [bo_answer.pk],
                "delivery": "in_person",
                "digital_first_reason": "Vill inte ha kamera.",
                "title": "Nattbesök",
                "rationale": "r",
            },
        )
        assert "Svaret finns inte bland personens aktuella svar." in page.content.decode()
        assert not Intervention.objects.exists()

    def test_a_person_without_answers_is_asked_what_matters_first(self, world, login):
        page = login(world.assessor_a).get(url("propose", world.alma.pk))
        html = page.content.decode()
        assert reverse("whatmatters:conversation-create", args=[world.alma.pk]) in html
        assert 'name="technology"' not in html

    def test_a_superseded_answer_is_shown_but_not_ticked(self, world, login, answer):
        answer.status = "superseded"
        answer.save()
        html = login(world.assessor_a).get(
            url("propose", world.alma.pk, query=f"?answer={answer.pk}")
        )
        html = html.content.decode()
        assert "inte längre aktuellt" in html
        assert f'value="{answer.pk}"' not in html  # shown as words, never offered to tick

    @pytest.mark.parametrize("who", ["staff_b", "outsider"])
    def test_it_is_404_out_of_scope(self, world, login, answer, who):
        assert login(getattr(world, who)).get(url("propose", world.alma.pk)).status_code == 404

    def test_it_is_404_for_a_protected_person_without_grant(self, world, login):
        assert login(world.assessor_a).get(url("propose", world.hemlig.pk)).status_code == 404

    def test_an_answer_of_another_person_in_the_query_is_404(self, world, login, answer):
        bo_answer = AnswerFactory(conversation__recipient=world.bo)
        page = login(world.manager).get(
            url("propose", world.alma.pk, query=f"?answer={bo_answer.pk}")
        )
        assert page.status_code == 404
        assert (
            login(world.manager)
            .get(url("propose", world.alma.pk, query="?answer=not-a-uuid"))
            .status_code
            == 404
        )

    def test_care_staff_may_not_propose(self, world, login, answer):
        client = login(world.staff_a)
        assert client.get(url("propose", world.alma.pk)).status_code == 403
        client.post(url("propose", world.alma.pk), {"serves_answers": [answer.pk]})
        assert not Intervention.objects.exists()

    def test_its_queries_do_not_grow_with_answers_and_technologies(
        self, world, login, answer, sleeping_camera, django_assert_num_queries
    ):
        GoalFactory(recipient=world.alma)
        client = login(world.assessor_a)
        target = url("propose", world.alma.pk, query=f"?answer={answer.pk}")
        client.get(target)  # the session's first request writes its idle-timeout stamp
        with django_assert_num_queries(12 + ACCESS_LOG):
            client.get(target)
        area = LifeAreaFactory(code="pain")
        for n in range(4):
            AnswerFactory(conversation=answer.conversation, life_area=area, own_words=f"Svar {n}")
            TechnologyFactory(life_areas=[area])
            GoalFactory(recipient=world.alma)
        with django_assert_num_queries(12 + ACCESS_LOG):
            client.get(target)


# --- the intervention page --------------------------------------------------------------------


class TestInterventionPage:
    def test_it_shows_what_it_serves_and_why_in_person(self, world, login, answer):
        intervention = InterventionFactory(
            recipient=world.alma,
            technology=None,
            delivery="in_person",
            digital_first_reason="Alma blir orolig av kameror.",
            serves_answers=[answer],
        )
        html = login(world.staff_a).get(url("detail", intervention.pk)).content.decode()
        assert '<blockquote class="quote">Att få sova ostört.</blockquote>' in html
        assert "Varför inte teknik (digitalt först)" in html
        assert "Alma blir orolig av kameror." in html
        assert reverse("recipients:detail", args=[world.alma.pk]) in html
        schedule = reverse("followups:schedule", args=[world.alma.pk])
        assert f"{schedule}?intervention={intervention.pk}" in html

    @pytest.mark.parametrize("who", ["staff_a", "assessor_a", "manager"])
    def test_it_renders_for_the_persons_unit(self, world, login, make_intervention, who):
        intervention = make_intervention()
        assert login(getattr(world, who)).get(url("detail", intervention.pk)).status_code == 200

    @pytest.mark.parametrize("who", ["staff_b", "outsider"])
    def test_it_is_404_out_of_scope(self, world, login, make_intervention, who):
        intervention = make_intervention()
        assert login(getattr(world, who)).get(url("detail", intervention.pk)).status_code == 404

    def test_a_protected_person_is_404_without_grant(self, world, login, make_intervention):
        intervention = make_intervention(recipient=world.hemlig)
        assert login(world.assessor_a).get(url("detail", intervention.pk)).status_code == 404
        assert login(world.manager).get(url("detail", intervention.pk)).status_code == 200

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (S.PROPOSED, {"accept", "decline"}),
            (S.ACCEPTED, {"start-trial", "start", "end"}),
            (S.TRIAL, {"evaluate", "end"}),
            (S.ACTIVE, {"end"}),
            (S.DECLINED, set()),
            (S.ENDED, set()),
        ],
    )
    def test_deciders_see_only_the_actions_the_state_allows(
        self, world, login, make_intervention, status, expected
    ):
        intervention = make_intervention(status)
        for who in ("assessor_a", "manager"):
            html = login(getattr(world, who)).get(url("detail", intervention.pk)).content.decode()
            shown = {name for name in ACTION_NAMES if url(name, intervention.pk) in html}
            assert shown == expected, who

    @pytest.mark.parametrize("status", [S.PROPOSED, S.ACCEPTED, S.TRIAL, S.ACTIVE])
    def test_care_staff_see_no_decisions_but_may_record_consent(
        self, world, login, make_intervention, status
    ):
        intervention = make_intervention(status)
        html = login(world.staff_a).get(url("detail", intervention.pk)).content.decode()
        assert not [name for name in ACTION_NAMES if url(name, intervention.pk) in html]
        assert url("consent-create", intervention.pk) in html
        assert reverse("assessments:record", args=[intervention.pk]) not in html

    def test_only_licensed_professionals_see_the_assessment_button(
        self, world, login, make_intervention, licensed_a
    ):
        intervention = make_intervention()
        assess = reverse("assessments:record", args=[intervention.pk])
        assert assess in login(licensed_a).get(url("detail", intervention.pk)).content.decode()
        for who in ("staff_a", "assessor_a", "manager"):
            page = login(getattr(world, who)).get(url("detail", intervention.pk))
            assert assess not in page.content.decode(), who

    def test_closed_interventions_offer_no_consent_or_assessment(
        self, world, login, make_intervention, licensed_a
    ):
        intervention = make_intervention(S.ENDED)
        html = login(licensed_a).get(url("detail", intervention.pk)).content.decode()
        assert url("consent-create", intervention.pk) not in html
        assert reverse("assessments:record", args=[intervention.pk]) not in html

    def test_a_trial_past_its_end_date_asks_for_evaluation(self, world, login, make_intervention):
        today = timezone.localdate()
        past = make_intervention(
            S.TRIAL,
            trial_start=today - dt.timedelta(days=40),
            trial_end=today - dt.timedelta(days=1),
        )
        running = make_intervention(
            S.TRIAL,
            trial_start=today,
            trial_end=today + dt.timedelta(days=10),
        )
        client = login(world.assessor_a)
        note = "Utprovningen har passerat sitt slutdatum."
        assert note in client.get(url("detail", past.pk)).content.decode()
        assert note not in client.get(url("detail", running.pk)).content.decode()

    def test_the_event_log_says_who_when_from_to_and_why(self, world, login, make_intervention):
        intervention = make_intervention(S.DECLINED)
        InterventionEvent.objects.create(
            intervention=intervention,
            action="decline",
            from_status="proposed",
            to_status="declined",
            actor=world.assessor_a,
            reason="Alma vill inte ha kamera.",
        )
        html = login(world.staff_a).get(url("detail", intervention.pk)).content.decode()
        assert "Föreslagen → Avböjd" in html
        assert "Alma vill inte ha kamera." in html
        assert str(world.assessor_a) in html

    def test_consents_show_active_and_withdrawn(self, world, login, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        ConsentFactory(intervention=intervention, recorded_by=world.staff_a)
        ConsentFactory(
            intervention=intervention,
            given_at=timezone.now() - dt.timedelta(days=2),
            withdrawn_at=timezone.now(),
            withdrawn_reason="Ångrade sig.",
        )
        html = login(world.staff_a).get(url("detail", intervention.pk)).content.decode()
        assert "Gäller" in html and "Återkallat" in html and "Ångrade sig." in html

    def test_a_follow_up_that_decided_to_end_is_noted_while_it_runs(
        self, world, login, make_intervention
    ):
        intervention = make_intervention(S.ACTIVE)
        FollowUpFactory(
            intervention=intervention,
            responsible=world.staff_a,
            status="done",
            done_at=timezone.now(),
            decision="end",
            own_words="Jag sover gott nu, kameran behövs inte.",
        )
        html = login(world.assessor_a).get(url("detail", intervention.pk)).content.decode()
        assert "Uppföljningen föreslår att insatsen avslutas." in html
        assert "Jag sover gott nu, kameran behövs inte." in html
        intervention.status = S.ENDED
        intervention.end_reason = "completed"
        intervention.save()
        html = login(world.assessor_a).get(url("detail", intervention.pk)).content.decode()
        assert "Uppföljningen föreslår att insatsen avslutas." not in html

    def test_a_later_follow_up_to_continue_replaces_the_note(self, world, login, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        earlier = timezone.now() - dt.timedelta(days=30)
        for done_at, decision in ((earlier, "end"), (timezone.now(), "continue")):
            FollowUpFactory(
                intervention=intervention,
                responsible=world.staff_a,
                status="done",
                done_at=done_at,
                decision=decision,
            )
        html = login(world.assessor_a).get(url("detail", intervention.pk)).content.decode()
        assert "Uppföljningen föreslår att insatsen avslutas." not in html

    def test_its_queries_do_not_grow_with_its_records(
        self, world, login, make_intervention, django_assert_num_queries
    ):
        intervention = make_intervention(S.TRIAL)
        client = login(world.assessor_a)
        client.get(url("detail", intervention.pk))
        with django_assert_num_queries(12 + ACCESS_LOG):
            client.get(url("detail", intervention.pk))
        for n in range(3):
            intervention.serves_answers.add(
                AnswerFactory(conversation__recipient=world.alma, own_words=f"Svar {n}")
            )
            intervention.serves_goals.add(GoalFactory(recipient=world.alma))
            ConsentFactory(intervention=intervention)
            AssessmentFactory(intervention=intervention)
            FollowUpFactory(intervention=intervention, responsible=world.staff_a)
            InterventionEvent.objects.create(
                intervention=intervention,
                action="accept",
                from_status="proposed",
                to_status="accepted",
                actor=world.assessor_a,
            )
        with django_assert_num_queries(12 + ACCESS_LOG):
            page = client.get(url("detail", intervention.pk))
        assert page.content.decode().count("Svar ") == 3
