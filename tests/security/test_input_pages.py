"""Bad input on the pages and the admin: NUL, invalid UTF-8 and very long values in query
strings and form fields get a 400 or an ordinary page (with the form's errors), never a 500,
and nothing is half-saved. A page body over 1 MB is 413."""

import datetime as dt
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.assessments.models import Assessment
from apps.followups.models import FollowUp
from apps.interventions.models import Consent, Intervention, InterventionEvent
from apps.plans.models import CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_submit
from apps.recipients.models import CareRecipient
from apps.whatmatters.models import Answer, Conversation, Goal
from tests.factories import UserFactory
from tests.security.conftest_input import nurse_with_records, page_client

COUNTED = (
    CareRecipient,
    Conversation,
    Answer,
    Goal,
    Intervention,
    InterventionEvent,
    Consent,
    Assessment,
    FollowUp,
    CarePlanVersion,
)
# Encoded as they travel in a URL or a form body.
STRANGE = {
    "nul": "%00",
    "inner-nul": "a%00b",
    "ff-fe": "%FF%FE",
    "overlong": "%C0%AF",
    "surrogate": "%ED%A0%80",
    "10000-chars": "x" * 10_001,
}
NEVER = {500, 502, 503}


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def site(world, life_areas):
    nurse, records = nurse_with_records(world)
    submitted = plan_version_submit(actor=nurse, version=records.plan_version)
    draft = plan_start_draft(actor=world.staff_b, recipient=world.bo)
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    return SimpleNamespace(
        world=world,
        nurse=nurse,
        records=records,
        submitted=submitted,
        draft=draft,
        superuser=superuser,
        clients={
            "nurse": page_client(nurse),
            "staff_a": page_client(world.staff_a),
            "staff_b": page_client(world.staff_b),
            "manager": page_client(world.manager),
            "assessor_a": page_client(world.assessor_a),
            "root": page_client(superuser),
        },
    )


# (who, url, query parameters the page reads)
def page_queries(s):
    alma, r = s.world.alma.pk, s.records
    return [
        ("nurse", "/omsorgstagare/", ["q", "unit", "status", "page"]),
        ("nurse", f"/omsorgstagare/{alma}/", ["x"]),
        ("nurse", f"/omsorgstagare/{alma}/insatser/ny/", ["answer"]),
        ("nurse", f"/omsorgstagare/{alma}/mal/nytt/", ["answer"]),
        ("nurse", f"/omsorgstagare/{alma}/uppfoljningar/ny/", ["goal", "intervention"]),
        ("nurse", f"/uppfoljningar/{r.followup.pk}/genomfor/", ["next"]),
        ("nurse", "/uppfoljningar/mina/", ["page"]),
        ("nurse", f"/omsorgstagare/{alma}/plan/", ["x"]),
        ("nurse", f"/insatser/{r.intervention.pk}/", ["x"]),
        ("manager", "/planer/att-granska/", ["page"]),
        ("manager", f"/planer/{s.submitted.pk}/", ["x"]),
        ("manager", "/oversikt/", ["unit"]),
    ]


