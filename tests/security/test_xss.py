"""Product promise: a person's verbatim words containing markup are shown as text everywhere
(pages, print view, PDF, admin, API).

Every text field of one person's records holds `<tag> <script>alert(1)</script><img src=x
onerror=alert(2)>"'&`, written through the services. Each page must show the tags it is
expected to show in their escaped form (so the check is not vacuous) and never the raw markup;
the API must return the very string that was stored."""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_submit,
    plan_version_update,
)
from apps.whatmatters.services import goal_update
from tests.factories import (
    CareRecipientFactory,
    FollowUpFactory,
    InterventionFactory,
    TechnologyFactory,
)
from tests.security.conftest_input import (
    api_as,
    assert_no_raw_markup,
    build_records,
    escaped,
    licensed_in,
    marked,
)


@pytest.fixture
def scene(world, life_areas):
    """A person in unit A whose every text holds the payload; an approved plan version, then a
    submitted one that changes the goal (so the review page shows a diff); and an overdue
    follow-up (so the managers' overview names the person)."""
    nurse = licensed_in(world.unit_a)
    person = CareRecipientFactory(
        unit=world.unit_a,
        given_name="Xss",
        family_name=marked("NAME"),
        communication_notes=marked("COMM"),
    )
    technology = TechnologyFactory(
        requires_consent=True, name_sv=marked("TECH"), name_en=marked("TECH")
    )
    records = build_records(nurse, person, technology=technology)
    # A decided one besides the proposed one: the printed plan leaves out what is only proposed.
    InterventionFactory(
        recipient=person,
        technology=technology,
        title=marked("TITLE"),
        status="accepted",
        serves_answers=[records.answer],
    )
    approved = plan_version_submit(actor=nurse, version=records.plan_version)
    approved = plan_version_approve(actor=world.manager, version=approved)
    draft = plan_start_draft(actor=nurse, recipient=person)
    plan_version_update(actor=nurse, version=draft, summary=marked("PLAN2"))
    goal_update(actor=nurse, goal=records.goal, own_words=marked("GOAL2"))
    submitted = plan_version_submit(actor=nurse, version=draft)
    FollowUpFactory(
        intervention=records.intervention,
        recipient=person,
        due_date=timezone.localdate() - dt.timedelta(days=3),
        responsible=nurse,
    )
    return SimpleNamespace(
        world=world,
        nurse=nurse,
        person=person,
        records=records,
        approved=approved,
        submitted=submitted,
        technology=technology,
    )


def page_as(user, url, **headers):
    client = Client()
    client.force_login(user)
    return client.get(url, **headers)


