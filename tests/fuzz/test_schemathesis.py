"""Schemathesis against /api/schema/: every operation with generated inputs and ALL checks
(no server errors, responses that conform to the schema, documented status codes and content
types, invalid input refused, valid input accepted), then stateful sequences that chain
operations (create → read → change) through ids and Location headers.

Bounded in `make test` (SCHEMATHESIS_MAX_EXAMPLES, default 15 per operation; stateful steps
SCHEMATHESIS_STATEFUL_STEPS); `make fuzz` runs it longer."""

import json
import os
import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from carecenter.wsgi import application
from tests.demo_copy import load_demo

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"))
STATEFUL_STEPS = int(os.environ.get("SCHEMATHESIS_STATEFUL_STEPS", "10"))

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# Outcomes that a schema-valid request may legitimately get from a stateful API, beyond
# Schemathesis's defaults: 412/428 (the If-Match was stale or missing — the schema cannot know
# the current version) ...
STATEFUL_OUTCOMES = {412, 428}
# ... and a 400 whose every error is one of these rules that JSON Schema cannot express: a
# referenced id that is not in the caller's scope (generated ids are random UUIDs), a user who
# is not a colleague there, a value missing from data-driven choices (life areas), a personal
# identity number whose check digit or date is wrong, a lone UTF-16 surrogate or a NUL
# character (valid JSON escapes that no care record may hold), a page cursor that the server
# did not make (cursors are opaque: only the `next`/`previous` links hold valid ones), a
# supersede whose new answer is the old one word for word (it depends on the stored answer).
UNEXPRESSIBLE_ERRORS = {
    "invalid_cursor",
    "unchanged",
    "does_not_exist",
    "not_colleague",
    "invalid_choice",
    "checksum",
    "date",
    "future",
    "serial",
    "surrogate_characters_not_allowed",
    "null_characters_not_allowed",
}


def _only_missing_references(response) -> bool:
    if response.status_code != 400:
        return False
    try:
        errors = json.loads(response.content).get("errors") or []
    except ValueError:
        return False
    return bool(errors) and all(e.get("code") in UNEXPRESSIBLE_ERRORS for e in errors)


@schemathesis.check
def positive_data_accepted_unless_state_refuses(ctx, response, case):
    if response.status_code in STATEFUL_OUTCOMES or _only_missing_references(response):
        return None
    return positive_data_acceptance(ctx, response, case)


# The token's secret is fixed for this run so that Schemathesis can use it from the start;
# the fixture stores its digest (as knox does) for the demo integration user.
RAW_TOKEN = secrets.token_hex(32)


@schema.auth()
class IntegrationToken:
    """How Schemathesis authenticates (and, for its auth checks, how it leaves it out)."""

    def get(self, case, context):
        return RAW_TOKEN

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Token {data}"


@pytest.fixture
def api_token(transactional_db):
    """A read-write token of the municipality's demo integration (an assessor's role in the
    demo home-care and special-housing units: it may register people and propose
    interventions) over the demo municipality's data and activity."""
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    from apps.accounts.models import ApiToken, User

    load_demo()  # once per process, then copied back (tests/demo_copy.py)
    ApiToken(
        digest=hash_token(RAW_TOKEN),
        token_key=RAW_TOKEN[: CONSTANTS.TOKEN_KEY_LENGTH],
        user=User.objects.get(username="kommun-integration"),
        name="schemathesis",
        read_only=False,
    ).save()
    return RAW_TOKEN


CHECK_ARGS = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [positive_data_accepted_unless_state_refuses],
}


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_conforms(case, api_token):
    case.call_and_validate(**CHECK_ARGS)


@pytest.mark.django_db(transaction=True)
def test_stateful_sequences_conform(api_token):
    machine = schema.as_state_machine()

    class Sequences(machine):
        def validate_response(self, response, case, **kwargs):
            case.validate_response(response, **CHECK_ARGS)

    Sequences.run(
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
