"""Shared pieces of the security tests (input, XSS, protected identity). Not a conftest.py:
the test modules import what they need, so that other helpers' conftest stays theirs.

    add_member(username, unit, role, grant_to=...)   a user with a role (and optional grant)
    api_as(token_for, user)        read-write token client that answers 500 instead of raising
    build_records(actor, recipient, words)   one of every record of a person, via the services
    PAYLOAD, marked(tag), escaped(tag), assert_no_raw_markup(html)
"""

import datetime as dt
import json
from dataclasses import dataclass
from types import SimpleNamespace

from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from apps.assessments.services import assessment_record
from apps.followups.services import followup_complete, followup_schedule
from apps.interventions.services import consent_record, intervention_propose
from apps.organisations.choices import Role
from apps.plans.services import plan_start_draft, plan_version_update
from apps.whatmatters.services import conversation_create, goal_create
from tests.factories import (
    ContactFactory,
    MembershipFactory,
    ProtectedIdentityGrantFactory,
    TechnologyFactory,
    UserFactory,
)
from tests.helpers import error_fields

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
RAW_MARKERS = ("<script>alert(1)", "<img src=x")
SCHEMA_URL = "/api/schema/?format=json"


def marked(tag: str) -> str:
    """The payload behind a tag naming the field it is stored in ("ANS <script>...")."""
    return f"{tag} {PAYLOAD}"


def escaped(tag: str) -> str:
    return escape(marked(tag))


def assert_no_raw_markup(html: str, where: str) -> None:
    lowered = html.lower()
    for raw in RAW_MARKERS:
        assert raw not in lowered, f"{where}: unescaped {raw!r} in the page"


def add_member(username, unit, role, *, grant_to=None, **extra):
    user = UserFactory(username=username, first_name="Test", last_name=username, **extra)
    MembershipFactory(user=user, unit=unit, role=role)
    if grant_to is not None:
        ProtectedIdentityGrantFactory(recipient=grant_to, user=user)
    return user


def licensed_in(unit, username="licensed_a", **kwargs):
    """A licensed professional (sjuksköterska): care role, decides and assesses."""
    return add_member(username, unit, Role.LICENSED_PROFESSIONAL, **kwargs)


def page_client(user):
    """A logged-in client that answers a server error as the 500 page, as a browser sees it."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def nurse_with_records(world):
    """A licensed professional in unit A and one of each record of Alma's, in plain words."""
    nurse = licensed_in(world.unit_a)
    return nurse, build_records(nurse, world.alma, words=lambda tag: f"{tag} text")


def api_as(token_for, user, *, read_only=False):
    """An API client with a token of `user`; a server error is answered (500), not raised, so
    a walk over many endpoints can report every one that fails."""
    client = token_for(user, read_only=read_only)
    client.raise_request_exception = False
    return client


def api_schema(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return json.loads(response.content)


def build_records(actor, recipient, words=marked, *, technology=None):
    """One of each record about `recipient`, made through the services by `actor` (a licensed
    professional who may see the person). `words(tag)` gives the text of each text field."""
    now = timezone.now()
    today = timezone.localdate()
    conversation = conversation_create(
        actor=actor,
        recipient=recipient,
        held_at=now - dt.timedelta(hours=1),
        location="home_visit",
        participants=words("PART"),
        notes=words("CONVNOTE"),
        answers=[
            {
                "life_area": "sleep",
                "own_words": words("ANS"),
                "staff_summary": words("SUMMARY"),
                "importance": 9,
                "performance": 3,
            }
        ],
    )
    answer = conversation.answers.get()
    goal = goal_create(
        actor=actor,
        recipient=recipient,
        answers=[answer],
        own_words=words("GOAL"),
        indicator=words("INDICATOR"),
        target_date=today + dt.timedelta(days=90),
    )
    technology = technology or TechnologyFactory(requires_consent=True)
    intervention = intervention_propose(
        actor=actor,
        recipient=recipient,
        delivery="technology",
        technology=technology,
        title=words("TITLE"),
        rationale=words("RATIONALE"),
        serves_answers=[answer],
        serves_goals=[goal],
        visits_replaced_per_week=3,
    )
    consent = consent_record(
        actor=actor,
        intervention=intervention,
        given_by="person",
        method="verbal",
        given_at=now - dt.timedelta(minutes=5),
        giver_name=words("GIVER"),
    )
    assessment = assessment_record(
        actor=actor,
        intervention=intervention,
        kind="suitability",
        profession="nurse",
        decision="suitable",
        rationale=words("ASSESS"),
    )
    first = followup_schedule(
        actor=actor,
        due_date=today,
        responsible=actor,
        goal=goal,
        intervention=intervention,
    )
    done = followup_complete(
        actor=actor,
        followup=first,
        own_words=words("FOLLOWUP"),
        performance=6,
        still_matters="yes",
        decision="continue",
        notes=words("FUNOTE"),
        next_due_date=today + dt.timedelta(days=30),
    )
    contact = ContactFactory(
        recipient=recipient, name=words("CONTACT")[:200], notes=words("CONTACTNOTE")
    )
    draft = plan_start_draft(actor=actor, recipient=recipient)
    draft = plan_version_update(actor=actor, version=draft, summary=words("PLAN"))
    return SimpleNamespace(
        conversation=conversation,
        answer=answer,
        goal=goal,
        technology=technology,
        intervention=intervention,
        consent=consent,
        assessment=assessment,
        followup_done=done,
        followup=done.next_follow_up,
        contact=contact,
        plan_version=draft,
    )


# --- walking the API from its OpenAPI schema -------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """One documented operation, with a concrete path (ids of real records filled in)."""

    method: str
    template: str
    path: str
    properties: dict  # request body property name -> its schema, $refs resolved
    if_match: str | None = None

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.template}"


