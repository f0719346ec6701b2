"""Date-times and dates through the API: offsets Python accepts but PostgreSQL does not (beyond
±15:59) are moved to UTC (found by Schemathesis), and a value outside the years 1900–2999
(year 1, year 9999 with an offset that moves it past the end of the calendar) is a 400 that
names the parameter or field, never a server error and never saved."""

import json
from types import SimpleNamespace

import pytest

from apps.assessments.models import Assessment
from apps.interventions.models import Consent
from apps.whatmatters.models import Conversation
from tests.helpers import error_fields, error_pairs
from tests.security.conftest_input import (
    api_as,
    api_schema,
    build_records,
    licensed_in,
    send,
    write_operations,
)

ODD = "2032-01-10T01:33:34+19:56"
PROBLEM = "application/problem+json"
OUT_OF_RANGE = "date_out_of_range"

# Outside the years 1900–2999, as a client may write them (naive, UTC, with an offset).
DATE_TIMES_OUTSIDE = [
    "0001-01-01T00:00:00",
    "0001-01-01T00:00",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:59-10:00",
    "9999-12-31T23:59:59Z",
    "1899-12-31T23:59:59+01:00",
    "3000-01-01T00:00:00Z",
]
DATES_OUTSIDE = ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"]
# The first and last moments and days that are taken, in offsets that cross a year.
DATE_TIMES_INSIDE = [
    "1900-01-01T00:00:00",
    "1900-01-01T00:00:00+14:00",
    "2999-12-31T23:59:59-10:00",
]
DATES_INSIDE = ["1900-01-01", "2999-12-31"]
OUTSIDE = {"date-time": DATE_TIMES_OUTSIDE, "date": DATES_OUTSIDE}
INSIDE = {"date-time": DATE_TIMES_INSIDE, "date": DATES_INSIDE}


@pytest.fixture
def lists(world, life_areas, token_for):
    nurse = licensed_in(world.unit_a)
    build_records(nurse, world.alma, words=lambda tag: f"{tag} text")
    client = api_as(token_for, nurse)
    return SimpleNamespace(client=client, schema=api_schema(client))


def date_parameters(schema):
    """(method, path, parameter name, format) of every date or date-time query parameter."""
    found = []
    for path, item in schema["paths"].items():
        if "{" in path:
            continue
        for method in ("get", "post"):
            for parameter in item.get(method, {}).get("parameters", ()):
                kind = parameter.get("schema", {}).get("format")
                if parameter["in"] == "query" and kind in ("date", "date-time"):
                    found.append((method, path, parameter["name"], kind))
    return found


def call(client, method, path, name, value):
    if method == "post":  # the search by personal identity number reads with a POST
        body = json.dumps({"personal_number": "19121212-1212"})
        query = client.get("/", {name: value}).wsgi_request.META["QUERY_STRING"]
        return client.generic("POST", f"{path}?{query}", body, content_type="application/json")
    return client.get(path, {name: value})


def test_the_walk_finds_every_date_parameter(lists):
    found = date_parameters(lists.schema)
    updated_since = {path for _m, path, name, _k in found if name == "updated_since"}
    assert len(updated_since) >= 10
    assert {"date_from", "due_before", "target_after", "trial_end_before"} - {
        name for *_rest, name, _k in found
    } == {"date_from"}  # the log review's period is a page, not an API list


@pytest.mark.parametrize("kind", ["date-time", "date"])
def test_every_date_parameter_outside_the_years_1900_to_2999_is_400_naming_it(lists, kind):
    failures, checked = [], 0
    for method, path, name, found_kind in date_parameters(lists.schema):
        if found_kind != kind:
            continue
        for value in OUTSIDE[kind]:
            response = call(lists.client, method, path, name, value)
            checked += 1
            if (
                response.status_code != 400
                or response["Content-Type"] != PROBLEM
                or dict(error_pairs(response)).get(name) != OUT_OF_RANGE
            ):
                failures.append(f"{path}?{name}={value}: {response.status_code}")
    assert checked >= (100 if kind == "date-time" else 20)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("kind", ["date-time", "date"])