# (id, who, url, tags the page must show escaped)
PAGES = [
    ("recipient-list", "nurse", lambda s: "/omsorgstagare/", ["NAME"]),
    (
        "recipient-hub",
        "nurse",
        lambda s: f"/omsorgstagare/{s.person.pk}/",
        [
            *("ANS", "SUMMARY", "INDICATOR", "TITLE", "GIVER", "ASSESS", "FOLLOWUP"),
            *("CONTACT", "GOAL2", "NAME", "COMM", "TECH"),
        ],
    ),
    (
        "recipient-edit",
        "assessor_a",
        lambda s: f"/omsorgstagare/{s.person.pk}/andra/",
        ["NAME", "COMM"],
    ),
    (
        "intervention",
        "nurse",
        lambda s: f"/insatser/{s.records.intervention.pk}/",
        ["ANS", "TITLE", "RATIONALE", "GIVER", "ASSESS", "FOLLOWUP", "GOAL2", "NAME", "TECH"],
    ),
    (
        "intervention-action-panel",
        "nurse",
        lambda s: f"/insatser/{s.records.intervention.pk}/avboj/",
        ["ANS", "TITLE", "RATIONALE", "GIVER"],
    ),
    (
        "consent-withdraw-panel",
        "nurse",
        lambda s: f"/samtycken/{s.records.consent.pk}/aterkalla/",
        ["TITLE", "GIVER"],
    ),
    (
        "propose",
        "nurse",
        lambda s: f"/omsorgstagare/{s.person.pk}/insatser/ny/?answer={s.records.answer.pk}",
        ["ANS", "GOAL2", "NAME", "TECH"],
    ),
    (
        "follow-up-to-do",
        "nurse",
        lambda s: f"/uppfoljningar/{s.records.followup.pk}/genomfor/",
        ["ANS", "INDICATOR", "TITLE", "FOLLOWUP", "GOAL2", "NAME"],
    ),
    (
        "follow-up-done",
        "nurse",
        lambda s: f"/uppfoljningar/{s.records.followup_done.pk}/genomfor/",
        ["ANS", "FOLLOWUP", "FUNOTE", "NAME"],
    ),
    (
        "follow-up-schedule",
        "nurse",
        lambda s: f"/omsorgstagare/{s.person.pk}/uppfoljningar/ny/",
        ["TITLE", "GOAL2", "NAME"],
    ),
    ("my-follow-ups", "nurse", lambda s: "/uppfoljningar/mina/", ["TITLE", "NAME"]),
    (
        "goal-edit",
        "nurse",
        lambda s: f"/mal/{s.records.goal.pk}/andra/",
        ["ANS", "INDICATOR", "GOAL2", "NAME"],
    ),
    ("answer-supersede", "nurse", lambda s: f"/svar/{s.records.answer.pk}/ersatt/", ["ANS"]),
    ("goal-new", "nurse", lambda s: f"/omsorgstagare/{s.person.pk}/mal/nytt/", ["ANS"]),
    (
        "plan",
        "nurse",
        lambda s: f"/omsorgstagare/{s.person.pk}/plan/",
        ["ANS", "INDICATOR", "TITLE", "PLAN2", "GOAL2", "NAME"],
    ),
    (
        "plan-review-with-diff",
        "manager",
        lambda s: f"/planer/{s.submitted.pk}/",
        ["ANS", "GOAL", "GOAL2", "INDICATOR", "TITLE", "PLAN", "PLAN2", "NAME"],
    ),
    ("plans-to-review", "manager", lambda s: "/planer/att-granska/", ["NAME"]),
    (
        "print",
        "nurse",
        lambda s: f"/omsorgstagare/{s.person.pk}/plan/utskrift/",
        ["ANS", "GOAL", "INDICATOR", "TITLE", "PLAN", "NAME"],
    ),
    ("managers-overview", "manager", lambda s: "/oversikt/", ["NAME", "TECH"]),
]


def user_of(scene, who):
    return scene.nurse if who == "nurse" else getattr(scene.world, who)


