"""The published schema says what the server enforces: If-Match (required-ness and pattern),
PATCH `{}`, ETag / 304 on If-None-Match, byte-exact idempotent replays, and every operation
described for integrators in English."""

import re

import pytest

from apps.audit.models import AccessLog
from tests.factories import (
    AnswerFactory,
    CarePlanFactory,
    CarePlanVersionFactory,
    ConversationFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
)

METHODS = ("get", "post", "patch", "put", "delete")


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


@pytest.fixture
def records(world, life_areas):
    alma = world.alma
    conversation = ConversationFactory(recipient=alma)
    answer = AnswerFactory(conversation=conversation, life_area=life_areas["sleep"])
    intervention = InterventionFactory(recipient=alma, serves_answers=[answer])
    return {
        "recipients": alma,
        "answers": answer,
        "goals": GoalFactory(recipient=alma, answers=[answer]),
        "interventions": intervention,
        "follow-ups": FollowUpFactory(intervention=intervention, responsible=world.staff_a),
        "care-plans": CarePlanVersionFactory(plan=CarePlanFactory(recipient=alma)),
    }


def concrete(path, records):
    resource = path.split("/")[3]
    return path.replace("{id}", str(records[resource].pk)) if resource in records else None


def if_match_of(op):
    return next((p for p in op.get("parameters", []) if p["name"] == "If-Match"), None)


def test_if_match_is_enforced_exactly_as_the_schema_declares(schema, world, records, token_for):
    client = token_for(world.manager)
    checked = 0
    for path, method, op in operations(schema):
        if method not in ("post", "patch") or "{id}" not in path:
            continue
        url = concrete(path, records)
        if url is None:
            continue
        declared = if_match_of(op)
        missing = getattr(client, method)(url, {}, format="json")
        garbled = getattr(client, method)(url, {}, format="json", HTTP_IF_MATCH="garbage")
        garbled_fields = [e["field"] for e in garbled.json().get("errors", [])]
        if declared is None:
            assert missing.status_code != 428, f"{method} {path}"
            assert "If-Match" not in garbled_fields, f"{method} {path} reads an undeclared If-Match"
            continue
        checked += 1
        assert declared["schema"]["pattern"] == r'^(W/)?"v[0-9]+"$', f"{method} {path}"
        assert not re.match(declared["schema"]["pattern"], "garbage")
        if declared.get("required"):
            assert missing.status_code == 428, f"{method} {path}"
        else:
            assert missing.status_code != 428, f"{method} {path}: optional but 428"
        assert garbled.status_code == 400 and garbled_fields == ["If-Match"], f"{method} {path}"
    assert checked == 18  # 6 PATCHes and 12 lifecycle actions


def test_an_empty_patch_is_accepted_wherever_the_schema_requires_no_field(
    schema, world, records, token_for
):
    client = token_for(world.manager)
    components = schema["components"]["schemas"]
    for path, method, op in operations(schema):
        if method != "patch":
            continue
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        if components[ref.rsplit("/", 1)[1]].get("required"):
            continue
        url = concrete(path, records)
        etag = client.get(url)["ETag"]
        record = records[path.split("/")[3]]
        history_rows = type(record).history.filter(id=record.pk).count()
        response = client.patch(url, {}, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200, (path, response.content)
        # Nothing sent, nothing changed: the same version, and no history row.
        assert response["ETag"] == etag == client.get(url)["ETag"], path
        assert type(record).history.filter(id=record.pk).count() == history_rows, path


def test_a_matching_if_none_match_is_a_logged_304_and_a_stale_one_a_200(
    schema, world, records, token_for
):
    client = token_for(world.manager)
    for path, method, op in operations(schema):
        if method != "get" or "304" not in op["responses"]:
            continue
        url = concrete(path, records)
        first = client.get(url)
        etag = first["ETag"]
        assert etag == f'"v{records[path.split("/")[3]].version}"'
        logged = AccessLog.objects.filter(path=url).count()
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, path
        assert again["ETag"] == etag and again.content == b""
        assert AccessLog.objects.filter(path=url).count() == logged + 1
        stale = client.get(url, HTTP_IF_NONE_MATCH='"v999"')
        assert stale.status_code == 200 and stale.json()["id"]
    documented = [p for p, m, op in operations(schema) if "304" in op["responses"]]
    assert len(documented) == len(records)


def test_creates_and_actions_send_the_current_etag(world, records, token_for):
    client = token_for(world.manager)
    version = records["care-plans"]
    submitted = client.post(f"/api/v1/care-plans/{version.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200
    assert submitted["ETag"] == client.get(f"/api/v1/care-plans/{version.pk}/")["ETag"]
    answer = records["answers"]
    new = client.post(
        f"/api/v1/answers/{answer.pk}/supersede/", {"own_words": "Nya ord."}, format="json"
    )
    assert new.status_code == 201
    assert new["ETag"] == client.get(new["Location"])["ETag"]


def test_an_idempotent_replay_is_the_first_response_byte_for_byte(world, records, token_for):
    client = token_for(world.manager)
    body = {
        "recipient": str(world.alma.pk),
        "answers": [str(records["answers"].pk)],
        "own_words": "Att kunna gå till affären själv.",
        "indicator": "Går till affären en gång i veckan.",
    }
    first = client.post("/api/v1/goals/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    replay = client.post("/api/v1/goals/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.content == first.content
    for header in ("Content-Type", "ETag", "Location"):
        assert replay[header] == first[header]


DEVELOPER_WORDS = re.compile(
    r"\b(mixin|drf|viewset|queryset|serializer|todo|fixme|perform_\w+)\b", re.IGNORECASE
)
SWEDISH_WORDS = re.compile(
    r"\b(och|att|för|är|inte|eller|med|som|krävs|ger|måste|den|det|ett|av|på|till)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r'"[^"]*"|`[^`]*`')


def test_every_operation_is_described_for_integrators_in_english(schema):
    for path, method, op in operations(schema):
        text = f"{op.get('summary', '')}\n{op.get('description', '')}"
        where = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("description"), f"{where} is undescribed"
        assert not DEVELOPER_WORDS.search(text), f"{where}: {DEVELOPER_WORDS.search(text)[0]}"
        unquoted = QUOTED.sub("", text)
        assert not re.search("[åäöÅÄÖ]", unquoted), f"{where} has Swedish text"
        assert not SWEDISH_WORDS.search(unquoted), f"{where}: {SWEDISH_WORDS.search(unquoted)[0]}"


def test_the_schema_is_served_in_english(schema):
    assert schema["components"]["schemas"]["PlanVersionStatusEnum"]["description"].count("Draft")


def test_every_parameter_is_described_in_english(schema):
    for path, method, op in operations(schema):
        for parameter in op.get("parameters", []):
            text = QUOTED.sub("", parameter.get("description", ""))
            where = f"{method.upper()} {path} {parameter['name']}"
            assert not re.search("[åäöÅÄÖ]", text), f"{where} has Swedish text: {text}"


def test_api_errors_follow_accept_language(world, token_for):
    client = token_for(world.staff_a)
    sv = client.post("/api/v1/goals/", {}, format="json")
    en = client.post("/api/v1/goals/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert sv.status_code == en.status_code == 400
    assert sv.json()["title"] == "Ogiltig begäran"
    assert en.json()["title"] == "Bad request"
    assert [e["code"] for e in sv.json()["errors"]] == [e["code"] for e in en.json()["errors"]]
