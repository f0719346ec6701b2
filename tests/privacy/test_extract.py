"""The register extract (GDPR art. 15): everything held about one person, for an
administrator, as JSON and as a printable page; producing it is logged."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AccessLog
from apps.organisations.choices import Role
from tests.factories import (
    AnswerFactory,
    ConversationFactory,
    MembershipFactory,
    ProtectedIdentityGrantFactory,
    UserFactory,
)
from tests.privacy.conftest import CHANGED_IN, MARKUP, acting_as, approve, fill_records
from tests.querycounts import ACCESS_LOG

SECTIONS = (
    "contacts",
    "protected_identity_grants",
    "conversations",
    "answers",
    "goals",
    "interventions",
    "consents",
    "assessments",
    "follow_ups",
    "care_plans",
    "care_plan_versions",
)


def info_url(recipient):
    return reverse("privacy:extract", args=[recipient.pk])


def print_url(recipient):
    return reverse("privacy:extract-print", args=[recipient.pk])


def json_url(recipient):
    return reverse("privacy:extract-json", args=[recipient.pk])


def download(client, user, recipient) -> dict:
    client.force_login(user)
    response = client.get(json_url(recipient))
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def bo_records(world):
    """Another person's records, which must never appear in Alma's extract."""
    records = fill_records(world.bo, author=world.staff_b, words="Bos egna ord")
    with acting_as(world.staff_b, CHANGED_IN):
        world.bo.communication_notes = "Bos anteckning"
        world.bo.save()
    AccessLog.objects.create(
        user=world.staff_b, recipient_id=world.bo.pk, channel="web", what="bo-read", method="GET"
    )
    return records


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


class TestWhoMayProduceIt:
    @pytest.mark.parametrize("view", [info_url, print_url, json_url])
    def test_an_administrator_of_the_unit_may(self, client, world, view):
        client.force_login(world.admin_user)
        assert client.get(view(world.alma)).status_code == 200

    @pytest.mark.parametrize("view", [info_url, print_url, json_url])
    def test_a_superuser_may(self, client, world, superuser, view):
        client.force_login(superuser)
        assert client.get(view(world.alma)).status_code == 200

    @pytest.mark.parametrize("persona", ["staff_a", "assessor_a", "manager"])
    @pytest.mark.parametrize("view", [info_url, print_url, json_url])
    def test_others_who_see_the_person_get_403_and_nothing_is_logged_as_export(
        self, client, world, alma_records, persona, view
    ):
        client.force_login(getattr(world, persona))
        response = client.get(view(world.alma))
        assert response.status_code == 403
        assert "systemförvaltare" in response.content.decode()
        assert "Att få sova" not in response.content.decode()
        assert not AccessLog.objects.filter(channel="export").exists()

    def test_an_administrator_in_another_unit_only_is_403(self, client, world):
        user = UserFactory(username="admin_b_staff_a")
        MembershipFactory(user=user, unit=world.unit_a, role=Role.CARE_STAFF)
        MembershipFactory(user=user, unit=world.unit_b, role=Role.ADMINISTRATOR)
        client.force_login(user)
        assert client.get(json_url(world.alma)).status_code == 403
        assert client.get(json_url(world.bo)).status_code == 200

    @pytest.mark.parametrize(
        ("persona", "person"),
        [("outsider", "alma"), ("admin_user", "hemlig"), ("admin_user", "other_org_person")],
    )
    @pytest.mark.parametrize("view", [info_url, print_url, json_url])
    def test_out_of_scope_is_404(self, client, world, persona, person, view):
        client.force_login(getattr(world, persona))
        assert client.get(view(getattr(world, person))).status_code == 404

    def test_a_superuser_without_a_grant_does_not_reach_a_protected_person(
        self, client, world, superuser
    ):
        client.force_login(superuser)
        assert client.get(json_url(world.hemlig)).status_code == 404


class TestTheLinkOnThePersonsPage:
    """The person's page links to the extract exactly when producing it is allowed."""

    def shows_link(self, client, user, recipient) -> bool:
        client.force_login(user)
        response = client.get(reverse("recipients:detail", args=[recipient.pk]))
        assert response.status_code == 200
        return info_url(recipient) in response.content.decode()

    def test_an_administrator_of_the_unit_and_a_superuser_see_it(self, client, world, superuser):
        assert self.shows_link(client, world.admin_user, world.alma)
        assert self.shows_link(client, superuser, world.alma)

    @pytest.mark.parametrize("persona", ["staff_a", "assessor_a", "manager"])
    def test_others_do_not(self, client, world, persona):
        assert not self.shows_link(client, getattr(world, persona), world.alma)

    def test_an_editor_here_and_administrator_elsewhere_sees_no_link_and_gets_403(
        self, client, world
    ):
        user = UserFactory(username="assessor_a_admin_b")
        MembershipFactory(user=user, unit=world.unit_a, role=Role.ASSESSOR)
        MembershipFactory(user=user, unit=world.unit_b, role=Role.ADMINISTRATOR)
        assert not self.shows_link(client, user, world.alma)
        for view in (info_url, print_url, json_url):
            assert client.get(view(world.alma)).status_code == 403
        assert self.shows_link(client, user, world.bo)


