"""The authorization matrix: every page, API operation and admin route × every persona × the
object in each position (own unit, other unit, other organisation, protected person with and
without a grant) → the outcome due. Zero leaks: out of scope is a 404 (never a 403 or a 200)
and no response names a person the caller may not see.

The routes come from the URL resolver and the OpenAPI schema, and a route that is not in
`matrix_registry` fails here until someone says what it may do and for whom. One test per
route: it runs every persona and position and lists ALL mismatches at once (route | persona |
position | expected | got).
"""

import json

import pytest
from django.urls import reverse

from tests.security.matrix_api_registry import API
from tests.security.matrix_checks import (
    Findings,
    expect,
    judge,
    leaks,
    missing_id,
    perform,
)
from tests.security.matrix_registry import (
    ADMIN_MODEL_ACTIONS,
    ADMIN_MODELS,
    ADMIN_OBJECT_ACTIONS,
    ADMIN_SITE_ROUTES,
    PAGES,
)
from tests.security.matrix_routes import (
    admin_route_names,
    api_operation_url_names,
    api_operations,
    fill_path,
    operations_of,
    page_route_names,
    parse_admin_name,
    registered_admin_models,
    unnamed_routes_outside_admin,
    url_kwargs,
    url_routes,
)
from tests.security.matrix_world import (
    ADMIN_STAFF,
    ADMINISTERS,
    PERSONAS,
    UNIT_OF_SET,
    VISIBLE,
)
from tests.security.matrix_world import matrix as matrix  # the fixture

# The marker makes pytest-django create the test database; the module's data lives in one
# outer transaction (the `matrix` fixture), each test in a savepoint inside it.
pytestmark = pytest.mark.django_db

# --- the registry covers every route --------------------------------------------------------


def test_every_page_and_fixed_route_is_in_the_registry():
    found = set(page_route_names())
    assert found - set(PAGES) == set(), "routes missing from matrix_registry.PAGES"
    assert set(PAGES) - found == set(), "entries in matrix_registry.PAGES that no route has"
    assert unnamed_routes_outside_admin() == (), "unnamed routes escape the matrix"


def test_every_api_operation_of_the_served_schema_is_in_the_registry(matrix):
    client = matrix.clients["anonymous"]
    served = client.get(reverse("api:schema"), {"format": "json"})
    assert served.status_code == 200
    operations = set(operations_of(json.loads(served.content)))
    assert operations == set(api_operations()), "the matrix walks another schema than served"
    ids = {op for op, _m, _p in operations}
    assert ids - set(API) == set(), "operations missing from matrix_registry.API"
    assert set(API) - ids == set(), "entries in matrix_registry.API that the schema lacks"
    for op, method, _path in operations:
        assert API[op].method == method, f"{op}: the registry says {API[op].method}"


def test_every_api_url_name_is_an_operation_of_the_schema_or_listed():
    api_names = {name for ns, name, _p, _k in url_routes() if ns == "api" and name}
    assert api_names - api_operation_url_names() - set(PAGES) == set()


def test_every_admin_route_and_registered_model_is_covered():
    registered = set(registered_admin_models())
    assert registered - set(ADMIN_MODELS) == set(), "admin models missing from ADMIN_MODELS"
    assert set(ADMIN_MODELS) - registered == set(), "ADMIN_MODELS lists unregistered models"
    unknown = [
        name
        for name in admin_route_names()
        if name not in ADMIN_SITE_ROUTES and parse_admin_name(name, ADMIN_MODEL_ACTIONS) is None
    ]
    assert unknown == [], "admin routes the matrix does not know"


def test_every_object_route_names_its_object():
    for name in page_route_names():
        route = PAGES.get(name)
        if route is not None and url_kwargs()[name]:
            assert route.obj, f"{name} takes {url_kwargs()[name]} but names no object"


# --- pages and fixed routes -----------------------------------------------------------------


def _request_text(path, data) -> str:
    return path + " " + json.dumps(data, default=str)


