"""Bad query parameters on the API's lists get a clear 400 (or an ordinary page), never a 500.
Every list and every query parameter comes from the OpenAPI schema."""

import json
from base64 import b64encode as _b64
from types import SimpleNamespace

import pytest

from tests.factories import TechnologyFactory
from tests.helpers import error_fields
from tests.security.conftest_input import (
    api_as,
    api_schema,
    build_records,
    licensed_in,
    list_operations,
)

PROBLEM = "application/problem+json"


@pytest.fixture
def lists(world, life_areas, token_for):
    nurse = licensed_in(world.unit_a)
    build_records(nurse, world.alma, words=lambda tag: f"{tag} text")
    client = api_as(token_for, nurse)
    return SimpleNamespace(client=client, operations=list_operations(api_schema(client)))


def call(client, path, query):
    """GET, or for the search (a POST that only reads) POST a well-formed number."""
    if path.endswith("/search/"):
        body = json.dumps({"personal_number": "19121212-1212"})
        return client.generic("POST", f"{path}?{query}", body, content_type="application/json")
    return client.get(f"{path}?{query}")


def not_400_naming(lists, name, value) -> list[str]:
    """The lists taking `name` that do not answer `name=value` with a 400 naming it."""
    failures = []
    for path, parameters in lists.operations:
        if name not in parameters:
            continue
        response = call(lists.client, path, f"{name}={value}")
        if response.status_code != 400 or name not in error_fields(response):
            failures.append(f"{path}?{name}={value}: {response.status_code}")
    return failures


def b64encode(raw: bytes) -> str:
    return _b64(raw).decode()


def test_the_walk_covers_every_list(lists):
    paths = {path for path, _params in lists.operations}
    assert {"/api/v1/answers/", "/api/v1/recipients/search/", "/api/v1/follow-ups/"} <= paths
    assert len(paths) >= 12


@pytest.mark.parametrize(
    "value",
    ["%00", "a%00b", "%FF%FE", "%C0%AF", "%ED%A0%80", "%E2%80%AE", "x" * 10_001],
    ids=["nul", "inner-nul", "ff-fe", "overlong", "surrogate", "rtl-override", "10000-chars"],
)
def test_a_strange_value_in_any_query_parameter_is_400_or_an_ordinary_page(lists, value):
    failures = []
    for path, parameters in lists.operations:
        for name in parameters:
            response = call(lists.client, path, f"{name}={value}")
            ok = response.status_code == 200 or (
                response.status_code == 400 and response["Content-Type"] == PROBLEM
            )
            if not ok:
                failures.append(f"{path}?{name}={value[:20]}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_nul_in_any_query_parameter_is_400_naming_it(lists):
    failures = []
    for path, parameters in lists.operations:
        for name in parameters:
            response = call(lists.client, path, f"{name}=a%00b")
            if response.status_code != 400 or name not in error_fields(response):
                failures.append(f"{path}?{name}=a%00b: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", ["0", "-1", "abc", "1e3", "%00", "", "2.5"])
def test_a_page_size_that_is_not_a_positive_whole_number_is_400(lists, size):
    failures = []
    for path, parameters in lists.operations:
        if "page_size" not in parameters:
            continue
        response = call(lists.client, path, f"page_size={size}")
        if response.status_code != 400 or "page_size" not in error_fields(response):
            failures.append(f"{path}?page_size={size}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_every_paginated_list_takes_page_size(lists):
    missing = [path for path, parameters in lists.operations if "page_size" not in parameters]
    assert not missing


def test_a_huge_page_size_is_capped_at_200(lists):
    TechnologyFactory.create_batch(205)
    for size in ("201", "100000", "9" * 30):
        response = lists.client.get(f"/api/v1/technologies/?page_size={size}")
        assert response.status_code == 200, size
        body = json.loads(response.content)
        assert len(body["results"]) == 200 and body["next"], size
    for path, parameters in lists.operations:
        if "page_size" in parameters:
            assert call(lists.client, path, "page_size=1000000").status_code == 200, path


@pytest.mark.parametrize("ordering", ["nope", "-nope", "created_at,nope", "password", "%00"])
def test_an_unknown_ordering_is_400_naming_ordering(lists, ordering):
    failures = not_400_naming(lists, "ordering", ordering)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "tail", ["not-a-uuid/", "%00/", "00000000-0000-0000-0000-000000000000/", "%FF/"]
)
def test_a_malformed_or_unknown_id_in_the_path_is_a_4xx_problem_json(lists, tail):
    for path, _parameters in lists.operations:
        if path.endswith("/search/") or path == "/api/v1/life-areas/":
            continue
        response = lists.client.get(path + tail)
        # A NUL in the path is refused before routing (400); anything else is not found.
        assert response.status_code == (400 if "%00" in tail else 404), path + tail
        assert response["Content-Type"] == PROBLEM, path + tail


@pytest.mark.parametrize(
    "cursor",
    ["not-base64!", "%00", b64encode(b"p=not-a-date"), b64encode(b"o=-1"), b64encode(b"r=x")],
    ids=["garbage", "nul", "forged-position", "negative-offset", "bad-reverse"],
)
def test_an_unreadable_or_forged_cursor_is_400_naming_cursor(lists, cursor):
    failures = not_400_naming(lists, "cursor", cursor)
    assert not failures, "\n".join(failures)
    errors = json.loads(call(lists.client, "/api/v1/answers/", f"cursor={cursor}").content)
    expected = "null_characters_not_allowed" if cursor == "%00" else "invalid_cursor"
    assert [e["code"] for e in errors["errors"]] == [expected]


def test_a_cursor_from_the_next_link_still_pages(lists):
    TechnologyFactory.create_batch(3)
    first = json.loads(lists.client.get("/api/v1/technologies/?page_size=2").content)
    second = lists.client.get(first["next"])
    assert second.status_code == 200
    seen = {row["id"] for row in first["results"]}
    assert not seen & {row["id"] for row in json.loads(second.content)["results"]}
