"""GET /api/v1/recipients/{id}/history/: the change history for integrations."""

import base64
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.audit.models import AccessLog
from apps.privacy.kinds import KINDS
from tests.factories import ProtectedIdentityGrantFactory
from tests.privacy.conftest import CHANGED_IN, CREATED_IN, MARKUP, acting_as, fill_records
from tests.querycounts import ACCESS_LOG


def url(recipient_id):
    return f"/api/v1/recipients/{recipient_id}/history/"


def all_entries(client, recipient_id) -> list[dict]:
    entries, next_url = [], url(recipient_id)
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.content
        entries += response.json()["results"]
        next_url = response.json()["next"]
    return entries


def test_the_route_is_named_and_nested_under_the_recipient(world):
    assert reverse("api:recipient-history-list", kwargs={"recipient_pk": world.alma.pk}) == url(
        world.alma.pk
    )


class TestEntries:
    def test_a_change_carries_when_who_which_request_which_record_and_before_after(
        self, world, alma_records, token_for
    ):
        entries = all_entries(token_for(world.staff_a), world.alma.pk)
        goal_change = next(
            e for e in entries if e["record"]["kind"] == "goal" and e["request_id"] == CHANGED_IN
        )
        assert goal_change["change_type"] == "changed"
        assert goal_change["user"] == {
            "id": str(world.assessor_a.pk),
            "name": str(world.assessor_a),
        }
        assert goal_change["record"] == {
            "kind": "goal",
            "kind_title": "Mål",
            "id": str(alma_records.goal.pk),
            "label": "Sova hela natten",
        }
        assert goal_change["changes"] == [
            {
                "field": "status",
                "label": "Status",
                "before": "active",
                "after": "achieved",
                "before_display": "Pågående",
                "after_display": "Uppnått",
            }
        ]
        assert goal_change["at"]

    def test_there_are_entries_for_each_kind_of_record(self, world, alma_records, token_for):
        kinds = {e["record"]["kind"] for e in all_entries(token_for(world.staff_a), world.alma.pk)}
        assert kinds == {kind.key for kind in KINDS} - {"protected_identity_grant"}

    def test_a_creation_has_no_before_and_a_link_change_lists_ids(
        self, world, alma_records, token_for
    ):
        entries = all_entries(token_for(world.staff_a), world.alma.pk)
        created = next(e for e in entries if e["record"]["kind"] == "follow_up")
        assert created["change_type"] == "created" and created["user"]["name"] == str(world.staff_a)
        due = next(c for c in created["changes"] if c["field"] == "due_date")
        assert (due["before"], due["after"], due["after_display"]) == (
            None,
            "2026-05-04",
            "2026-05-04",
        )
        linked = next(
            e
            for e in entries
            if e["record"]["kind"] == "intervention" and e["request_id"] == CHANGED_IN
        )
        assert linked["changes"][0]["after"] == [str(alma_records.goal.pk)]

    def test_the_persons_words_are_returned_exactly_as_stored(self, world, token_for):
        fill_records(world.alma, author=world.staff_a, words=MARKUP)
        entries = all_entries(token_for(world.staff_a), world.alma.pk)
        answer = next(e for e in entries if e["record"]["kind"] == "answer")
        words = next(c for c in answer["changes"] if c["field"] == "own_words")
        assert words["after"] == MARKUP and words["after_display"] == MARKUP

    def test_grants_are_listed_for_a_manager_of_the_unit_only(self, world, token_for):
        with acting_as(world.manager, CHANGED_IN):
            ProtectedIdentityGrantFactory(recipient=world.hemlig, user=world.staff_a)
        manager_kinds = {
            e["record"]["kind"] for e in all_entries(token_for(world.manager), world.hemlig.pk)
        }
        staff_kinds = {
            e["record"]["kind"] for e in all_entries(token_for(world.staff_a), world.hemlig.pk)
        }
        assert "protected_identity_grant" in manager_kinds
        assert "protected_identity_grant" not in staff_kinds

    def test_responses_are_not_cached(self, world, token_for):
        response = token_for(world.staff_a).get(url(world.alma.pk))
        assert response["Cache-Control"] == "no-store"


