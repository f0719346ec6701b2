"""A search is logged whatever it finds: a read of each person found, or one denied row
without a person when it found no one — the same row for a protected person's number, another
unit's person's number and a number of no one, and never the number itself."""

import pytest
from django.urls import reverse

from apps.audit.models import AccessLog
from tests.audit.helpers import ADDRESS, last_id, rows_since
from tests.factories import make_test_number

API = "/api/v1/recipients/search/"


def searched_for(world, whose):
    return {
        "protected": world.hemlig.personal_number,
        "other_unit": world.bo.personal_number,
        "no_one": make_test_number(),
    }[whose]


def assert_one_denied_row(before, number, **expected):
    rows = rows_since(before)
    assert [(r.outcome, r.recipient_id, r.unit_id) for r in rows] == [("denied", None, None)]
    (row,) = rows
    for name, value in expected.items():
        assert getattr(row, name) == value, name
    fields = [str(getattr(row, f.attname)) for f in AccessLog._meta.fields]
    digits = number.replace("-", "")
    assert not any(digits in f or digits[2:] in f or number in f for f in fields)
    return row


def shape(row):
    return (row.outcome, row.recipient_id, row.unit_id, row.what, row.method, row.path)


@pytest.mark.parametrize("whose", ["protected", "other_unit", "no_one"])
def test_an_api_search_that_finds_no_one_is_one_denied_row(token_for, world, whose):
    number = searched_for(world, whose)
    before = last_id()
    response = token_for(world.staff_a).post(
        API, {"personal_number": number}, format="json", REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200 and response.json()["results"] == []
    assert_one_denied_row(
        before,
        number,
        user=world.staff_a,
        channel="api_token",
        path=API,
        what="api:recipient-search",
    )


def test_the_refused_and_the_empty_api_search_leave_the_same_row(token_for, world):
    client = token_for(world.staff_a)
    shapes = set()
    for whose in ("protected", "no_one"):
        before = last_id()
        client.post(API, {"personal_number": searched_for(world, whose)}, format="json")
        shapes.add(shape(rows_since(before)[0]))
    assert len(shapes) == 1


@pytest.mark.parametrize("whose", ["protected", "other_unit", "no_one"])
def test_a_page_search_that_finds_no_one_is_one_denied_row(client, world, whose):
    number = searched_for(world, whose)
    client.force_login(world.staff_a)
    before = last_id()
    response = client.post(reverse("recipients:list"), {"q": number}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert_one_denied_row(before, number, user=world.staff_a, channel="web", what="recipients:list")


def test_a_page_search_that_finds_someone_is_their_read(client, world):
    client.force_login(world.staff_a)
    before = last_id()
    client.post(reverse("recipients:list"), {"q": world.alma.personal_number})
    rows = rows_since(before)
    assert [(r.outcome, r.recipient_id) for r in rows] == [("allowed", world.alma.pk)]
