"""Product promise for a person with protected identity (skyddad identitet): to anyone without
a grant, "their name and number never appear in lists, exports, logs shown to others, error
messages or emails" — not even to a superuser, an administrator or their unit's manager.

Hemlig (unit A) has a full set of records, written by a nurse who holds a grant, in words
that say HEMLIGORD. Everyone else below works in unit A (or administers it) without a grant.
"""

import datetime as dt
import json
import logging
from types import SimpleNamespace
from urllib.parse import quote_plus

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from apps.audit.models import AccessLog
from apps.organisations.choices import Role
from apps.plans.services import plan_version_submit
from apps.recipients.models import ProtectedIdentityGrant
from tests.factories import FollowUpFactory, MembershipFactory, UserFactory
from tests.security.conftest_input import (
    add_member,
    api_as,
    api_schema,
    build_records,
    licensed_in,
    list_operations,
)

SECRET_WORDS = "HEMLIGORD"


@pytest.fixture
def hidden(world, life_areas, token_for, caplog):
    """Hemlig's records (and Alma's, so that every list has rows), an overdue follow-up and
    a submitted plan for each, and the people without a grant."""
    caplog.set_level(logging.DEBUG)
    hemlig, alma = world.hemlig, world.alma
    granted = licensed_in(world.unit_a, "nurse_granted", grant_to=hemlig)
    nurse = licensed_in(world.unit_a)  # no grant: the read-write API persona
    hemlig_records = build_records(granted, hemlig, words=lambda tag: f"{tag} {SECRET_WORDS}")
    alma_records = build_records(nurse, alma, words=lambda tag: f"{tag} om Alma")
    plan_version_submit(actor=granted, version=hemlig_records.plan_version)
    plan_version_submit(actor=nurse, version=alma_records.plan_version)
    overdue = timezone.localdate() - dt.timedelta(days=5)
    for records, recipient in ((hemlig_records, hemlig), (alma_records, alma)):
        FollowUpFactory(
            intervention=records.intervention,
            recipient=recipient,
            due_date=overdue,
            responsible=world.staff_a,  # staff_a is responsible, yet has no grant for Hemlig
        )
    manager_nogrant = add_member("manager_nogrant", world.unit_a, Role.MANAGER)
    MembershipFactory(user=manager_nogrant, unit=world.unit_b, role=Role.MANAGER)
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    number = hemlig.personal_number
    return SimpleNamespace(
        world=world,
        hemlig=hemlig,
        records=hemlig_records,
        nurse=nurse,
        granted=granted,
        manager_nogrant=manager_nogrant,
        root=root,
        api=api_as(token_for, nurse),
        secrets=[
            hemlig.given_name,
            hemlig.family_name,
            number,
            number.replace("-", ""),
            number[2:],
            SECRET_WORDS,
        ],
        caplog=caplog,
    )


def without_grant(h):
    w = h.world
    return {
        "staff_a": w.staff_a,
        "nurse": h.nurse,
        "assessor_a": w.assessor_a,
        "manager_nogrant": h.manager_nogrant,
        "admin_user": w.admin_user,
        "root": h.root,
    }


def page_client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def leaks(h, response, typed: str = "") -> list[str]:
    """The secrets in the response, apart from what the user typed (echoed in the search box
    and, in the admin, in its links)."""
    text = response.content.decode(errors="replace")
    for echoed in filter(None, (typed, escape(typed), quote_plus(typed))):
        text = text.replace(echoed, "")
    return [secret for secret in h.secrets if secret.lower() in text.lower()]


def hemlig_ids(h) -> list[str]:
    r = h.records
    records = [
        h.hemlig,
        r.conversation,
        r.answer,
        r.goal,
        r.intervention,
        r.consent,
        r.assessment,
        r.followup,
        r.followup_done,
        r.contact,
        r.plan_version,
    ]
    return [str(record.pk) for record in records]


def assert_no_mail_and_no_secret_in_logs(h):
    assert mail.outbox == []
    logged = [
        f"{record.getMessage()} {record.__dict__}"
        for record in h.caplog.records
        if record.name != "django.db.backends"
    ]
    for secret in h.secrets:
        assert not [line for line in logged if secret in line], f"{secret!r} in the logs"