@pytest.mark.parametrize(("who", "url", "tags"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_a_page_shows_the_stored_markup_as_text(scene, who, url, tags):
    response = page_as(user_of(scene, who), url(scene))
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_raw_markup(html, url(scene))
    missing = [tag for tag in tags if escaped(tag) not in html]
    assert not missing, f"{url(scene)} does not show {missing} (escaped)"


@pytest.mark.parametrize(
    "url",
    [
        lambda s: "/omsorgstagare/",
        lambda s: f"/samtycken/{s.records.consent.pk}/aterkalla/",
        lambda s: f"/omsorgstagare/{s.person.pk}/plan/",
    ],
    ids=["recipient-list-results", "consent-withdraw-panel", "plan-summary"],
)
def test_an_htmx_fragment_escapes_the_markup_too(scene, url):
    response = page_as(scene.nurse, url(scene), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_raw_markup(html, url(scene))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_pages_forbid_inline_scripts_as_a_second_line_of_defence(scene):
    response = page_as(scene.nurse, f"/omsorgstagare/{scene.person.pk}/")
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_the_pdf_is_made_from_escaped_html(scene, monkeypatch):
    import weasyprint

    made = {}

    class CapturingHTML:
        def __init__(self, *, string, **kwargs):
            made["html"] = string

        def write_pdf(self, **kwargs):
            return b"%PDF-1.7 test"

    monkeypatch.setattr(weasyprint, "HTML", CapturingHTML)
    response = page_as(scene.nurse, f"/omsorgstagare/{scene.person.pk}/plan/utskrift/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    html = made["html"]
    assert_no_raw_markup(html, "PDF")
    for tag in ("ANS", "GOAL", "INDICATOR", "TITLE", "PLAN", "NAME"):
        assert escaped(tag) in html, tag


ADMIN_PAGES = [
    ("recipients/carerecipient", "person", ["NAME", "COMM", "CONTACT", "CONTACTNOTE"]),
    ("whatmatters/answer", "records.answer", ["ANS", "SUMMARY"]),
    ("whatmatters/goal", "records.goal", ["GOAL2", "INDICATOR", "ANS"]),
    ("whatmatters/conversation", "records.conversation", ["PART", "CONVNOTE"]),
    ("interventions/intervention", "records.intervention", ["TITLE", "RATIONALE", "GIVER"]),
    ("interventions/consent", "records.consent", ["GIVER", "TITLE"]),
    ("followups/followup", "records.followup_done", ["FOLLOWUP", "FUNOTE"]),
    ("plans/careplanversion", "submitted", ["PLAN2"]),
    ("assessments/assessment", "records.assessment", ["ASSESS"]),
    ("catalogue/technology", "technology", ["TECH"]),
]


def resolve(scene, path):
    value = scene
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(
    ("model", "path", "tags"), ADMIN_PAGES, ids=[a[0].split("/")[1] for a in ADMIN_PAGES]
)
def test_the_admin_shows_the_stored_markup_as_text(scene, model, path, tags):
    obj = resolve(scene, path)
    admin = scene.world.admin_user
    change = page_as(admin, f"/admin/{model}/{obj.pk}/change/")
    assert change.status_code == 200
    html = change.content.decode()
    assert_no_raw_markup(html, f"admin {model} change")
    missing = [tag for tag in tags if escaped(tag) not in html]
    assert not missing, f"admin {model} change page does not show {missing} (escaped)"
    for suffix in ("", f"{obj.pk}/history/"):
        other = page_as(admin, f"/admin/{model}/{suffix}")
        assert other.status_code == 200
        assert_no_raw_markup(other.content.decode(), f"admin {model}/{suffix}")


API_FIELDS = [
    ("recipients", "person", {"family_name": "NAME", "communication_notes": "COMM"}),
    ("answers", "records.answer", {"own_words": "ANS", "staff_summary": "SUMMARY"}),
    ("goals", "records.goal", {"own_words": "GOAL2", "indicator": "INDICATOR"}),
    ("conversations", "records.conversation", {"participants": "PART", "notes": "CONVNOTE"}),
    ("interventions", "records.intervention", {"title": "TITLE", "rationale": "RATIONALE"}),
    ("consents", "records.consent", {"giver_name": "GIVER"}),
    ("assessments", "records.assessment", {"rationale": "ASSESS"}),
    ("follow-ups", "records.followup_done", {"own_words": "FOLLOWUP", "notes": "FUNOTE"}),
    ("care-plans", "submitted", {"summary": "PLAN2"}),
    ("technologies", "technology", {"name_sv": "TECH"}),
]


@pytest.mark.parametrize(("resource", "path", "fields"), API_FIELDS, ids=[a[0] for a in API_FIELDS])
def test_the_api_returns_the_stored_words_unaltered(scene, token_for, resource, path, fields):
    obj = resolve(scene, path)
    client = api_as(token_for, scene.nurse)
    response = client.get(f"/api/v1/{resource}/{obj.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = json.loads(response.content)
    for field, tag in fields.items():
        assert body[field] == marked(tag), field
    listed = json.loads(client.get(f"/api/v1/{resource}/").content)["results"]
    row = next(item for item in listed if item["id"] == str(obj.pk))
    for field, tag in fields.items():
        assert row[field] == marked(tag), field


def test_the_api_overview_and_contacts_carry_the_words_unaltered(scene, token_for):
    client = api_as(token_for, scene.nurse)
    response = client.get(f"/api/v1/recipients/{scene.person.pk}/overview/")
    assert response.status_code == 200
    text = response.content.decode()
    body = json.loads(text)
    assert body["recipient"]["contacts"][0]["name"] == marked("CONTACT")
    stored = json.dumps(body["content"], ensure_ascii=False)
    for tag in ("ANS", "GOAL2", "INDICATOR", "TITLE", "NAME"):
        assert json.dumps(marked(tag), ensure_ascii=False)[1:-1] in stored, tag
