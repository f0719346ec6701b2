"""Running one request of the matrix and judging its outcome.

Every request runs in a savepoint that is rolled back, and the client's cookies are put back
afterwards (a logout or a language switch must not change the next request's persona).
"""

import copy
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import reverse

from tests.helpers import error_fields
from tests.security.matrix_world import (
    DESCRIPTION,
    MANAGES,
    READ_ONLY_TOKENS,
    REVIEWS,
    TOKEN_PERSONAS,
    UNIT_OF_SET,
    UNITS_IN_SCOPE,
    VISIBLE,
    has_role,
    has_role_anywhere,
    position,
)

SAFE_METHODS = ("get", "head", "options")
RECORD_ATTRS = (
    "recipient",
    "contact",
    "conversation",
    "answer",
    "goal",
    "intervention",
    "intervention_accepted",
    "intervention_trial",
    "intervention_active",
    "consent",
    "assessment",
    "followup",
    "plan_approved",
    "plan_submitted",
)


@dataclass
class Got:
    status: int | None
    location: str = ""
    content_type: str = ""
    body: str = ""
    error: str = ""
    cache_control: str = ""

    def __str__(self) -> str:
        if self.error:
            return f"exception {self.error}"
        where = f" → {self.location}" if self.location else ""
        return f"{self.status}{where}"

    @property
    def location_path(self) -> str:
        return urlsplit(self.location).path if self.location else ""

    def redirects_to(self, path: str) -> bool:
        return self.status in (301, 302, 303) and self.location_path == path

    def error_fields(self) -> set[str]:
        return error_fields(self.body)


def perform(client, method, path, *, data=None, api=False, headers=None) -> Got:
    cookies = copy.deepcopy(client.cookies)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
    try:
        with transaction.atomic():
            if method in SAFE_METHODS:
                response = getattr(client, method)(path, data, **extra)
            elif api:
                response = getattr(client, method)(path, data or {}, format="json", **extra)
            else:
                response = getattr(client, method)(path, data or {}, **extra)
            transaction.set_rollback(True)
    except Exception as exc:  # a 500 is a finding, reported with the others
        return Got(None, error=f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        client.cookies = cookies
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Got(
        response.status_code,
        location=response.get("Location", ""),
        content_type=response.get("Content-Type", ""),
        body=body.decode("utf-8", "replace"),
        cache_control=response.get("Cache-Control", ""),
    )


# --- expectations -----------------------------------------------------------------------------


def sees(scope: str, persona: str, set_name: str) -> bool:
    if scope == "person":
        return set_name in VISIBLE[persona]
    if scope == "unit":
        return UNIT_OF_SET[set_name] in UNITS_IN_SCOPE[persona]
    if scope == "managed":
        return UNIT_OF_SET[set_name] in MANAGES.get(persona, set())
    if scope == "review":
        return UNIT_OF_SET[set_name] in REVIEWS.get(persona, set())
    raise ValueError(scope)


def expect(route, persona: str, set_name: str | None, *, api: bool) -> str:
    """The outcome class due: ok, 404, 403, login, ref-refused."""
    if route.public:
        return "ok"
    if persona == "anonymous" or (not api and persona in TOKEN_PERSONAS):
        return "login"
    writes = route.method not in SAFE_METHODS and not route.read_only_ok
    if api and persona in READ_ONLY_TOKENS and writes:
        return "403"
    if route.gate and not has_role_anywhere(persona, route.gate):
        return "403"
    if set_name is None or route.search:
        return "ok"
    if not sees(route.scope, persona, set_name):
        return "ref-refused" if route.ref else "404"
    if route.roles and not has_role(persona, set_name, route.roles):
        return "403"
    return "ok"


LOGIN_PATH = None


def _login_path() -> str:
    global LOGIN_PATH
    if LOGIN_PATH is None:
        LOGIN_PATH = reverse("accounts:login")
    return LOGIN_PATH


def judge(expected: str, got: Got, *, api: bool, ref=None, login_ok=False) -> str | None:
    """None when `got` is of the `expected` class, else what is wrong."""
    if got.error or got.status is None or got.status >= 500:
        return "server error"
    if "no-store" not in got.cache_control:  # every answer may name a person: never cached
        return f"cacheable (Cache-Control: {got.cache_control!r})"
    status = got.status
    if expected == "ok":
        if status in (401, 403, 404, 405):
            return "refused"
        if got.redirects_to(_login_path()) and not login_ok:
            return "refused"
        if ref and status == 400 and any(f.startswith(ref) for f in got.error_fields()):
            return f"400 naming '{ref}': a visible object refused as if it did not exist"
        return None
    if expected == "404":
        return None if status == 404 else "not a 404"
    if expected == "403":
        return None if status == 403 else "not a 403"
    if expected == "login":
        if api:
            is_problem = got.content_type.startswith("application/problem+json")
            return None if status == 401 and is_problem else "not a 401 problem+json"
        return None if got.redirects_to(_login_path()) else "not a redirect to the login page"
    if expected == "ref-refused":
        if status == 404:
            return None
        if status == 400 and any(f.startswith(ref) for f in got.error_fields()):
            return None
        return f"not a 400 naming '{ref}' (nor a 404)"
    raise ValueError(expected)


# --- leaks ------------------------------------------------------------------------------------


def person_tokens(object_set) -> list[str]:
    recipient = object_set.recipient
    number = recipient.personal_number  # YYYYMMDD-NNNN
    digits = number.replace("-", "")
    return [recipient.family_name, number, digits, number[2:], digits[2:]]


def id_tokens(object_set) -> list[str]:
    return [str(getattr(object_set, attr).pk) for attr in RECORD_ATTRS]


def leaks(world, persona: str, got: Got, request_text: str, *, ids=True) -> list[str]:
    """What of the people `persona` may not see shows in the response (body or Location):
    their names, personal identity numbers and the ids of their records (unless the request
    itself carried that id)."""
    text = got.body + "\n" + got.location
    found = []
    for name, object_set in world.sets.items():
        if name in VISIBLE[persona]:
            continue
        tokens = person_tokens(object_set) + (id_tokens(object_set) if ids else [])
        for token in tokens:
            if token in text and token not in request_text:
                found.append(f"{name}:{token}")
    return found


# --- reporting --------------------------------------------------------------------------------


@dataclass
class Findings:
    route: str
    rows: list = field(default_factory=list)
    requests: int = 0

    def add(self, persona, set_name, expected, got, problem):
        where = "-" if set_name is None else f"{set_name} ({position(persona, set_name)})"
        self.rows.append(
            f"  {self.route} | {persona} [{DESCRIPTION[persona]}] | {where} | "
            f"expected {expected} | got {got} | {problem}"
        )

    def report(self) -> str:
        return f"{len(self.rows)} mismatch(es) in {self.requests} requests:\n" + "\n".join(
            self.rows
        )


def missing_id(model) -> str:
    """An id of `model` that no row has."""
    from django.db import models

    if isinstance(model._meta.pk, models.UUIDField):
        return str(uuid.uuid4())
    return "987654321"