def test_the_granted_see_them_so_the_checks_below_can_fail(hidden):
    """The same checks, for the nurse with a grant, do find Hemlig: they are not vacuous."""
    client = page_client(hidden.granted)
    response = client.post("/omsorgstagare/", {"q": hidden.hemlig.personal_number})
    assert hidden.hemlig.family_name in response.content.decode()
    assert SECRET_WORDS in client.get(f"/omsorgstagare/{hidden.hemlig.pk}/").content.decode()
    manager = page_client(hidden.world.manager)
    assert hidden.hemlig.family_name in manager.get("/planer/att-granska/").content.decode()


@pytest.mark.parametrize("term", ["number", "number-without-dash", "family", "given"])
def test_the_recipient_list_and_its_search_leave_them_out(hidden, term):
    hemlig = hidden.hemlig
    query = {
        "number": hemlig.personal_number,
        "number-without-dash": hemlig.personal_number.replace("-", ""),
        "family": hemlig.family_name,
        "given": hemlig.given_name,
    }[term]
    for name, user in without_grant(hidden).items():
        client = page_client(user)
        assert not leaks(hidden, client.get("/omsorgstagare/")), name
        for response in (
            client.post("/omsorgstagare/", {"q": query}),
            client.post("/omsorgstagare/", {"q": query}, HTTP_HX_REQUEST="true"),
        ):
            assert response.status_code == 200, name
            assert "Ingen omsorgstagare matchar" in response.content.decode(), name
            assert not leaks(hidden, response, typed=query), name
            assert str(hemlig.pk) not in response.content.decode(), name
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_the_api_recipient_list_and_search_by_number_leave_them_out(hidden, token_for):
    hemlig = hidden.hemlig
    for name, user in without_grant(hidden).items():
        client = api_as(token_for, user, read_only=True)
        listed = client.get("/api/v1/recipients/?page_size=200")
        assert listed.status_code == 200, name
        for number in (hemlig.personal_number, hemlig.personal_number.replace("-", "")):
            found = client.post(
                "/api/v1/recipients/search/", {"personal_number": number}, format="json"
            )
            assert found.status_code == 200, name
            assert json.loads(found.content)["results"] == [], name
            assert not leaks(hidden, found), name
        assert not leaks(hidden, listed) and str(hemlig.pk) not in listed.content.decode(), name
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_no_api_list_has_a_row_about_them(hidden, token_for):
    ids = hemlig_ids(hidden)
    schema = api_schema(hidden.api)
    for name in ("nurse", "manager_nogrant", "root"):
        client = api_as(token_for, without_grant(hidden)[name])
        for path, parameters in list_operations(schema):
            if path.endswith("/search/"):
                continue
            queries = ["page_size=200"]
            if "recipient" in parameters:
                queries.append(f"recipient={hidden.hemlig.pk}")
            for query in queries:
                response = client.get(f"{path}?{query}")
                assert response.status_code == 200, (name, path, query)
                text = response.content.decode()
                assert not leaks(hidden, response), (name, path, query)
                assert not [i for i in ids if i in text], (name, path, query)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_the_managers_overview_does_not_count_them(hidden):
    def figures(user):
        response = page_client(user).get("/oversikt/")
        assert response.status_code == 200
        overview = response.context["overview"]
        return response, {
            "recipients": overview["coverage"]["recipients"],
            "overdue": overview["overdue"]["count"],
            "interventions": overview["interventions"]["total"],
            "plans": overview["plans"]["count"],
        }

    response, without = figures(hidden.manager_nogrant)
    _granted_response, granted = figures(hidden.world.manager)  # same units, with a grant
    assert {k: granted[k] - without[k] for k in granted} == {
        "recipients": 1,
        "overdue": 1,
        "interventions": 1,
        "plans": 1,
    }
    assert not leaks(hidden, response)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_my_follow_ups_leave_out_theirs_even_when_i_am_responsible(hidden):
    response = page_client(hidden.world.staff_a).get("/uppfoljningar/mina/")
    assert response.status_code == 200
    assert not leaks(hidden, response)
    assert str(hidden.records.intervention.pk) not in response.content.decode()
    assert "Alma" in response.content.decode()  # Alma's overdue follow-up is listed


def test_plans_to_review_leave_them_out(hidden):
    response = page_client(hidden.manager_nogrant).get("/planer/att-granska/")
    assert response.status_code == 200
    assert not leaks(hidden, response)
    assert str(hidden.records.plan_version.pk) not in response.content.decode()
    assert hidden.world.alma.family_name in response.content.decode()


