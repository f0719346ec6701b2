"""Completeness of the access log (the issue's acceptance test): each kind of a care
recipient's records, read once through each channel — the pages, the API (with a token and
with a signed-in session), the export — gives exactly one log row, with the right user,
person, channel, outcome, path and address. A denied read gives one row, outcome denied.
The admin: test_completeness_admin.py.
"""

import pytest
from django.urls import reverse

from tests.audit.helpers import ADDRESS, assert_one_row, last_id, rows_since

# --- the pages --------------------------------------------------------------------------------

# (URL name, what its argument is, who reads)
PAGES = [
    ("recipients:list", None, "staff_a"),
    ("recipients:detail", "alma", "manager"),
    ("whatmatters:conversation-create", "alma", "manager"),
    ("whatmatters:goal-create", "alma", "manager"),
    ("whatmatters:goal-update", "goal", "manager"),
    ("whatmatters:answer-supersede", "answer", "manager"),
    ("interventions:propose", "alma", "manager"),
    ("interventions:detail", "intervention", "manager"),
    ("interventions:accept", "intervention", "manager"),
    ("interventions:consent-create", "intervention", "manager"),
    ("interventions:consent-withdraw", "consent", "manager"),
    ("assessments:record", "intervention", "licensed_a"),
    ("followups:mine", None, "staff_a"),
    ("followups:schedule", "alma", "manager"),
    ("followups:complete", "followup", "manager"),
    ("plans:recipient", "alma", "manager"),
    ("plans:print", "alma", "manager"),
    ("plans:print-pdf", "alma", "manager"),
    ("plans:review-list", None, "manager"),
    ("plans:version", "submitted", "manager"),
    ("insights:overview", None, "manager"),
    ("audit:by-recipient", "alma", "manager"),
    ("recipients:update", "alma", "assessor_a"),
]


def _persona(world, more, name):
    return getattr(world, name, None) or getattr(more, name)


@pytest.mark.parametrize(("name", "arg", "reader"), PAGES)
def test_each_page_read_is_one_row(client, world, more, records, name, arg, reader):
    user = _persona(world, more, reader)
    target = getattr(world, arg, None) if arg else None
    target = target or records.get(arg)
    url = reverse(name, args=[target.pk] if target is not None else [])
    client.force_login(user)
    before = last_id()
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code in (200, 302), response.status_code
    assert_one_row(
        before, user=user, recipient_id=world.alma.pk, channel="web", path=url, what=name
    )


def test_a_page_of_another_units_person_is_one_denied_row(client, world):
    client.force_login(world.staff_a)
    url = reverse("recipients:detail", args=[world.bo.pk])
    before = last_id()
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 404
    assert_one_row(
        before,
        user=world.staff_a,
        recipient_id=world.bo.pk,
        channel="web",
        path=url,
        outcome="denied",
        what="recipients:detail",
    )


def test_a_page_of_another_units_record_is_one_denied_row(client, world, records):
    client.force_login(world.staff_a)
    for name, arg in [
        ("interventions:detail", records["bos_intervention"].pk),
        ("plans:recipient", world.bo.pk),
    ]:
        url = reverse(name, args=[arg])
        before = last_id()
        assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 404
        # The person is known only when the address names them.
        person = world.bo.pk if name == "plans:recipient" else None
        assert_one_row(
            before,
            user=world.staff_a,
            recipient_id=person,
            channel="web",
            path=url,
            outcome="denied",
        )


def test_a_page_that_is_simply_missing_is_not_a_read(client, world):
    client.force_login(world.staff_a)
    before = last_id()
    assert client.get("/finns-inte/", REMOTE_ADDR=ADDRESS).status_code == 404
    assert rows_since(before) == []


# --- the API ---------------------------------------------------------------------------------

