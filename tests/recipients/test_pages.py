"""The recipient pages: the list (with open and overdue follow-ups per row) and the
recipient's page, the hub that starts with what matters to the person."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organisations.choices import Role
from apps.plans.models import CarePlan
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    CarePlanFactory,
    CarePlanVersionFactory,
    CareRecipientFactory,
    ConsentFactory,
    ContactFactory,
    ConversationFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    MembershipFactory,
    TechnologyFactory,
    UserFactory,
)
from tests.querycounts import ACCESS_LOG

LIST = reverse("recipients:list")


def on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def detail(recipient) -> str:
    return reverse("recipients:detail", args=[recipient.pk])


def followups_for(recipient, *due_in_days, status="scheduled"):
    intervention = InterventionFactory(recipient=recipient, status="active")
    extra = {"done_at": timezone.now(), "decision": "continue"} if status == "done" else {}
    return [
        FollowUpFactory(intervention=intervention, due_date=on(d), status=status, **extra)
        for d in due_in_days
    ]


def row_of(html: str, name: str) -> str:
    match = re.search(r"<tr[ >](?:(?!</tr>).)*" + re.escape(name) + r".*?</tr>", html, re.S)
    assert match, f"no row for {name}"
    return match.group(0)


class TestList:
    def test_each_row_shows_open_follow_ups_and_how_many_are_overdue(self, client, world):
        followups_for(world.alma, -3, -1, 5)
        followups_for(world.alma, -20, status="done")  # done: neither open nor overdue
        client.force_login(world.staff_a)
        html = client.get(LIST).content.decode()
        row = row_of(html, "Andersdemo")
        assert re.search(r'data-label="Planerade uppföljningar"[^>]*>3 ', row)
        assert "2 försenade" in row

    def test_a_row_without_follow_ups_shows_zero_and_no_overdue_mark(self, client, world):
        followups_for(world.alma, 4)
        client.force_login(world.manager)
        row = row_of(client.get(LIST).content.decode(), "Bengtdemo")
        assert re.search(r'data-label="Planerade uppföljningar"[^>]*>0<', row)
        assert "försenad" not in row

    def test_filters_by_unit_and_status(self, client, world):
        CareRecipientFactory(unit=world.unit_a, family_name="Vilandesson", status="paused")
        client.force_login(world.manager)
        by_unit = client.get(LIST, {"unit": world.unit_b.pk}).content.decode()
        assert "Bengtdemo" in by_unit and "Andersdemo" not in by_unit
        by_status = client.post(LIST, {"status": "paused"}).content.decode()
        assert "Vilandesson" in by_status and "Andersdemo" not in by_status

    def test_care_staff_do_not_see_the_add_button_and_cannot_open_the_form(self, client, world):
        client.force_login(world.staff_a)
        assert "Lägg till omsorgstagare" not in client.get(LIST).content.decode()
        assert client.get(reverse("recipients:create")).status_code == 403

    @pytest.mark.parametrize("persona", ["assessor_a", "manager", "admin_user"])
    def test_roles_that_may_create_see_the_add_button(self, client, world, persona):
        client.force_login(getattr(world, persona))
        assert "Lägg till omsorgstagare" in client.get(LIST).content.decode()
        assert client.get(reverse("recipients:create")).status_code == 200

    def test_the_list_runs_the_same_pinned_number_of_queries_for_one_row_or_many(
        self, client, world, django_assert_num_queries
    ):
        client.force_login(world.staff_a)
        followups_for(world.alma, -1, 2)
        # session, user, navigation roles, unit choices, may create?, count, the page
        with django_assert_num_queries(7 + ACCESS_LOG):
            assert client.get(LIST).status_code == 200
        for n in range(30):
            person = CareRecipientFactory(unit=world.unit_a, family_name=f"Fler{n:02d}")
            followups_for(person, -2, 1)
        with django_assert_num_queries(7 + ACCESS_LOG):
            response = client.get(LIST)
        assert response.content.decode().count("1 försenad") == 25  # a full page, each row counted


# --- the recipient's page ----------------------------------------------------------------------


def fill_alma(world, life_areas, *, copies=1):
    """Alma's records: answers, a goal, interventions, consent, assessment, follow-ups (one
    overdue, one later, one done), a plan version and contacts; `copies` times."""
    made = {}
    for n in range(copies):
        talk = ConversationFactory(recipient=world.alma, held_by=world.staff_a)
        sleep = AnswerFactory(
            conversation=talk,
            life_area=life_areas["sleep"],
            own_words=f"Att få sova ostört {n}",
            importance=9,
            performance=3,
            wants_to_manage_self=True,
        )
        walk = AnswerFactory(
            conversation=talk,
            life_area=life_areas["mobility"],
            own_words=f"Att gå till affären själv {n}",
            importance=7,
            performance=4,
        )
        goal = GoalFactory(recipient=world.alma, answers=[sleep], own_words=f"Sova hela natten {n}")
        camera = InterventionFactory(
            recipient=world.alma,
            technology=TechnologyFactory(name_sv=f"Nattkamera {n}"),
            status="trial",
            title=f"Nattkamera i stället för tillsyn {n}",
            serves_answers=[sleep],
        )
        visit = InterventionFactory(
            recipient=world.alma,
            technology=None,
            delivery="in_person",
            digital_first_reason="Vill träffa någon",
            title=f"Promenad med personal {n}",
            serves_answers=[walk],
        )
        ConsentFactory(intervention=camera, recorded_by=world.staff_a)
        AssessmentFactory(intervention=camera, assessor=world.assessor_a)
        made["overdue"] = FollowUpFactory(
            intervention=camera, due_date=on(-2), responsible=world.staff_a
        )
        FollowUpFactory(intervention=visit, goal=goal, due_date=on(9), responsible=world.staff_a)
        FollowUpFactory(
            intervention=camera,
            due_date=on(-30),
            status="done",
            done_at=timezone.now(),
            decision="continue",
            own_words=f"Sover bättre nu {n}",
            responsible=world.staff_a,
        )
        ContactFactory(recipient=world.alma, name=f"Dotter Demo {n}")
        made.update(sleep=sleep, walk=walk, goal=goal, camera=camera, visit=visit)
    plan = CarePlan.objects.filter(recipient=world.alma).first() or CarePlanFactory(
        recipient=world.alma
    )
    start = plan.versions.count()
    for number in range(start + 1, start + copies + 1):
        CarePlanVersionFactory(plan=plan, number=number, status="superseded", snapshot={})
    made["plan"] = plan
    return made


def position(html: str, text: str) -> int:
    index = html.find(text)
    assert index >= 0, f"{text!r} not on the page"
    return index


class TestRecipientHub:
    def test_it_starts_with_what_matters_in_the_persons_own_words_by_life_area(
        self, client, world, life_areas
    ):
        fill_alma(world, life_areas)
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        what_matters = position(html, 'id="what-matters-heading"')
        assert what_matters < position(html, 'id="goals-heading"')
        assert position(html, 'id="goals-heading"') < position(html, 'id="interventions-heading"')
        # life areas in their order: mobility (40) before sleep (120)
        assert what_matters < position(html, ">Förflyttning</h3>") < position(html, ">Sömn</h3>")
        assert position(html, ">Sömn</h3>") < position(html, "Att få sova ostört 0")
        assert "9 av 10" in html and "3 av 10" in html
        assert "Vill klara det själv" in html

    def test_the_persons_words_are_escaped_not_marked_safe(self, client, world, life_areas):
        AnswerFactory(
            conversation__recipient=world.alma,
            life_area=life_areas["sleep"],
            own_words="<script>alert(1)</script>",
        )
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_care_staff_get_the_primary_actions_and_change_links_but_not_propose(
        self, client, world, life_areas
    ):
        made = fill_alma(world, life_areas)
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        for name in ("conversation-create", "goal-create"):
            assert reverse(f"whatmatters:{name}", args=[world.alma.pk]) in html
        assert reverse("followups:schedule", args=[world.alma.pk]) in html
        assert reverse("whatmatters:answer-supersede", args=[made["sleep"].pk]) in html
        assert reverse("interventions:propose", args=[world.alma.pk]) not in html
        assert reverse("recipients:update", args=[world.alma.pk]) not in html

    def test_an_assessor_may_propose_an_intervention_for_an_answer(self, client, world, life_areas):
        made = fill_alma(world, life_areas)
        client.force_login(world.assessor_a)
        html = client.get(detail(world.alma)).content.decode()
        propose = reverse("interventions:propose", args=[world.alma.pk])
        assert f"{propose}?answer={made['sleep'].pk}" in html
        assert reverse("recipients:update", args=[world.alma.pk]) in html

    def test_an_administrator_reads_but_gets_no_care_actions(self, client, world, life_areas):
        made = fill_alma(world, life_areas)
        client.force_login(world.admin_user)
        html = client.get(detail(world.alma)).content.decode()
        assert "Att få sova ostört 0" in html
        assert "Nytt samtal: Vad är viktigt för dig?" not in html
        assert "Ändrat svar" not in html
        assert reverse("followups:complete", args=[made["overdue"].pk]) not in html

    def test_interventions_show_technology_or_in_person_state_and_the_words_they_serve(
        self, client, world, life_areas
    ):
        made = fill_alma(world, life_areas)
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        section = html[position(html, 'id="interventions-heading"') :]
        section = section[: section.find("</section>")]
        camera = row_of(section, "Nattkamera i stället för tillsyn 0")
        assert reverse("interventions:detail", args=[made["camera"].pk]) in camera
        assert "Nattkamera 0" in camera and "Utprovning</span>" in camera
        assert "”Att få sova ostört 0”" in camera
        visit = row_of(section, "Promenad med personal 0")
        assert "Personligt på plats" in visit and "Föreslagen</span>" in visit
        assert "”Att gå till affären själv 0”" in visit

    def test_open_follow_ups_come_first_and_overdue_is_said_in_words(
        self, client, world, life_areas
    ):
        made = fill_alma(world, life_areas)
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        overdue = row_of(html, on(-2).isoformat())
        assert "Försenad" in overdue
        assert reverse("followups:complete", args=[made["overdue"].pk]) in overdue
        assert "Försenad" not in row_of(html, on(9).isoformat())
        assert position(html, on(-2).isoformat()) < position(html, on(9).isoformat())
        assert position(html, on(9).isoformat()) < position(html, "Sover bättre nu 0")

    def test_consents_assessments_plan_and_contacts_are_shown(self, client, world, life_areas):
        made = fill_alma(world, life_areas)
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        assert "Personen själv" in html and "Muntligt" in html
        assert "Lämplighet" in html and "Lämplig</span>" in html
        version = made["plan"].versions.get()
        assert reverse("plans:version", args=[version.pk]) in html
        assert reverse("plans:recipient", args=[world.alma.pk]) in html
        # Only a superseded version: nothing in force, so nothing to print for the person.
        assert reverse("plans:print", args=[world.alma.pk]) not in html
        assert "Dotter Demo 0" in html

    def test_an_empty_record_invites_the_first_conversation(self, client, world):
        client.force_login(world.staff_a)
        html = client.get(detail(world.alma)).content.decode()
        assert "Inga svar registrerade ännu" in html
        assert "Ingen uppföljning planerad" in html

    @pytest.mark.parametrize("persona", ["staff_b", "outsider"])
    def test_out_of_scope_users_get_404_and_see_nothing(self, client, world, life_areas, persona):
        fill_alma(world, life_areas)
        client.force_login(getattr(world, persona))
        response = client.get(detail(world.alma))
        assert response.status_code == 404
        assert "Att få sova" not in response.content.decode()

    def test_a_licensed_professional_may_propose_but_not_edit_registration(
        self, client, world, life_areas
    ):
        nurse = UserFactory(username="nurse_hub")
        MembershipFactory(user=nurse, unit=world.unit_a, role=Role.LICENSED_PROFESSIONAL)
        fill_alma(world, life_areas)
        client.force_login(nurse)
        html = client.get(detail(world.alma)).content.decode()
        assert reverse("interventions:propose", args=[world.alma.pk]) in html
        assert reverse("recipients:update", args=[world.alma.pk]) not in html

    def test_the_page_runs_the_same_pinned_number_of_queries_whatever_the_data(
        self, client, world, life_areas, django_assert_num_queries
    ):
        client.force_login(world.staff_a)
        # session, user, navigation, recipient, roles; answers; goals + their answers;
        # interventions + answers + goals served; consents; assessments; open and past
        # follow-ups; plan versions; contacts. (Without goals or interventions the two
        # prefetches of each have nothing to fetch.) Then the access log.
        expected = 17 + ACCESS_LOG
        with django_assert_num_queries(expected - 3):
            assert client.get(detail(world.alma)).status_code == 200
        fill_alma(world, life_areas, copies=1)
        with django_assert_num_queries(expected):
            client.get(detail(world.alma))
        fill_alma(world, life_areas, copies=6)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(detail(world.alma)).content.decode()
        assert len(queries) == expected
        assert "Att få sova ostört 5" in html