class TestScopingAndErrors:
    @pytest.mark.parametrize(
        ("persona", "person"),
        [
            ("staff_b", "alma"),
            ("outsider", "alma"),
            ("staff_a", "hemlig"),
            ("admin_user", "hemlig"),
        ],
    )
    def test_out_of_scope_is_a_404_problem_and_the_attempt_is_logged(
        self, world, token_for, persona, person
    ):
        target = getattr(world, person)
        response = token_for(getattr(world, persona)).get(url(target.pk))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        row = AccessLog.objects.get()
        assert (row.recipient_id, row.outcome) == (target.pk, "denied")

    def test_a_token_narrowed_to_another_unit_does_not_reach_the_person(self, world, token_for):
        client = token_for(world.manager, units=[world.unit_b])
        assert client.get(url(world.alma.pk)).status_code == 404
        assert (
            token_for(world.manager, units=[world.unit_a]).get(url(world.alma.pk)).status_code
            == 200
        )

    def test_an_unknown_id_is_404(self, world, token_for):
        assert token_for(world.manager).get(url(uuid.uuid4())).status_code == 404
        assert token_for(world.manager).get(url("-" * 36)).status_code == 404

    def test_without_credentials_it_is_401(self, api_client, world):
        assert api_client.get(url(world.alma.pk)).status_code == 401

    def test_it_is_read_only(self, world, token_for):
        client = token_for(world.manager)
        assert client.post(url(world.alma.pk), {}, format="json").status_code == 405

    @pytest.mark.parametrize("size", ["0", "-1", "x"])
    def test_a_bad_page_size_is_a_400_naming_it(self, world, token_for, size):
        response = token_for(world.staff_a).get(url(world.alma.pk), {"page_size": size})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "page_size"