class TestTheInformationPage:
    def test_it_explains_the_contents_and_offers_print_and_json(self, client, world):
        client.force_login(world.admin_user)
        html = client.get(info_url(world.alma)).content.decode()
        assert "<h1>Registerutdrag</h1>" in html
        assert "åtkomstloggen" in html and "ändringshistoriken" in html
        assert f'href="{print_url(world.alma)}"' in html and ">Skriv ut</a>" in html
        assert f'href="{json_url(world.alma)}"' in html and "Ladda ned JSON</a>" in html

    def test_opening_it_is_an_ordinary_read_not_an_export(self, client, world):
        client.force_login(world.admin_user)
        client.get(info_url(world.alma))
        row = AccessLog.objects.get()
        assert row.channel == "web" and row.what != "registerutdrag"


class TestTheJson:
    def test_it_is_a_download_without_name_or_personal_number_and_never_cached(
        self, client, world, alma_records
    ):
        client.force_login(world.admin_user)
        response = client.get(json_url(world.alma))
        assert response["Content-Type"].startswith("application/json")
        assert response["Cache-Control"] == "no-store"
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="registerutdrag-')
        assert disposition.endswith('.json"')
        for secret in ("Alma", "Andersdemo", world.alma.personal_number, "19300101"):
            assert secret not in disposition

    def test_it_holds_every_kind_of_record(self, client, world, alma_records):
        approve(alma_records.version)
        data = download(client, world.admin_user, world.alma)
        assert data["format"] == "carecenter-registerutdrag/1"
        assert data["produced_by"] == {
            "id": str(world.admin_user.pk),
            "name": str(world.admin_user),
        }
        person = data["person"]
        assert (person["given_name"], person["personal_number"]) == (
            "Alma",
            world.alma.personal_number,
        )
        assert person["unit_display"] == "Enhet A" and person["preferred_language"] == "finska"
        for key in SECTIONS:
            assert key in data
        assert data["protected_identity_grants"] == []
        for key in set(SECTIONS) - {"protected_identity_grants"}:
            assert len(data[key]) == 1, key
        assert data["contacts"][0]["name"] == "Dottern Dahl"
        assert data["goals"][0]["status_display"] == "Uppnått"
        assert data["goals"][0]["answers"] == [str(alma_records.answer.pk)]
        intervention = data["interventions"][0]
        assert intervention["serves_answers"] == [str(alma_records.answer.pk)]
        assert intervention["serves_goals"] == [str(alma_records.goal.pk)]
        [event] = intervention["events"]
        assert (event["action"], event["actor_display"], event["reason"]) == (
            "propose",
            str(world.staff_a),
            "Personen vill sova ostört.",
        )
        assert data["consents"][0]["withdrawn_reason"] == "Vill inte längre."
        assert data["assessments"][0]["rationale"] == "Passar personen."
        assert data["follow_ups"][0]["due_date"] == "2026-05-04"
        version = data["care_plan_versions"][0]
        assert version["status"] == "approved" and version["snapshot"]["goals"] == []

    def test_it_holds_the_full_change_history(self, client, world, alma_records):
        data = download(client, world.admin_user, world.alma)
        history = data["change_history"]
        kinds = {e["record"]["kind"] for e in history}
        assert {
            "recipient",
            "contact",
            "answer",
            "goal",
            "intervention",
            "care_plan_version",
        } <= kinds
        language = next(
            c
            for e in history
            if e["record"]["kind"] == "recipient" and e["request_id"] == CHANGED_IN
            for c in e["changes"]
        )
        assert (language["before"], language["after"]) == ("svenska", "finska")
        assert history[0]["user"]["name"] == str(world.assessor_a)

    def test_it_holds_the_access_log_about_the_person(self, client, world, alma_records):
        client.force_login(world.staff_a)
        client.get(reverse("recipients:detail", args=[world.alma.pk]))
        client.force_login(world.outsider)
        client.get(f"/api/v1/recipients/{world.alma.pk}/history/")  # denied: logged too
        data = download(client, world.admin_user, world.alma)
        reads = data["access_log"]
        assert [(r["user_display"], r["channel"], r["outcome"]) for r in reads] == [
            (str(world.outsider), "api_session", "denied"),
            (str(world.staff_a), "web", "allowed"),
        ]
        assert reads[1]["what"] == "recipients:detail" and reads[1]["channel_display"] == "Webb"
        assert "ip_address" not in reads[0] and "path" not in reads[0]

    def test_the_persons_words_are_the_literal_string(self, client, world):
        fill_records(world.alma, author=world.staff_a, words=MARKUP)
        data = download(client, world.admin_user, world.alma)
        assert data["answers"][0]["own_words"] == MARKUP

    def test_no_other_persons_data_is_in_it(self, client, world, alma_records, bo_records):
        bo_answer = AnswerFactory(
            conversation=ConversationFactory(recipient=world.bo), own_words="Bos hemliga svar"
        )
        with acting_as(world.assessor_a, CHANGED_IN):
            alma_records.intervention.serves_answers.add(bo_answer)
        client.force_login(world.admin_user)
        body = client.get(json_url(world.alma)).content.decode()
        for other in ("Bos egna ord", "Bos anteckning", "Bos hemliga svar", "Bengtdemo", "bo-read"):
            assert other not in body
        assert world.bo.personal_number not in body and str(world.bo.pk) not in body

    def test_a_protected_person_gets_everything_including_who_was_granted(self, client, world):
        admin = UserFactory(username="granted_admin")
        MembershipFactory(user=admin, unit=world.unit_a, role=Role.ADMINISTRATOR)
        with acting_as(world.manager, CHANGED_IN):
            ProtectedIdentityGrantFactory(
                recipient=world.hemlig, user=admin, granted_by=world.manager
            )
        fill_records(world.hemlig, author=world.manager, words="Skyddade ord")
        data = download(client, admin, world.hemlig)
        assert data["person"]["protected_identity"] is True
        assert sorted(g["user_display"] for g in data["protected_identity_grants"]) == sorted(
            [str(world.manager), str(admin)]
        )
        assert data["answers"][0]["own_words"] == "Skyddade ord"
        assert "protected_identity_grant" in {e["record"]["kind"] for e in data["change_history"]}