def resolve(node: dict, components: dict) -> dict:
    """Follow $ref and single-element allOf until a schema with content is reached."""
    while True:
        if "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[-1]]
        elif len(node.get("allOf", ())) == 1:
            node = {**{k: v for k, v in node.items() if k != "allOf"}, **node["allOf"][0]}
        else:
            return node


def resource_of(template: str) -> str:
    return template.split("/")[3]  # /api/v1/<resource>/...


def record_ids(records, recipient) -> dict:
    """The record each resource's {id} or {code} stands for in the walk."""
    return {
        "recipients": recipient.pk,
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


def concrete_path(template: str, ids: dict) -> str:
    resource = resource_of(template)
    if "{" not in template:
        return template
    assert resource in ids, f"{template}: no record for '{resource}' (add it to record_ids)"
    return template.split("{")[0] + str(ids[resource]) + "/" + template.split("}/", 1)[1]


def _resolved_property(prop: dict, components: dict) -> dict:
    prop = resolve(prop, components)
    if prop.get("type") == "array":
        item = resolve(prop.get("items", {}), components)
        item = {
            **item,
            "properties": {
                name: resolve(sub, components) for name, sub in item.get("properties", {}).items()
            },
        }
        prop = {**prop, "items": item}
    return prop


def write_operations(client, schema: dict, ids: dict) -> list[Operation]:
    """Every POST/PATCH with a request body in the schema. PATCH gets the record's ETag."""
    components = schema["components"]["schemas"]
    operations = []
    for template, item in schema["paths"].items():
        for method in ("post", "patch"):
            if method not in item:
                continue
            content = item[method].get("requestBody", {}).get("content", {})
            body = resolve(content.get("application/json", {}).get("schema", {}), components)
            properties = {
                name: _resolved_property(prop, components)
                for name, prop in body.get("properties", {}).items()
            }
            path = concrete_path(template, ids)
            etag = client.get(path)["ETag"] if method == "patch" else None
            operations.append(Operation(method, template, path, properties, etag))
    return operations


def list_operations(schema: dict) -> list[tuple[str, list[str]]]:
    """(path, query parameter names) of every list: a GET without a path parameter, or a POST
    that takes query parameters (the search by personal identity number)."""
    found = []
    for template, item in schema["paths"].items():
        if "{" in template or not template.startswith("/api/v1/"):
            continue
        for method in ("get", "post"):
            names = [
                p["name"] for p in item.get(method, {}).get("parameters", ()) if p["in"] == "query"
            ]
            if (method == "get" and method in item) or names:
                found.append((template, names))
                break
    return found


def send(client, operation: Operation, body, content_type="application/json", **headers):
    if operation.if_match:
        headers.setdefault("HTTP_IF_MATCH", operation.if_match)
    return client.generic(
        operation.method.upper(), operation.path, body, content_type=content_type, **headers
    )


def describe(operation, response, what="") -> str:
    return f"{operation}{what}: {response.status_code} {response.content[:160]!r}"


def slots(operation: Operation, kinds: tuple[str, ...]):
    """(error path, body builder) for every place in the body that takes a value of one of
    `kinds` ("string", "integer", "number"): top-level fields, items of arrays, and fields
    of objects inside arrays (a conversation's answers)."""
    for name, prop in operation.properties.items():
        if prop.get("readOnly"):
            continue
        kind = prop.get("type")
        if kind in kinds or (kind is None and "string" in kinds):  # enums, oneOf
            yield name, lambda value, name=name: {name: value}
        elif kind == "array":
            item = prop.get("items", {})
            if item.get("type") in kinds:
                yield name, lambda value, name=name: {name: [value]}
            for sub, sub_prop in item.get("properties", {}).items():
                if sub_prop.get("type") in kinds or (
                    sub_prop.get("type") is None and "string" in kinds
                ):
                    yield (
                        f"{name}.0.{sub}",
                        lambda value, name=name, sub=sub: {name: [{sub: value}]},
                    )


def names(response, path: str) -> bool:
    return any(f == path or f.startswith(path + ".") for f in error_fields(response))