class TestPagingLoggingQueries:
    def test_pages_have_the_envelope_of_every_list(self, world, alma_records, token_for):
        client = token_for(world.staff_a)
        first = client.get(url(world.alma.pk), {"page_size": 5}).json()
        assert set(first) == {"next", "previous", "results"}
        assert len(first["results"]) == 5 and first["previous"] is None
        assert "cursor=" in first["next"] and "page=" not in first["next"]

    @pytest.mark.parametrize("size", [1, 3, 7, 200])
    def test_walking_next_links_gives_every_entry_once_in_order(
        self, world, alma_records, token_for, size
    ):
        client = token_for(world.staff_a)
        whole = client.get(url(world.alma.pk), {"page_size": 200}).json()
        assert whole["next"] is None
        walked, next_url, params = [], url(world.alma.pk), {"page_size": size}
        while next_url:
            page = client.get(next_url, params).json()
            params = None  # the links carry page_size on
            assert len(page["results"]) <= size
            walked += page["results"]
            next_url = page["next"]
        assert walked == whole["results"] and len(walked) > 10

    def test_previous_links_walk_back_to_the_first_page(self, world, alma_records, token_for):
        client = token_for(world.staff_a)
        pages = [client.get(url(world.alma.pk), {"page_size": 4}).json()]
        while pages[-1]["next"]:
            pages.append(client.get(pages[-1]["next"]).json())
        back = client.get(pages[-1]["previous"]).json()
        assert back["results"] == pages[-2]["results"]
        walked_back = [pages[-1]]
        while walked_back[-1]["previous"]:
            walked_back.append(client.get(walked_back[-1]["previous"]).json())
        assert [p["results"] for p in reversed(walked_back)] == [p["results"] for p in pages]

    def test_a_change_recorded_between_pages_does_not_shift_the_next_page(
        self, world, alma_records, token_for
    ):
        client = token_for(world.staff_a)
        first = client.get(url(world.alma.pk), {"page_size": 3}).json()
        expected_second = client.get(first["next"]).json()["results"]
        with acting_as(world.assessor_a, CHANGED_IN):
            world.alma.preferred_language = "arabiska"
            world.alma.save()
        assert client.get(first["next"]).json()["results"] == expected_second

    @pytest.mark.parametrize(
        "cursor",
        [
            "not-base64!",
            base64.b64encode(b"p=not-a-date").decode(),
            base64.b64encode(b'{"p": ["2026-01-01T00:00:00+00:00", 1], "r": 0}').decode(),
            base64.b64encode(b'{"p": ["2026-01-01T00:00:00", 1, 2], "r": 0}').decode(),
            base64.b64encode(b'{"p": ["yesterday", 1, 2], "r": 0}').decode(),
            base64.b64encode(b'{"p": ["2026-01-01T00:00:00+00:00", 1, "2"], "r": 0}').decode(),
            base64.b64encode(b'{"p": ["2026-01-01T00:00:00+00:00", 1, 2], "r": 7}').decode(),
            base64.b64encode(b"[1, 2, 3]").decode(),
        ],
    )
    def test_an_unreadable_or_forged_cursor_is_a_400_invalid_cursor(
        self, world, alma_records, token_for, cursor
    ):
        response = token_for(world.staff_a).get(url(world.alma.pk), {"cursor": cursor})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
            ("cursor", "invalid_cursor")
        ]

    def test_a_well_formed_cursor_from_elsewhere_is_just_a_position(
        self, world, alma_records, token_for
    ):
        client = token_for(world.staff_a)
        late = base64.urlsafe_b64encode(b'{"p":["2999-01-01T00:00:00+00:00",0,0],"r":0}')
        page = client.get(url(world.alma.pk), {"cursor": late.decode()}).json()
        assert page["results"] == client.get(url(world.alma.pk)).json()["results"]

    def test_a_read_is_access_logged_for_the_person(self, world, alma_records, token_for):
        token_for(world.staff_a).get(url(world.alma.pk))
        row = AccessLog.objects.get()
        assert (row.recipient_id, row.user, row.outcome, row.channel) == (
            world.alma.pk,
            world.staff_a,
            "allowed",
            "api_token",
        )

    def test_a_page_of_one_and_a_page_of_many_run_the_same_queries(
        self, world, alma_records, token_for, django_assert_num_queries
    ):
        client = token_for(world.staff_a)
        # token and its units; recipient; roles (grants shown?); 11 kinds, 3 links;
        # organisation, units, staff, life areas, technologies named in the rows; access log.
        expected = 2 + 1 + 1 + 11 + 3 + 5 + ACCESS_LOG
        with django_assert_num_queries(expected + 1):  # + the token's last-used stamp
            assert len(client.get(url(world.alma.pk), {"page_size": 1}).json()["results"]) == 1
        with django_assert_num_queries(expected):
            assert len(client.get(url(world.alma.pk), {"page_size": 50}).json()["results"]) > 10


def test_the_query_count_is_the_same_for_a_history_of_5_rows_and_of_50(
    world, token_for, django_assert_num_queries
):
    from apps.privacy.selectors import recipient_history

    client = token_for(world.staff_a)
    client.get(url(world.alma.pk))  # warm the token's last-used stamp
    with acting_as(world.staff_a, CREATED_IN):
        for n in range(4):
            world.alma.preferred_language = f"språk {n}"
            world.alma.save()
    assert len(recipient_history(user=world.staff_a, recipient=world.alma).rows) == 5
    # token and its units; recipient; roles; 11 kinds, 3 links; the organisation, unit and
    # staff the rows name; access log.
    expected = 2 + 1 + 1 + 11 + 3 + 3 + ACCESS_LOG
    with django_assert_num_queries(expected):
        assert len(client.get(url(world.alma.pk)).json()["results"]) == 5
    with acting_as(world.staff_a, CREATED_IN):
        for n in range(45):
            world.alma.preferred_language = f"språk {n + 4}"
            world.alma.save()
    with django_assert_num_queries(expected):
        page = client.get(url(world.alma.pk), {"page_size": 50}).json()
    assert len(page["results"]) == 50 and page["next"] is None
    with django_assert_num_queries(expected):
        assert len(client.get(url(world.alma.pk), {"page_size": 5}).json()["results"]) == 5


def test_the_schema_documents_the_endpoint_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
    )
    schema = target.read_text()
    assert "/api/v1/recipients/{recipient_pk}/history/:" in schema
    assert "PaginatedHistoryEntryList" in schema