def test_every_date_parameter_takes_the_first_and_last_day_of_the_range(lists, kind):
    failures = []
    for method, path, name, found_kind in date_parameters(lists.schema):
        if found_kind != kind:
            continue
        for value in INSIDE[kind]:
            response = call(lists.client, method, path, name, value)
            if response.status_code != 200:
                failures.append(f"{path}?{name}={value}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_schema_says_which_years_a_date_parameter_takes(lists):
    for _method, path, name, kind in date_parameters(lists.schema):
        parameter = next(
            p
            for op in lists.schema["paths"][path].values()
            for p in op.get("parameters", ())
            if p["name"] == name
        )
        assert parameter["schema"]["format"] == kind, (path, name)
        assert parameter["schema"]["pattern"] == "^(19|2[0-9])[0-9]{2}", (path, name)
        assert "1900" in parameter["description"] and "2999" in parameter["description"]


def test_an_out_of_range_message_names_the_field_and_the_years(lists):
    response = lists.client.get(
        "/api/v1/recipients/",
        {"updated_since": "0001-01-01T00:00:00"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    problem = json.loads(response.content)
    assert problem["detail"] == (
        "updated_since: Enter a date and time between the years 1900 and 2999."
    )


def test_every_date_parameter_accepts_any_valid_offset(world, token_for, client):
    api = token_for(world.manager)
    checked = 0
    for method, path, name, kind in date_parameters(api_schema(client)):
        if kind != "date-time" or method != "get":
            continue
        response = api.get(path, {name: ODD})
        assert response.status_code == 200, (path, name, response.content[:200])
        checked += 1
    assert checked >= 8


# --- bodies ----------------------------------------------------------------------------------


@pytest.fixture
def writes(world, life_areas, token_for):
    nurse = licensed_in(world.unit_a)
    records = build_records(nurse, world.alma, words=lambda tag: f"{tag} text")
    client = api_as(token_for, nurse)
    schema = api_schema(client)
    ids = {
        "recipients": world.alma.pk,
        "conversations": records.conversation.pk,
        "answers": records.answer.pk,
        "goals": records.goal.pk,
        "interventions": records.intervention.pk,
        "consents": records.consent.pk,
        "assessments": records.assessment.pk,
        "follow-ups": records.followup.pk,
        "care-plans": records.plan_version.pk,
        "technologies": records.technology.pk,
        "life-areas": "sleep",
    }
    return SimpleNamespace(
        world=world,
        nurse=nurse,
        records=records,
        client=client,
        operations=write_operations(client, schema, ids),
    )


def date_slots(operation):
    for name, prop in operation.properties.items():
        if not prop.get("readOnly") and prop.get("format") in ("date", "date-time"):
            yield name, prop["format"]


def test_every_date_field_of_every_body_outside_the_years_1900_to_2999_is_400_naming_it(writes):
    failures, fields = [], set()
    for operation in writes.operations:
        for name, kind in date_slots(operation):
            fields.add(name)
            for value in OUTSIDE[kind]:
                response = send(writes.client, operation, json.dumps({name: value}))
                if response.status_code != 400 or name not in error_fields(response):
                    failures.append(f"{operation} {name}={value}: {response.status_code}")
                elif dict(error_pairs(response))[name] != OUT_OF_RANGE:
                    failures.append(f"{operation} {name}={value}: {error_pairs(response)}")
    assert {"held_at", "given_at", "assessed_at", "done_at", "due_date", "target_date"} <= fields
    assert {"next_due_date", "trial_start", "trial_end", "start_date", "end_date"} <= fields
    assert not failures, "\n".join(failures)


def test_the_schema_says_which_years_a_date_field_takes(writes):
    for operation in writes.operations:
        for name, _kind in date_slots(operation):
            prop = operation.properties[name]
            assert prop.get("pattern") == "^(19|2[0-9])[0-9]{2}", (str(operation), name)


def complete_bodies(w):
    """(path, a complete valid body, its date-time field, the model it creates)."""
    return [
        (
            "/api/v1/conversations/",
            {
                "recipient": str(w.world.alma.pk),
                "location": "phone",
                "answers": [{"life_area": "sleep", "own_words": "Att sova."}],
            },
            "held_at",
            Conversation,
        ),
        (
            "/api/v1/consents/",
            {
                "intervention": str(w.records.intervention.pk),
                "given_by": "person",
                "method": "verbal",
            },
            "given_at",
            Consent,
        ),
        (
            "/api/v1/assessments/",
            {
                "intervention": str(w.records.intervention.pk),
                "kind": "suitability",
                "profession": "nurse",
                "decision": "suitable",
                "rationale": "Passar.",
            },
            "assessed_at",
            Assessment,
        ),
    ]


@pytest.mark.parametrize("value", DATE_TIMES_OUTSIDE)
def test_an_out_of_range_date_time_in_a_complete_body_is_400_and_nothing_is_saved(writes, value):
    for path, body, field, model in complete_bodies(writes):
        before = model.objects.count()
        response = writes.client.post(path, {**body, field: value}, format="json")
        assert response.status_code == 400, (path, value, response.content[:300])
        assert dict(error_pairs(response)) == {field: OUT_OF_RANGE}, (path, value)
        assert model.objects.count() == before


def test_each_complete_body_is_taken_at_the_edges_of_the_range(writes):
    """The bodies above are valid: the refusals are about the date-time. (These moments are in
    the past: the last day of the range is refused as a future conversation or consent.)"""
    for path, body, field, model in complete_bodies(writes):
        for value in DATE_TIMES_INSIDE[:2]:
            before = model.objects.count()
            response = writes.client.post(path, {**body, field: value}, format="json")
            assert response.status_code == 201, (path, value, response.content[:300])
            assert model.objects.count() == before + 1


def test_a_body_date_time_with_an_odd_offset_is_stored_in_local_time(world, token_for, life_areas):
    response = token_for(world.assessor_a).post(
        "/api/v1/conversations/",
        {
            "recipient": str(world.alma.pk),
            "held_at": "2026-01-01T10:00:00+15:30",
            "location": "phone",
            "answers": [{"life_area": "sleep", "own_words": "Att sova."}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
