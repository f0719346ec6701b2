"""Date-times with offsets Python accepts but PostgreSQL does not (beyond ±15:59) are moved
to UTC or refused: a clear 2xx/4xx, never a server error (found by Schemathesis)."""

import pytest
from django.urls import reverse

from tests.security.conftest_input import api_schema

ODD = "1032-01-10T01:33:34+19:56"


def test_every_date_time_filter_accepts_any_valid_offset(world, token_for, client):
    api = token_for(world.manager)
    checked = 0
    for path, operations in api_schema(client)["paths"].items():
        get = operations.get("get")
        if not get or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            if parameter.get("schema", {}).get("format") == "date-time":
                response = api.get(path, {parameter["name"]: ODD})
                assert response.status_code == 200, (
                    path,
                    parameter["name"],
                    response.content[:200],
                )
                checked += 1
    assert checked >= 8


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


@pytest.mark.parametrize("held_at", ["2026-01-01T10:00:00+19:56", "2026-01-01T10:00+15:30"])
def test_a_page_form_date_time_with_an_offset_never_fails(client, world, life_areas, held_at):
    client.force_login(world.staff_a)
    url = reverse("whatmatters:conversation-create", args=[world.alma.pk])
    data = {
        "held_at": held_at,
        "location": "home_visit",
        "answers-TOTAL_FORMS": "1",
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "50",
        "answers-0-own_words": "Att få sova.",
        "answers-0-life_area": "sleep",
    }
    response = client.post(url, data)
    assert response.status_code in (200, 302)