# (path after /api/v1/, the record whose id it takes (None: a list), the URL name)
API_READS = [
    ("recipients/", None, "api:recipient-list"),
    ("recipients/{alma}/", None, "api:recipient-detail"),
    ("recipients/{alma}/overview/", None, "api:recipient-overview"),
    ("conversations/", None, "api:conversation-list"),
    ("conversations/{conversation}/", None, "api:conversation-detail"),
    ("answers/", None, "api:answer-list"),
    ("answers/{answer}/", None, "api:answer-detail"),
    ("goals/", None, "api:goal-list"),
    ("goals/{goal}/", None, "api:goal-detail"),
    ("interventions/", None, "api:intervention-list"),
    ("interventions/{intervention}/", None, "api:intervention-detail"),
    ("consents/", None, "api:consent-list"),
    ("consents/{consent}/", None, "api:consent-detail"),
    ("assessments/", None, "api:assessment-list"),
    ("assessments/{assessment}/", None, "api:assessment-detail"),
    ("follow-ups/", None, "api:follow-up-list"),
    ("follow-ups/{followup}/", None, "api:follow-up-detail"),
    ("care-plans/", None, "api:care-plan-list"),
    ("care-plans/{approved}/", None, "api:care-plan-detail"),
]


@pytest.fixture
def api_as(world, token_for, api_client):
    """api_as(channel) -> a client of staff_a (who sees Alma only) through that channel."""

    def make(channel):
        if channel == "api_token":
            return token_for(world.staff_a)
        api_client.force_login(world.staff_a)
        return api_client

    return make


def _api_path(template, world, records):
    ids = {key: value.pk for key, value in records.items()}
    return "/api/v1/" + template.format(alma=world.alma.pk, **ids)


@pytest.mark.parametrize("channel", ["api_token", "api_session"])
@pytest.mark.parametrize(("template", "_unused", "what"), API_READS)
def test_each_api_read_is_one_row(api_as, world, records, channel, template, _unused, what):
    client = api_as(channel)
    path = _api_path(template, world, records)
    before = last_id()
    response = client.get(path, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200, response.content
    if path.endswith("/care-plans/"):
        # Alma's plan has two versions: one row for her all the same.
        assert len(response.json()["results"]) == 2
    row = assert_one_row(
        before, user=world.staff_a, recipient_id=world.alma.pk, channel=channel, path=path
    )
    assert row.what == what
    assert bool(row.token_key) == (channel == "api_token")


def test_the_api_search_is_one_row(api_as, world):
    client = api_as("api_token")
    path = "/api/v1/recipients/search/"
    before = last_id()
    response = client.post(
        path, {"personal_number": world.alma.personal_number}, format="json", REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    assert_one_row(
        before, user=world.staff_a, recipient_id=world.alma.pk, channel="api_token", path=path
    )


def test_an_api_list_of_many_people_is_one_row_each_in_one_insert(world, token_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = token_for(world.manager)  # sees Alma, Bo and Hemlig (granted)
    before = last_id()
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/recipients/", REMOTE_ADDR=ADDRESS)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_accesslog"')]
    assert len(inserts) == 1
    rows = rows_since(before)
    assert sorted(r.recipient_id for r in rows) == sorted(
        p.pk for p in (world.alma, world.bo, world.hemlig)
    )


def test_an_api_read_of_another_units_person_is_one_denied_row(world, token_for):
    client = token_for(world.staff_a)
    path = f"/api/v1/recipients/{world.bo.pk}/"
    before = last_id()
    assert client.get(path, REMOTE_ADDR=ADDRESS).status_code == 404
    assert_one_row(
        before,
        user=world.staff_a,
        recipient_id=world.bo.pk,
        channel="api_token",
        path=path,
        outcome="denied",
        what="api:recipient-detail",
    )


# --- the export ------------------------------------------------------------------------------


def test_the_export_is_one_row_per_person_in_it(client, world, records):
    from tests.audit.factories import read

    read(world.staff_a, world.alma)
    url = reverse("audit:export")
    client.force_login(world.manager)
    before = last_id()
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    b"".join(response.streaming_content)
    assert_one_row(
        before, user=world.manager, recipient_id=world.alma.pk, channel="export", path=url
    )