def _check_content(findings, route, matrix, persona, set_name, expected, got, request_text):
    if got.status is None:
        return
    found = leaks(matrix, persona, got, request_text, ids=not route.ids_ok)
    if found:
        findings.add(persona, set_name, expected, got, f"LEAK {', '.join(found)}")
    if expected != "ok" or got.status >= 300:
        return
    visible = set_name is not None and set_name in VISIBLE[persona]
    if route.search and visible and matrix.sets[set_name].recipient.family_name not in got.body:
        findings.add(persona, set_name, expected, got, "the search misses a visible person")
    if route.shows and set_name is None:
        shown = {str(getattr(matrix.sets[name], route.shows).pk) for name in VISIBLE[persona]}
        for name in sorted(VISIBLE[persona]):
            if str(getattr(matrix.sets[name], route.shows).pk) not in got.body:
                findings.add(persona, name, expected, got, f"the list misses {route.shows}")
        # ... and nothing of the sets the persona does not see (units and staff are no
        # person's records, so the leak check above does not look for them).
        for name in sorted(set(matrix.sets) - VISIBLE[persona]):
            pk = str(getattr(matrix.sets[name], route.shows).pk)
            if pk not in shown and pk in got.body:
                findings.add(persona, name, expected, got, f"the list shows {route.shows}")


def _run(findings, matrix, route, persona, set_name, path, data, *, api, headers=None):
    client = matrix.clients[persona]
    got = perform(client, route.method, path, data=data, api=api, headers=headers)
    findings.requests += 1
    expected = expect(route, persona, set_name, api=api)
    problem = judge(expected, got, api=api, ref=route.ref, login_ok=route.login_ok)
    if problem:
        findings.add(persona, set_name, expected, got, problem)
    _check_content(
        findings, route, matrix, persona, set_name, expected, got, _request_text(path, data)
    )


@pytest.mark.parametrize("name", page_route_names())
def test_page_route(matrix, name):
    route = PAGES.get(name)
    if route is None:
        pytest.fail(f"{name} is not in matrix_registry.PAGES: say who may use it")
    api = name.startswith("api:")
    findings = Findings(name)
    for persona in PERSONAS:
        for set_name in route.sets:
            s = matrix.sets[set_name] if set_name else None
            obj = getattr(s, route.obj) if s is not None and route.obj else None
            kwargs = dict.fromkeys(url_kwargs()[name], obj.pk) if obj is not None else {}
            path = reverse(name, kwargs=kwargs or None)
            data = route.body(matrix, s) if route.body else None
            if route.query and obj is not None:
                data = {route.query: str(obj.pk)}
            _run(findings, matrix, route, persona, set_name, path, data, api=api)
    assert not findings.rows, findings.report()


# --- API operations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "method", "template"), api_operations(), ids=[op for op, *_ in api_operations()]
)
def test_api_operation(matrix, operation, method, template):
    route = API.get(operation)
    if route is None:
        pytest.fail(f"{operation} is not in matrix_registry.API: say who may use it")
    findings = Findings(f"{method.upper()} {template} ({operation})")
    for persona in PERSONAS:
        for set_name in route.sets:
            s = matrix.sets[set_name] if set_name else None
            obj = None
            if route.obj:
                obj = getattr(s, route.obj) if s is not None else getattr(matrix, route.obj)
            path = fill_path(template, obj)
            data = route.body(matrix, s) if route.body else None
            headers = {"If-Match": f'"v{obj.version}"'} if route.if_match else None
            _run(findings, matrix, route, persona, set_name, path, data, api=True, headers=headers)
    assert not findings.rows, findings.report()


# --- the Django admin -----------------------------------------------------------------------
#
# Only staff administrators (admin_user) and superusers get in; everyone else is sent to a
# login page (or gets 403). Inside, an object out of the admin persona's scope must answer
# exactly as an id that does not exist (same status, same redirect), and name no one.


def _admin_denied(got) -> bool:
    admin_paths = {reverse("admin:login"), reverse("admin:index"), reverse("accounts:login")}
    return got.status == 403 or (got.status in (302, 303) and got.location_path in admin_paths)


def _admin_sees(model_rules, persona, set_name) -> bool:
    if model_rules.scope == "person":
        return set_name in VISIBLE[persona]
    if model_rules.scope == "unit":
        return UNIT_OF_SET[set_name] in ADMINISTERS.get(persona, set())
    return True


def _history_id(obj):
    history = getattr(obj, "history", None)
    latest = history.order_by("-history_id").first() if history is not None else None
    return latest.history_id if latest is not None else 987654321