def their_pages(h):
    p, r = h.hemlig.pk, h.records
    return [
        f"/omsorgstagare/{p}/",
        f"/omsorgstagare/{p}/andra/",
        f"/omsorgstagare/{p}/plan/",
        f"/omsorgstagare/{p}/plan/utskrift/",
        f"/omsorgstagare/{p}/plan/utskrift/pdf/",
        f"/omsorgstagare/{p}/insatser/ny/",
        f"/omsorgstagare/{p}/samtal/nytt/",
        f"/omsorgstagare/{p}/mal/nytt/",
        f"/omsorgstagare/{p}/uppfoljningar/ny/",
        f"/insatser/{r.intervention.pk}/",
        f"/insatser/{r.intervention.pk}/avboj/",
        f"/insatser/{r.intervention.pk}/samtycke/nytt/",
        f"/insatser/{r.intervention.pk}/bedomning/ny/",
        f"/samtycken/{r.consent.pk}/aterkalla/",
        f"/uppfoljningar/{r.followup.pk}/genomfor/",
        f"/mal/{r.goal.pk}/andra/",
        f"/svar/{r.answer.pk}/ersatt/",
        f"/planer/{r.plan_version.pk}/",
    ]


def their_api_urls(h):
    r = h.records
    return [
        f"/api/v1/recipients/{h.hemlig.pk}/",
        f"/api/v1/recipients/{h.hemlig.pk}/overview/",
        f"/api/v1/conversations/{r.conversation.pk}/",
        f"/api/v1/answers/{r.answer.pk}/",
        f"/api/v1/goals/{r.goal.pk}/",
        f"/api/v1/interventions/{r.intervention.pk}/",
        f"/api/v1/consents/{r.consent.pk}/",
        f"/api/v1/assessments/{r.assessment.pk}/",
        f"/api/v1/follow-ups/{r.followup.pk}/",
        f"/api/v1/care-plans/{r.plan_version.pk}/",
    ]


