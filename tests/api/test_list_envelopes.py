"""One shape for every list: `next`, `previous`, `results` with opaque cursor links and
`page_size`, whichever resource it is (the life areas and the change history included)."""

import base64
import json

import pytest
from django.urls import reverse

LIFE_AREAS = "/api/v1/life-areas/"


def list_operations(schema: dict):
    for path, item in schema["paths"].items():
        get = item.get("get")
        if get and get["operationId"].endswith("_list"):
            yield path, get


def test_every_list_in_the_schema_has_the_cursor_envelope_and_parameters(client, db):
    schema = json.loads(client.get(reverse("api:schema"), {"format": "json"}).content)
    components = schema["components"]["schemas"]
    found = []
    for path, get in list_operations(schema):
        found.append(path)
        names = {p["name"] for p in get.get("parameters", [])}
        assert {"cursor", "page_size"} <= names, path
        ref = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        envelope = components[ref.rsplit("/", 1)[-1]]
        assert set(envelope["properties"]) == {"next", "previous", "results"}, path
        assert envelope["properties"]["results"]["type"] == "array", path
    assert {LIFE_AREAS, "/api/v1/units/", "/api/v1/users/"} <= set(found)
    assert "/api/v1/recipients/{recipient_pk}/history/" in found


class TestLifeAreas:
    def test_the_list_is_an_envelope_in_presentation_order(self, world, life_areas, token_for):
        body = token_for(world.staff_a).get(LIFE_AREAS).json()
        assert set(body) == {"next", "previous", "results"}
        expected = sorted(life_areas.values(), key=lambda a: (a.sort_order, a.code))
        assert [row["code"] for row in body["results"]] == [a.code for a in expected]
        assert body["next"] is None and body["previous"] is None

    @pytest.mark.parametrize("size", [1, 2, 4])
    def test_walking_next_links_gives_every_area_once(self, world, life_areas, token_for, size):
        client = token_for(world.staff_a)
        codes, response = [], client.get(LIFE_AREAS, {"page_size": size})
        while True:
            page = response.json()
            assert len(page["results"]) <= size
            codes += [row["code"] for row in page["results"]]
            if not page["next"]:
                break
            response = client.get(page["next"])
        assert sorted(codes) == sorted(life_areas) and len(codes) == len(set(codes))
        back = client.get(page["previous"]).json()
        assert back["results"] and back["next"]

    @pytest.mark.parametrize(
        "cursor",
        ["not-base64!", base64.b64encode(b"p=not-a-number").decode(), base64.b64encode(b"o=-1")],
    )
    def test_a_forged_cursor_is_a_400_invalid_cursor(self, world, life_areas, token_for, cursor):
        if isinstance(cursor, bytes):
            cursor = cursor.decode()
        response = token_for(world.staff_a).get(LIFE_AREAS, {"cursor": cursor})
        assert response.status_code == 400
        assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
            ("cursor", "invalid_cursor")
        ]

    def test_one_area_is_still_read_by_its_code(self, world, life_areas, token_for):
        response = token_for(world.staff_a).get(f"{LIFE_AREAS}sleep/")
        assert response.status_code == 200 and response.json()["code"] == "sleep"

    def test_query_count_is_one_page_query(
        self, world, life_areas, token_for, django_assert_num_queries
    ):
        client = token_for(world.staff_a)
        client.get(LIFE_AREAS)  # warm the token's last-used stamp
        # token + user, token units, the page.
        with django_assert_num_queries(3):
            assert len(client.get(LIFE_AREAS, {"page_size": 5}).json()["results"]) == 5
        with django_assert_num_queries(3):
            assert len(client.get(LIFE_AREAS).json()["results"]) == len(life_areas)