class AdminRoute:
    """How to build the URL of one admin route for an object (or for an id that no row has)."""

    def __init__(self, matrix, name):
        self.matrix, self.name = matrix, name
        self.kind = ADMIN_SITE_ROUTES.get(name)
        self.label = self.action = None
        self.rules = None
        if self.kind is None:
            parsed = parse_admin_name(name, ADMIN_MODEL_ACTIONS)
            if parsed is None:
                pytest.fail(f"{name}: an admin route the matrix does not know")
            self.label, self.action = parsed
            self.rules = ADMIN_MODELS.get(self.label)
            if self.rules is None:
                pytest.fail(f"{self.label} is not in matrix_registry.ADMIN_MODELS")
        elif self.kind == "user_password":
            self.rules = ADMIN_MODELS["accounts.user"]
        elif self.kind == "view_on_site":
            self.rules = ADMIN_MODELS["recipients.carerecipient"]
        self.model = registered_admin_models().get(self.label)

    @property
    def per_object(self) -> bool:
        if self.kind in ("view_on_site", "user_password"):
            return True
        return self.action in ADMIN_OBJECT_ACTIONS and self.rules.obj is not None

    @property
    def sets(self):
        return self.rules.sets

    def obj(self, set_name):
        attr = self.rules.obj
        if set_name is None:
            return getattr(self.matrix, attr)
        return getattr(self.matrix.sets[set_name], attr)

    def url(self, obj=None) -> str:
        from django.contrib.contenttypes.models import ContentType

        from apps.recipients.models import CareRecipient

        name, kind = self.name, self.kind
        if kind == "app_list":
            return reverse(name, kwargs={"app_label": "recipients"})
        if kind == "view_on_site":
            content_type = ContentType.objects.get_for_model(CareRecipient)
            return reverse(
                name, args=[content_type.pk, obj.pk if obj else missing_id(CareRecipient)]
            )
        if kind == "user_password":
            from apps.accounts.models import User

            return reverse(name, args=[obj.pk if obj else missing_id(User)])
        if kind == "device":
            return reverse(name, args=[self.matrix.totp_device.pk])
        if kind is not None or self.action in ("changelist", "add"):
            return reverse(name)
        object_id = obj.pk if obj is not None else missing_id(self.model)
        if self.action == "simple_history":
            history_id = _history_id(obj) if obj is not None else 987654321
            return reverse(name, args=[object_id, history_id])
        return reverse(name, args=[object_id])

    def method(self) -> str:
        return "post" if self.kind == "logout" else "get"


def _admin_shows(findings, route, matrix, persona, got):
    """A changelist of our models lists the rows the admin persona may see."""
    if route.action != "changelist" or route.rules.obj is None or got.status != 200:
        return
    if route.rules.scope not in ("person", "unit"):
        return
    for set_name in route.rules.sets:
        if _admin_sees(route.rules, persona, set_name):
            obj = getattr(matrix.sets[set_name], route.rules.obj)
            if str(obj.pk) not in got.body:
                findings.add(persona, set_name, "listed", got, "the changelist misses a row")


@pytest.mark.parametrize("name", admin_route_names())
def test_admin_route(matrix, name):
    route = AdminRoute(matrix, name)
    findings = Findings(name)

    def run(persona, url, set_name=None):
        got = perform(
            matrix.clients[persona],
            route.method(),
            url,
            data={} if route.method() == "post" else None,
        )
        findings.requests += 1
        ids = route.rules is None or not route.rules.ids_ok
        found = leaks(matrix, persona, got, url, ids=ids)
        if found:
            findings.add(persona, set_name, "no leak", got, f"LEAK {', '.join(found)}")
        return got

    for persona in PERSONAS:
        if route.kind in ("login", "logout"):
            got = run(persona, route.url())
            if got.status is None or got.status >= 500:
                findings.add(persona, None, "any answer", got, "server error")
            continue
        if persona not in ADMIN_STAFF:
            first = route.sets[0] if route.per_object else None
            got = run(persona, route.url(route.obj(first) if route.per_object else None), first)
            if not _admin_denied(got):
                findings.add(persona, first, "admin login or 403", got, "let into the admin")
            continue
        if not route.per_object:
            got = run(persona, route.url())
            if got.status is None or got.status >= 500:
                findings.add(persona, None, "200 or 403", got, "server error")
            elif route.rules is not None:
                _admin_shows(findings, route, matrix, persona, got)
            continue
        missing = run(persona, route.url())
        for set_name in route.sets:
            got = run(persona, route.url(route.obj(set_name)), set_name)
            if got.status is None or got.status >= 500:
                findings.add(persona, set_name, "no server error", got, "server error")
            elif route.kind != "view_on_site" and _admin_sees(route.rules, persona, set_name):
                if got.status == 404 or got.redirects_to(reverse("admin:index")):
                    findings.add(persona, set_name, "found", got, "answered as not found")
            elif route.kind == "view_on_site" and set_name in VISIBLE[persona]:
                continue
            elif (got.status, got.location_path) != (missing.status, missing.location_path):
                findings.add(
                    persona, set_name, f"as a missing id ({missing})", got, "existence leaks"
                )
    assert not findings.rows, findings.report()
