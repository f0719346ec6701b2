"""Bad request bodies get a clear 4xx (problem+json), never a 500, on every API operation that
takes a body. The operations come from the OpenAPI schema, so a new endpoint is walked too.

The caller is a licensed professional of unit A with a read-write token: the role that may do
the most (hold conversations, propose, assess, follow up), so refusals are about the body."""

import json
from types import SimpleNamespace

import pytest

from apps.assessments.models import Assessment
from apps.followups.models import FollowUp
from apps.interventions.models import Consent, Intervention
from apps.plans.models import CarePlanVersion
from apps.recipients.models import CareRecipient
from apps.whatmatters.models import Answer, Conversation, Goal
from tests.security.conftest_input import (
    api_as,
    api_schema,
    build_records,
    describe,
    licensed_in,
    names,
    record_ids,
    send,
    slots,
    write_operations,
)

PROBLEM = "application/problem+json"
COUNTED = (
    CareRecipient,
    Conversation,
    Answer,
    Goal,
    Intervention,
    Consent,
    Assessment,
    FollowUp,
    CarePlanVersion,
)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def walk(world, life_areas, token_for):
    nurse = licensed_in(world.unit_a)
    records = build_records(nurse, world.alma, words=lambda tag: f"{tag} text")
    client = api_as(token_for, nurse)
    operations = write_operations(client, api_schema(client), record_ids(records, world.alma))
    return SimpleNamespace(client=client, operations=operations, before=counts())


def check(walk, expect, make_body, content_type="application/json", what=""):
    """Send make_body(operation) to every operation; return what did not answer as expected."""
    failures = []
    for operation in walk.operations:
        body = make_body(operation)
        if body is None:
            continue
        response = send(walk.client, operation, body, content_type=content_type)
        if not expect(operation, response):
            failures.append(describe(operation, response, what))
    return failures


def problem(status):
    def expect(operation, response):
        return response.status_code == status and response["Content-Type"] == PROBLEM

    return expect


def test_the_walk_covers_every_write_operation(walk):
    documented = {str(operation) for operation in walk.operations}
    assert len(documented) >= 29
    assert "POST /api/v1/conversations/" in documented
    assert "PATCH /api/v1/care-plans/{id}/" in documented
    text_slots = [path for op in walk.operations for path, _b in slots(op, ("string",))]
    number_slots = [path for op in walk.operations for path, _b in slots(op, ("integer", "number"))]
    assert "answers.0.own_words" in text_slots and len(text_slots) >= 60
    assert "answers.0.importance" in number_slots and len(number_slots) >= 8


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", "reason=hej"),
        ("application/xml", "<reason>hej</reason>"),
        ("application/x-www-form-urlencoded", "reason=hej"),
        ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"'),
        ("", "{}"),
    ],
    ids=["text", "xml", "form", "multipart", "none"],
)
def test_a_body_that_is_not_json_is_415(walk, content_type, body):
    failures = check(walk, problem(415), lambda op: body, content_type=content_type)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


@pytest.mark.parametrize(
    "body",
    ["{", '{"reason": }', "{'reason': 'x'}", '{"reason": "x"} trailing', "\ufeff{}"],
    ids=["unclosed", "no-value", "single-quotes", "trailing", "bom"],
)
def test_malformed_json_is_400(walk, body):
    failures = check(walk, problem(400), lambda op: body.encode())
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "body",
    [b'{"reason": "\xff\xfe"}', b'{"reason": "\xc3"}', b'{"reason": "\xed\xa0\x80"}'],
    ids=["ff-fe", "truncated", "encoded-surrogate"],
)
def test_invalid_utf8_is_400(walk, body):
    failures = check(walk, problem(400), lambda op: body)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


@pytest.mark.parametrize("body", ["[{}]", "[]", '"text"', "42", "true", "null"])
def test_a_body_that_is_not_an_object_is_400(walk, body):
    failures = check(walk, problem(400), lambda op: body)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


@pytest.mark.parametrize(
    "body",
    [
        "[" * 10_000 + "]" * 10_000,
        '{"a":' * 10_000 + "1" + "}" * 10_000,
        '{"reason": ' + "[" * 600 + "]" * 600 + "}",
        '{"serves_answers": ' + "[" * 600 + "]" * 600 + "}",
    ],
    ids=["arrays-10000", "objects-10000", "field-600", "ids-600"],
)
def test_deeply_nested_json_is_400(walk, body):
    failures = check(walk, problem(400), lambda op: body)
    assert not failures, "\n".join(failures)


def test_a_key_given_twice_is_400_naming_it(walk):
    def body(operation):
        name = next(iter(operation.properties), "reason")
        return f'{{"{name}": "a", "{name}": "b"}}'

    def expect(operation, response):
        name = next(iter(operation.properties), "reason")
        detail = json.loads(response.content).get("detail", "") if response.content else ""
        return problem(400)(operation, response) and name in detail

    failures = check(walk, expect, body)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_400(walk, constant):
    def body(operation):
        name = next(iter(operation.properties), "reason")
        return f'{{"{name}": {constant}}}'

    failures = check(walk, problem(400), body)
    assert not failures, "\n".join(failures)


def test_a_body_over_one_megabyte_is_413(walk):
    big = json.dumps({"reason": "x" * (1024 * 1024)})
    failures = check(walk, problem(413), lambda op: big)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


def each_slot(walk, kinds, value_for, expect_field=True, raw=None):
    """Send one body per slot; a 400 that names the slot is expected."""
    failures = []
    for operation in walk.operations:
        for path, build in slots(operation, kinds):
            if raw is not None:
                body = json.dumps(build("__RAW__")).replace('"__RAW__"', raw)
            else:
                body = json.dumps(build(value_for))
            response = send(walk.client, operation, body)
            named = names(response, path) if expect_field else True
            if not (problem(400)(operation, response) and named):
                failures.append(describe(operation, response, f" [{path}]"))
    return failures


def test_a_nul_character_in_any_field_is_400_naming_the_field(walk):
    failures = each_slot(walk, ("string",), "a\x00b")
    failures += each_slot(walk, ("integer", "number", "boolean"), "\x00")
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


def test_ten_thousand_characters_in_any_text_field_are_400_naming_the_field(walk):
    failures = each_slot(walk, ("string",), "x" * 10_001)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before


@pytest.mark.parametrize(
    "number",
    ["1e400", "-1e400", "1" + "0" * 400, '"1e400"', '"1' + "0" * 400 + '"'],
    ids=["1e400", "-1e400", "401-digits", "1e400-as-text", "401-digits-as-text"],
)
def test_a_number_out_of_range_is_400_naming_the_field(walk, number):
    failures = each_slot(walk, ("integer", "number"), None, raw=number)
    assert not failures, "\n".join(failures)
    assert counts() == walk.before