def test_their_pages_answer_404_and_say_nothing_about_them(hidden):
    for name, user in without_grant(hidden).items():
        client = page_client(user)
        for url in their_pages(hidden):
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                # 405: a page that only reads refuses a POST before looking anything up.
                expected = (404, 405) if method == "post" else (404,)
                assert response.status_code in expected, (name, method, url, response.status_code)
                assert not leaks(hidden, response), (name, method, url)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_their_api_addresses_answer_404_and_say_nothing_about_them(hidden, token_for):
    client = hidden.api
    for url in their_api_urls(hidden):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json", url
        assert not leaks(hidden, response), url
        if not url.endswith("/overview/"):
            # A write to it is the same 404, not a 403 or a validation error that says more.
            patch = client.patch(url, {}, format="json", HTTP_IF_MATCH='"v1"')
            assert patch.status_code in (404, 405), url
            assert not leaks(hidden, patch), url
    r = hidden.records
    actions = [
        f"/api/v1/interventions/{r.intervention.pk}/decline/",
        f"/api/v1/consents/{r.consent.pk}/withdraw/",
        f"/api/v1/follow-ups/{r.followup.pk}/complete/",
        f"/api/v1/care-plans/{r.plan_version.pk}/return/",
        f"/api/v1/answers/{r.answer.pk}/supersede/",
    ]
    for url in actions:
        response = client.post(url, {"reason": "x", "comment": "x"}, format="json")
        assert response.status_code == 404, url
        assert not leaks(hidden, response), url
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_sending_their_ids_in_a_body_is_refused_without_echoing_their_data(hidden):
    r, alma = hidden.records, hidden.world.alma
    today = timezone.localdate()
    bodies = [
        (
            "/api/v1/interventions/",
            {
                "recipient": str(alma.pk),
                "delivery": "technology",
                "technology": str(r.technology.pk),
                "title": "Nattkamera",
                "rationale": "Sova.",
                "serves_answers": [str(r.answer.pk)],
                "serves_goals": [str(r.goal.pk)],
            },
        ),
        ("/api/v1/interventions/", {"recipient": str(hidden.hemlig.pk)}),
        (
            "/api/v1/goals/",
            {"recipient": str(alma.pk), "answers": [str(r.answer.pk)], "own_words": "Sova."},
        ),
        (
            "/api/v1/follow-ups/",
            {
                "goal": str(r.goal.pk),
                "intervention": str(r.intervention.pk),
                "due_date": (today + dt.timedelta(days=3)).isoformat(),
                "responsible": str(hidden.nurse.pk),
            },
        ),
        (
            "/api/v1/consents/",
            {
                "intervention": str(r.intervention.pk),
                "given_by": "person",
                "method": "verbal",
                "given_at": timezone.now().isoformat(),
                "contact": str(r.contact.pk),
            },
        ),
        (
            "/api/v1/assessments/",
            {
                "intervention": str(r.intervention.pk),
                "kind": "suitability",
                "profession": "nurse",
                "decision": "suitable",
                "rationale": "Ok.",
            },
        ),
        ("/api/v1/care-plans/", {"recipient": str(hidden.hemlig.pk)}),
        (
            "/api/v1/conversations/",
            {
                "recipient": str(hidden.hemlig.pk),
                "held_at": timezone.now().isoformat(),
                "location": "home_visit",
            },
        ),
        (
            "/api/v1/answers/",
            {"conversation": str(r.conversation.pk), "life_area": "sleep", "own_words": "x"},
        ),
    ]
    for url, body in bodies:
        response = hidden.api.post(url, body, format="json")
        assert response.status_code == 400, (url, response.status_code)
        assert not leaks(hidden, response), url
    alma_goal = hidden.api.get("/api/v1/goals/?recipient=" + str(alma.pk))
    goal = json.loads(alma_goal.content)["results"][0]
    response = hidden.api.patch(
        f"/api/v1/goals/{goal['id']}/",
        {"answers": [str(r.answer.pk)]},
        format="json",
        HTTP_IF_MATCH=f'"v{goal["version"]}"',
    )
    assert response.status_code == 400
    assert not leaks(hidden, response)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_sending_their_ids_in_a_page_form_is_refused_without_echoing_their_data(hidden):
    r, alma = hidden.records, hidden.world.alma
    client = page_client(hidden.nurse)
    posts = [
        (
            f"/omsorgstagare/{alma.pk}/insatser/ny/",
            {"serves_answers": str(r.answer.pk), "serves_goals": str(r.goal.pk)},
        ),
        (f"/omsorgstagare/{alma.pk}/mal/nytt/", {"answers": str(r.answer.pk), "own_words": "x"}),
        (
            f"/omsorgstagare/{alma.pk}/uppfoljningar/ny/",
            {"goal": str(r.goal.pk), "intervention": str(r.intervention.pk)},
        ),
    ]
    for url, body in posts:
        response = client.post(url, body)
        assert response.status_code == 200, url  # the form again, with its errors
        assert not leaks(hidden, response), url
    get = client.get(f"/omsorgstagare/{alma.pk}/insatser/ny/?answer={r.answer.pk}")
    assert get.status_code == 404 and not leaks(hidden, get)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_the_admin_change_lists_and_search_leave_them_out(hidden):
    ids = hemlig_ids(hidden)
    for user in (hidden.world.admin_user, hidden.root):
        client = page_client(user)
        for model in admin.site._registry:
            meta = model._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            response = client.get(url)
            assert response.status_code in (200, 403), url  # 403: Django's own, e.g. groups
            text = response.content.decode()
            assert not leaks(hidden, response), url
            # Grants and the access log name the person by id, by design (ids only).
            if model not in (ProtectedIdentityGrant, AccessLog):
                assert not [i for i in ids if i in text], url
        for term in (hidden.hemlig.personal_number, hidden.hemlig.family_name):
            # The admin's search box POSTs (a number must not reach the URL), then redirects.
            found = client.post(
                "/admin/recipients/carerecipient/", {"_search": "1", "q": term}, follow=True
            )
            assert found.status_code == 200
            assert found.context["cl"].result_count == 0
            assert not leaks(hidden, found, typed=term)
        change = client.get(f"/admin/recipients/carerecipient/{hidden.hemlig.pk}/change/")
        assert change.status_code in (302, 404)
        assert not leaks(hidden, client.get(change.url) if change.status_code == 302 else change)
    assert_no_mail_and_no_secret_in_logs(hidden)


def test_the_product_sends_no_email_in_any_flow(hidden, token_for):
    """Login (right and wrong), lockout, every page and API list: no email leaves."""
    for password in ("wrong-password-1", "wrong-password-2", "correct-horse-battery"):
        Client().post("/konto/login/", {"username": "staff_a", "password": password})
    for user in (*without_grant(hidden).values(), hidden.granted, hidden.world.manager):
        client = page_client(user)
        for url in ("/omsorgstagare/", "/uppfoljningar/mina/", "/planer/att-granska/"):
            client.get(url)
        for url in their_pages(hidden):
            client.get(url)
    assert mail.outbox == []
    from django.conf import settings

    assert not getattr(settings, "ADMINS", None), "errors would be mailed to ADMINS"
