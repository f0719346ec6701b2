"""The recipients API, and through it the API conventions every resource shares:
problem+json errors, token scope, ETag/If-Match, Idempotency-Key, pagination, ordering."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.core.history import allow_untracked_writes
from apps.recipients.models import CareRecipient
from tests.factories import CareRecipientFactory
from tests.querycounts import ACCESS_LOG

LIST = "/api/v1/recipients/"


def detail(recipient):
    return f"/api/v1/recipients/{recipient.pk}/"


def new_recipient(unit, **overrides):
    body = {
        "unit": str(unit.pk),
        "given_name": "Ingrid",
        "family_name": "Apisson",
        "personal_number": "19121212-1212",
        "start_date": "2026-02-01",
    }
    body.update(overrides)
    return body


class TestAuthentication:
    def test_without_credentials_it_is_401_problem_json_with_a_token_challenge(
        self, api_client, world
    ):
        response = api_client.get(LIST)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == "Token"
        body = response.json()
        assert (
            body["status"] == 401 and body["instance"] == LIST and body["type"].startswith("urn:")
        )

    def test_a_wrong_token_is_401(self, api_client, world):
        api_client.credentials(HTTP_AUTHORIZATION="Token " + "x" * 64)
        assert api_client.get(LIST).status_code == 401

    def test_an_expired_token_is_401_and_kept_for_the_audit_trail(self, token_for, world):
        client = token_for(world.staff_a)
        ApiToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
        assert client.get(LIST).status_code == 401
        assert ApiToken.objects.count() == 1

    def test_a_token_records_when_it_was_last_used(self, token_for, world):
        client = token_for(world.staff_a)
        client.get(LIST)
        assert ApiToken.objects.get().last_used_at is not None

    def test_the_browser_session_works_too(self, api_client, world):
        api_client.force_login(world.staff_a)
        assert api_client.get(LIST).status_code == 200


class TestScope:
    def test_a_list_shows_only_the_users_units(self, token_for, world):
        names = {r["given_name"] for r in token_for(world.manager).get(LIST).json()["results"]}
        assert names == {"Alma", "Bo", "Hemlig"}

    def test_a_token_narrowed_to_one_unit_sees_only_that_unit(self, token_for, world):
        client = token_for(world.manager, units=[world.unit_b])
        names = {r["given_name"] for r in client.get(LIST).json()["results"]}
        assert names == {"Bo"}
        assert client.get(detail(world.alma)).status_code == 404

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_out_of_scope_is_404_problem_json_without_the_name(self, token_for, world, name):
        target = getattr(world, name)
        response = token_for(world.staff_a).get(detail(target))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert target.family_name not in response.content.decode()

    def test_a_read_only_token_cannot_write_but_can_search(self, token_for, world):
        client = token_for(world.assessor_a, read_only=True)
        assert client.post(LIST, new_recipient(world.unit_a), format="json").status_code == 403
        found = client.post(
            f"{LIST}search/", {"personal_number": world.alma.personal_number}, format="json"
        )
        assert found.status_code == 200
        assert [r["given_name"] for r in found.json()["results"]] == ["Alma"]

    def test_search_never_finds_outside_the_scope(self, token_for, world):
        client = token_for(world.staff_a)
        found = client.post(
            f"{LIST}search/", {"personal_number": world.bo.personal_number}, format="json"
        )
        assert found.json()["results"] == []

    def test_care_staff_may_read_but_not_create(self, token_for, world):
        response = token_for(world.staff_a).post(LIST, new_recipient(world.unit_a), format="json")
        assert response.status_code == 403
        assert response.json()["detail"]


class TestCreate:
    def test_it_creates_normalises_and_points_to_the_new_record(self, token_for, world):
        response = token_for(world.assessor_a).post(
            LIST, new_recipient(world.unit_a, personal_number="191212121212"), format="json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["personal_number"] == "19121212-1212"
        assert response["Location"] == detail(CareRecipient.objects.get(pk=body["id"]))
        assert response["ETag"] == '"v1"'

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"personal_number": "19121212-1213"}, "personal_number"),
            ({"personal_number": "not a number"}, "personal_number"),
            ({"given_name": "x" * 101}, "given_name"),
            ({"start_date": "1 februari"}, "start_date"),
            ({"shoe_size": 44}, "shoe_size"),
            ({"status": "asleep"}, "status"),
        ],
    )
    def test_bad_input_is_400_naming_the_field_and_nothing_is_saved(
        self, token_for, world, overrides, field
    ):
        response = token_for(world.assessor_a).post(
            LIST, new_recipient(world.unit_a, **overrides), format="json"
        )
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert field in {e["field"] for e in response.json()["errors"]}
        assert not CareRecipient.objects.filter(family_name="Apisson").exists()

    def test_a_duplicate_number_in_the_organisation_is_400(self, token_for, world):
        response = token_for(world.assessor_a).post(
            LIST,
            new_recipient(world.unit_a, personal_number=world.alma.personal_number),
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "personal_number"

    def test_a_unit_outside_the_scope_does_not_exist(self, token_for, world):
        response = token_for(world.assessor_a).post(
            LIST, new_recipient(world.unit_x), format="json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "unit"

    def test_end_before_start_is_400(self, token_for, world):
        response = token_for(world.assessor_a).post(
            LIST, new_recipient(world.unit_a, end_date="2020-01-01"), format="json"
        )
        assert response.status_code == 400

    def test_malformed_json_and_wrong_content_type_are_4xx(self, token_for, world):
        client = token_for(world.assessor_a)
        assert client.post(LIST, "{not json", content_type="application/json").status_code == 400
        assert (
            client.post(LIST, "a=b", content_type="application/x-www-form-urlencoded").status_code
            == 415
        )


class TestIdempotency:
    def test_a_retried_create_with_the_same_key_makes_one_record(self, token_for, world):
        client = token_for(world.assessor_a)
        first = client.post(
            LIST, new_recipient(world.unit_a), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
        second = client.post(
            LIST, new_recipient(world.unit_a), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
        assert first.status_code == second.status_code == 201
        assert first.json()["id"] == second.json()["id"]
        assert second["Idempotent-Replayed"] == "true"
        assert second["Location"] == first["Location"]
        assert CareRecipient.objects.filter(family_name="Apisson").count() == 1

    def test_the_same_key_with_another_body_is_422(self, token_for, world):
        client = token_for(world.assessor_a)
        client.post(LIST, new_recipient(world.unit_a), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
        other = client.post(
            LIST,
            new_recipient(world.unit_a, given_name="Other"),
            format="json",
            HTTP_IDEMPOTENCY_KEY="k-2",
        )
        assert other.status_code == 422
        assert other["Content-Type"] == "application/problem+json"

    def test_a_refused_request_does_not_use_up_the_key(self, token_for, world):
        client = token_for(world.assessor_a)
        bad = client.post(
            LIST,
            new_recipient(world.unit_a, personal_number="1"),
            format="json",
            HTTP_IDEMPOTENCY_KEY="k-3",
        )
        assert bad.status_code == 400
        good = client.post(
            LIST, new_recipient(world.unit_a), format="json", HTTP_IDEMPOTENCY_KEY="k-3"
        )
        assert good.status_code == 201

    def test_keys_belong_to_one_user(self, token_for, world):
        from tests.factories import MembershipFactory, UserFactory

        other = UserFactory(username="assessor_two")
        MembershipFactory(user=other, unit=world.unit_a, role="assessor")
        token_for(world.assessor_a).post(
            LIST, new_recipient(world.unit_a), format="json", HTTP_IDEMPOTENCY_KEY="k-4"
        )
        response = token_for(other).post(
            LIST,
            new_recipient(world.unit_a, personal_number="19380101-9803"),
            format="json",
            HTTP_IDEMPOTENCY_KEY="k-4",
        )
        assert response.status_code in (201, 400)  # its own request, never the other user's replay
        assert "Idempotent-Replayed" not in response


class TestConcurrencyControl:
    def test_detail_carries_an_etag(self, token_for, world):
        response = token_for(world.assessor_a).get(detail(world.alma))
        assert response["ETag"] == '"v1"'
        assert response["Cache-Control"] == "no-store"

    def test_patch_without_if_match_is_428(self, token_for, world):
        response = token_for(world.assessor_a).patch(
            detail(world.alma), {"given_name": "Almaa"}, format="json"
        )
        assert response.status_code == 428

    def test_patch_with_the_current_etag_succeeds_and_moves_the_version(self, token_for, world):
        response = token_for(world.assessor_a).patch(
            detail(world.alma), {"given_name": "Almaa"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 200
        assert response["ETag"] == '"v2"'
        world.alma.refresh_from_db()
        assert world.alma.given_name == "Almaa" and world.alma.version == 2

    def test_two_patches_from_the_same_read_give_200_then_412(self, token_for, world):
        client = token_for(world.assessor_a)
        first = client.patch(
            detail(world.alma), {"given_name": "One"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        second = client.patch(
            detail(world.alma), {"given_name": "Two"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert (first.status_code, second.status_code) == (200, 412)
        assert second.json()["current_version"] == 2
        world.alma.refresh_from_db()
        assert world.alma.given_name == "One"

    def test_a_malformed_if_match_is_400(self, token_for, world):
        response = token_for(world.assessor_a).patch(
            detail(world.alma), {"given_name": "X"}, format="json", HTTP_IF_MATCH="yesterday"
        )
        assert response.status_code == 400

    def test_put_and_delete_are_not_offered(self, token_for, world):
        client = token_for(world.assessor_a)
        assert client.put(detail(world.alma), {}, format="json").status_code == 405
        assert client.delete(detail(world.alma)).status_code == 405


class TestListing:
    def test_page_size_is_capped(self, token_for, world):
        for _ in range(3):
            CareRecipientFactory(unit=world.unit_a)
        body = token_for(world.staff_a).get(LIST, {"page_size": 2}).json()
        assert len(body["results"]) == 2 and body["next"]
        huge = token_for(world.staff_a).get(LIST, {"page_size": 10**9})
        assert huge.status_code == 200 and len(huge.json()["results"]) == 4

    def test_unknown_ordering_is_400_naming_the_allowed_fields(self, token_for, world):
        response = token_for(world.staff_a).get(LIST, {"ordering": "personal_number"})
        assert response.status_code == 400
        assert "family_name" in response.json()["detail"]

    def test_filters_by_unit_status_and_updated_since(self, token_for, world):
        client = token_for(world.manager)
        by_unit = client.get(LIST, {"unit": str(world.unit_b.pk)}).json()["results"]
        assert [r["given_name"] for r in by_unit] == ["Bo"]
        with allow_untracked_writes():  # set up a state no service produces
            CareRecipient.objects.filter(pk=world.bo.pk).update(status="ended")
        ended = client.get(LIST, {"status": "ended"}).json()["results"]
        assert [r["given_name"] for r in ended] == ["Bo"]
        future = (timezone.now() + dt.timedelta(days=1)).isoformat()
        assert client.get(LIST, {"updated_since": future}).json()["results"] == []

    def test_a_list_runs_the_same_number_of_queries_for_one_row_or_many(
        self, token_for, world, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = token_for(world.staff_a)
        client.get(LIST)  # the first use of a token also records last_used_at
        with CaptureQueriesContext(connection) as one:
            client.get(LIST)
        for _ in range(15):
            recipient = CareRecipientFactory(unit=world.unit_a)
            recipient.contacts.create(kind="relative", name="N")
        with CaptureQueriesContext(connection) as many:
            assert len(client.get(LIST).json()["results"]) == 16
        assert len(many) == len(one)

    def test_list_and_detail_query_counts_are_pinned(
        self, token_for, world, django_assert_num_queries
    ):
        client = token_for(world.staff_a)
        client.get(LIST)  # warm the token's last_used_at
        # token lookup, token units, memberships for scope are inside the queries below:
        # 1 token+user, 1 token units, 1 recipients page (with scope subqueries), 1 contacts.
        with django_assert_num_queries(4 + ACCESS_LOG):
            client.get(LIST)
        with django_assert_num_queries(4 + ACCESS_LOG):
            client.get(detail(world.alma))


def test_the_schema_and_offline_docs_are_served(client, db):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200
    assert b"/api/v1/recipients/" in schema.content
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content.lower()
    # Every script and stylesheet is served from here (sidecar), none from a CDN.
    assert not re.search(rb"""(src|href)=["']?(https?:)?//""", docs.content)