@pytest.mark.parametrize("value", STRANGE.values(), ids=STRANGE.keys())
def test_a_strange_query_value_on_a_page_is_400_or_an_ordinary_page(site, value):
    failures = []
    for who, url, parameters in page_queries(site):
        for name in parameters:
            response = site.clients[who].get(f"{url}?{name}={value}")
            if response.status_code not in (200, 400, 404):
                failures.append(f"{url}?{name}={value[:12]}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_nul_in_a_page_query_is_400_and_echoes_nothing(site):
    response = site.clients["nurse"].get("/omsorgstagare/?q=%3Cscript%3E%00")
    assert response.status_code == 400
    assert b"script" not in response.content


def form_posts(s):
    """(who, url, {field: value}) for every form; the value goes into each field in turn."""
    alma, r = s.world.alma.pk, s.records
    return [
        ("nurse", "/omsorgstagare/", ["q", "unit", "status", "page"]),
        (
            "assessor_a",
            "/omsorgstagare/ny/",
            ["given_name", "family_name", "personal_number", "unit", "communication_notes"],
        ),
        (
            "nurse",
            f"/omsorgstagare/{alma}/samtal/nytt/",
            ["held_at", "location", "participants", "answers-TOTAL_FORMS", "answers-0-own_words"],
        ),
        ("nurse", f"/omsorgstagare/{alma}/mal/nytt/", ["answers", "own_words", "target_date"]),
        ("nurse", f"/mal/{r.goal.pk}/andra/", ["answers", "own_words", "status", "version"]),
        ("nurse", f"/svar/{r.answer.pk}/ersatt/", ["own_words", "life_area", "version"]),
        (
            "nurse",
            f"/omsorgstagare/{alma}/insatser/ny/",
            ["serves_answers", "title", "rationale", "delivery", "technology"],
        ),
        ("nurse", f"/insatser/{r.intervention.pk}/avboj/", ["reason", "version"]),
        ("nurse", f"/insatser/{r.intervention.pk}/avsluta/", ["reason", "end_reason"]),
        (
            "nurse",
            f"/insatser/{r.intervention.pk}/samtycke/nytt/",
            ["given_by", "method", "given_at", "giver_name", "contact"],
        ),
        ("nurse", f"/samtycken/{r.consent.pk}/aterkalla/", ["reason"]),
        (
            "nurse",
            f"/insatser/{r.intervention.pk}/bedomning/ny/",
            ["kind", "decision", "rationale", "profession"],
        ),
        (
            "nurse",
            f"/omsorgstagare/{alma}/uppfoljningar/ny/",
            ["goal", "intervention", "due_date", "responsible"],
        ),
        (
            "nurse",
            f"/uppfoljningar/{r.followup.pk}/genomfor/",
            ["own_words", "notes", "performance", "next", "version", "next_due_date"],
        ),
        ("staff_b", f"/planer/{s.draft.pk}/klartext/", ["summary", "row_version"]),
        ("staff_b", f"/planer/{s.draft.pk}/skicka-in/", ["summary", "row_version"]),
        ("manager", f"/planer/{s.submitted.pk}/atersand/", ["return-comment"]),
        ("manager", f"/planer/{s.submitted.pk}/godkann/", ["approve-comment", "approve-content"]),
        ("nurse", "/i18n/setlang/", ["language", "next"]),
    ]


@pytest.mark.parametrize("value", STRANGE.values(), ids=STRANGE.keys())
def test_a_strange_form_value_is_answered_without_a_server_error(site, value):
    failures = []
    for who, url, fields in form_posts(site):
        for name in fields:
            body = f"{name}={value}"
            response = site.clients[who].post(
                url, body, content_type="application/x-www-form-urlencoded"
            )
            if response.status_code in NEVER:
                failures.append(f"POST {url} {name}={value[:12]}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_login_form_takes_nul_and_invalid_utf8_without_a_server_error(world):
    for value in ("%00", "a%00b", "%FF%FE", "x" * 10_001):
        response = Client(raise_request_exception=False).post(
            "/konto/login/",
            f"username={value}&password={value}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 400, 403), value


def valid_forms(s):
    """(who, url, a complete valid body, the text field to make too long, what it creates)."""
    alma = s.world.alma
    r = s.records
    today = timezone.localdate()
    held_at = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    return [
        (
            "nurse",
            f"/omsorgstagare/{alma.pk}/samtal/nytt/",
            {
                "held_at": held_at,
                "location": "home_visit",
                "answers-TOTAL_FORMS": "1",
                "answers-INITIAL_FORMS": "0",
                "answers-0-own_words": "Att få sova.",
                "answers-0-life_area": "sleep",
            },
            "answers-0-own_words",
        ),
        (
            "nurse",
            f"/omsorgstagare/{alma.pk}/mal/nytt/",
            {"answers": str(r.answer.pk), "own_words": "Sova hela natten."},
            "own_words",
        ),
        (
            "nurse",
            f"/uppfoljningar/{r.followup.pk}/genomfor/",
            {
                "own_words": "Det fungerar.",
                "still_matters": "yes",
                "decision": "continue",
                "next_due_date": (today + dt.timedelta(days=60)).isoformat(),
                "next_responsible": str(s.nurse.pk),
                "version": str(r.followup.version),
            },
            "own_words",
        ),
        (
            "staff_b",
            f"/planer/{s.draft.pk}/klartext/",
            {"summary": "Planen.", "row_version": str(s.draft.version)},
            "summary",
        ),
        (
            "assessor_a",
            "/omsorgstagare/ny/",
            {
                "unit": str(s.world.unit_a.pk),
                "given_name": "Ny",
                "family_name": "Person",
                "personal_number": "19121212-1212",
                "preferred_language": "svenska",
                "status": "active",
                "start_date": today.isoformat(),
                "communication_notes": "Hör dåligt.",
            },
            "communication_notes",
        ),
        (
            "nurse",
            f"/insatser/{r.intervention.pk}/avboj/",
            {"reason": "Vill inte.", "version": str(r.intervention.version)},
            "reason",
        ),
    ]


@pytest.mark.parametrize(
    ("bad", "said"),
    [("x" * 10_001, "10001"), ("a\x00b", "Null-tecken")],
    ids=["10000-chars", "nul"],
)
def test_one_bad_text_field_in_an_otherwise_valid_form_is_shown_and_nothing_is_saved(
    site, bad, said
):
    before = counts()
    failures = []
    for who, url, body, field in valid_forms(site):
        response = site.clients[who].post(url, {**body, field: bad})
        if response.status_code != 200 or said not in response.content.decode():
            failures.append(f"POST {url} {field}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert counts() == before


def test_each_valid_form_body_is_accepted_as_it_is(site):
    """The bodies above are valid: a refusal in the previous test is about the bad field."""
    for who, url, body, _field in valid_forms(site):
        response = site.clients[who].post(url, body)
        assert response.status_code == 302, url


def test_a_page_body_over_one_megabyte_is_413(site):
    response = site.clients["nurse"].post(
        f"/omsorgstagare/{site.world.alma.pk}/mal/nytt/",
        "own_words=" + "x" * (1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


# --- the admin -----------------------------------------------------------------------------


def admin_queries(model_admin):
    """Every parameter a change list reads: search, ordering, page, each list filter (as
    Django spells it for a field, a relation and a choice) and the date drill-down."""
    names = ["q", "o", "p", "e", "_changelist_filters"]
    for entry in model_admin.list_filter:
        field = entry if isinstance(entry, str) else entry[0] if isinstance(entry, tuple) else None
        if field:
            names += [f"{field}__exact", f"{field}__id__exact", f"{field}__code__exact", field]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@pytest.mark.parametrize("value", STRANGE.values(), ids=STRANGE.keys())
def test_a_strange_value_in_any_admin_change_list_parameter_is_not_a_server_error(site, value):
    failures = []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for name in admin_queries(model_admin):
            response = site.clients["root"].get(f"{url}?{name}={value}")
            if response.status_code not in (200, 302, 400):
                failures.append(f"{url}?{name}={value[:12]}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("object_id", ["not-an-id", "%00", "%FF", quote("<script>")])
def test_a_malformed_id_in_an_admin_address_is_not_a_server_error(site, object_id):
    failures = []
    for model in admin.site._registry:
        meta = model._meta
        base = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for tail in ("change/", "history/", "delete/"):
            response = site.clients["root"].get(f"{base}{object_id}/{tail}")
            # 403: deleting is for superusers only, and some records are never deleted.
            if response.status_code not in (302, 400, 403, 404):
                failures.append(f"{base}{object_id}/{tail}: {response.status_code}")
    assert not failures, "\n".join(failures)