class TestThePrintablePage:
    def test_it_reads_in_plain_swedish_with_each_section(self, client, world, alma_records):
        approve(alma_records.version)
        client.force_login(world.admin_user)
        response = client.get(print_url(world.alma))
        html = response.content.decode()
        assert "css/print.css" in html and 'media="print"' in html
        for heading in (
            "Dina registeruppgifter",
            "Närstående och företrädare",
            "Svar: vad som är viktigt",
            "Insatser",
            "Samtycken",
            "Bedömningar",
            "Uppföljningar",
            "Versioner av genomförandeplanen",
            "Ändringshistorik",
            "Vem har läst dina uppgifter",
        ):
            assert f">{heading}</h2>" in html, heading
        assert world.alma.personal_number in html and "Dottern Dahl" in html
        assert "Uppnått" in html and "Fastställt innehåll" in html
        assert "no-store" in response["Cache-Control"]

    def test_the_persons_words_are_text_never_markup(self, client, world):
        fill_records(world.alma, author=world.staff_a, words=MARKUP)
        client.force_login(world.admin_user)
        html = client.get(print_url(world.alma)).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "<script>alert" not in html and "<b>fet</b>" not in html

    def test_no_other_persons_data_is_on_it(self, client, world, alma_records, bo_records):
        client.force_login(world.admin_user)
        html = client.get(print_url(world.alma)).content.decode()
        for other in ("Bos egna ord", "Bos anteckning", "Bengtdemo", world.bo.personal_number):
            assert other not in html


class TestTheProductionIsLogged:
    @pytest.mark.parametrize("view", [print_url, json_url])
    def test_each_production_writes_an_export_row_that_is_kept(self, client, world, view):
        client.force_login(world.admin_user)
        client.get(view(world.alma))
        row = AccessLog.objects.get()
        assert (row.recipient_id, row.user, row.channel, row.what, row.outcome) == (
            world.alma.pk,
            world.admin_user,
            "export",
            "registerutdrag",
            "allowed",
        )
        assert row.path == view(world.alma) and row.request_id

    def test_an_earlier_extract_shows_in_the_next_one(self, client, world):
        download(client, world.admin_user, world.alma)
        data = download(client, world.admin_user, world.alma)
        assert [(r["channel"], r["what"]) for r in data["access_log"]] == [
            ("export", "registerutdrag")
        ]


@pytest.mark.parametrize("view", [json_url, print_url])
def test_producing_it_runs_a_fixed_number_of_queries_whatever_the_amount_of_data(
    client, world, alma_records, view
):
    client.force_login(world.admin_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(view(world.alma)).status_code == 200
        return len(queries)

    first = count()
    fill_records(world.alma, author=UserFactory(), words="Fler svar")
    with acting_as(world.assessor_a, CHANGED_IN):
        world.alma.refresh_from_db()
        world.alma.communication_notes = "Mer"
        world.alma.save()
    assert count() == first
    # session, user, recipient, role; 11 record tables, 3 links, events, access log; 12 kinds
    # of history, 3 history links; organisation, units, staff, life areas, technologies.
    assert first == 4 + 11 + 3 + 2 + 12 + 3 + 5 + ACCESS_LOG
