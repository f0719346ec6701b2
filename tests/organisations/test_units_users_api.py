"""GET /api/v1/units/ and /api/v1/users/: the caller's units and the staff who work in them,
so that an integration can find a unit id or a follow-up's `responsible` without guessing."""

import base64
import uuid

import pytest

from apps.audit.models import AccessLog
from apps.organisations.choices import Role
from tests.factories import MembershipFactory, UnitFactory, UserFactory

UNITS = "/api/v1/units/"
USERS = "/api/v1/users/"
PROBLEM = "application/problem+json"


def walk(client, url, **params) -> list[dict]:
    rows, response = [], client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        if not response.json()["next"]:
            return rows
        response = client.get(response.json()["next"])


def ids(rows) -> set[str]:
    return {row["id"] for row in rows}


class TestUnits:
    def test_a_caller_sees_the_units_they_belong_to_with_id_name_kind_organisation_phone(
        self, world, token_for
    ):
        world.unit_a.phone = "08-123 456 78"
        world.unit_a.save()
        rows = walk(token_for(world.staff_a), UNITS)
        assert rows == [
            {
                "id": str(world.unit_a.pk),
                "name": "Enhet A",
                "kind": "home_care",
                "organisation": str(world.org.pk),
                "organisation_name": "Testkommun",
                "phone": "08-123 456 78",
                "is_active": True,
                "created_at": rows[0]["created_at"],
                "updated_at": rows[0]["updated_at"],
            }
        ]

    def test_a_manager_of_two_units_sees_both_by_name_and_no_other(self, world, token_for):
        rows = walk(token_for(world.manager), UNITS)
        assert [row["name"] for row in rows] == ["Enhet A", "Enhet B"]

    def test_a_token_narrowed_to_one_unit_sees_only_that_unit(self, world, token_for):
        client = token_for(world.manager, units=[world.unit_b])
        assert ids(walk(client, UNITS)) == {str(world.unit_b.pk)}
        assert client.get(f"{UNITS}{world.unit_a.pk}/").status_code == 404

    @pytest.mark.parametrize(
        ("persona", "unit"),
        [("staff_b", "unit_a"), ("outsider", "unit_a"), ("manager", "unit_x")],
    )
    def test_a_unit_out_of_scope_answers_exactly_as_an_id_that_does_not_exist(
        self, world, token_for, persona, unit
    ):
        client = token_for(getattr(world, persona))
        out_of_scope = client.get(f"{UNITS}{getattr(world, unit).pk}/")
        missing = client.get(f"{UNITS}{uuid.uuid4()}/")
        assert out_of_scope.status_code == missing.status_code == 404
        assert out_of_scope["Content-Type"] == missing["Content-Type"] == PROBLEM
        strip = lambda body: {k: v for k, v in body.items() if k != "instance"}  # noqa: E731
        assert strip(out_of_scope.json()) == strip(missing.json())

    def test_one_unit_reads_like_its_row_in_the_list(self, world, token_for):
        client = token_for(world.staff_a)
        detail = client.get(f"{UNITS}{world.unit_a.pk}/")
        assert detail.status_code == 200 and detail["Cache-Control"] == "no-store"
        assert detail.json() == walk(client, UNITS)[0]

    def test_filters_by_kind(self, world, token_for):
        housing = UnitFactory(organisation=world.org, name="Boendet", kind="special_housing")
        MembershipFactory(user=world.manager, unit=housing, role=Role.MANAGER)
        rows = walk(token_for(world.manager), UNITS, kind="special_housing")
        assert ids(rows) == {str(housing.pk)}

    def test_it_is_read_only_and_not_access_logged(self, world, token_for):
        client = token_for(world.manager)
        assert client.post(UNITS, {}, format="json").status_code == 405
        assert client.patch(f"{UNITS}{world.unit_a.pk}/", {}, format="json").status_code == 405
        client.get(UNITS)
        client.get(f"{UNITS}{uuid.uuid4()}/")
        assert not AccessLog.objects.exists()

    def test_without_credentials_it_is_401(self, world, api_client):
        assert api_client.get(UNITS).status_code == 401

    def test_query_count_is_the_same_for_one_unit_and_many(
        self, world, token_for, django_assert_num_queries
    ):
        client = token_for(world.manager)
        client.get(UNITS)  # warm the token's last-used stamp
        # token + user, token units, the page (units with their organisation).
        with django_assert_num_queries(3):
            assert len(client.get(UNITS).json()["results"]) == 2
        for n in range(10):
            unit = UnitFactory(organisation=UnitFactory().organisation, name=f"Fler {n}")
            MembershipFactory(user=world.manager, unit=unit, role=Role.MANAGER)
        with django_assert_num_queries(3):
            assert len(client.get(UNITS).json()["results"]) == 12


class TestUsers:
    def test_staff_see_the_active_users_of_their_units_with_their_roles_there(
        self, world, token_for
    ):
        rows = walk(token_for(world.staff_a), USERS)
        by_id = {row["id"]: row for row in rows}
        assert set(by_id) == {
            str(u.pk) for u in (world.staff_a, world.manager, world.assessor_a, world.admin_user)
        }
        manager = by_id[str(world.manager.pk)]
        # The manager also manages unit B, which staff_a has nothing to do with.
        assert manager == {
            "id": str(world.manager.pk),
            "name": world.manager.get_full_name(),
            "is_integration": False,
            "roles": [{"unit": str(world.unit_a.pk), "role": "manager"}],
        }

    def test_no_email_user_name_superuser_flag_or_token_is_returned(self, world, token_for):
        world.manager.email = "chef@example.se"
        world.manager.is_superuser = True
        world.manager.save()
        response = token_for(world.staff_a).get(USERS)
        body = response.content.decode()
        assert "chef@example.se" not in body and "is_superuser" not in body
        assert '"manager"' in body  # the role, ...
        assert "username" not in body and '"name":"manager"' not in body.replace(" ", "")

    def test_the_id_is_what_a_follow_up_takes_as_responsible(self, world, token_for, life_areas):
        from tests.factories import GoalFactory

        goal = GoalFactory(recipient=world.alma)
        client = token_for(world.staff_a)
        colleague = next(
            row for row in walk(client, USERS) if row["id"] == str(world.assessor_a.pk)
        )
        response = client.post(
            "/api/v1/follow-ups/",
            {"goal": str(goal.pk), "due_date": "2099-01-01", "responsible": colleague["id"]},
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["responsible"] == colleague["id"]

    def test_staff_of_unit_b_never_see_unit_a_only_users(self, world, token_for):
        seen = ids(walk(token_for(world.staff_b), USERS))
        assert str(world.staff_a.pk) not in seen and str(world.assessor_a.pk) not in seen
        assert seen == {str(u.pk) for u in (world.staff_b, world.manager, world.admin_user)}
        client = token_for(world.staff_b)
        assert client.get(f"{USERS}{world.staff_a.pk}/").status_code == 404

    def test_another_organisations_manager_sees_nothing_of_it(self, world, token_for):
        client = token_for(world.outsider)
        assert ids(walk(client, USERS)) == {str(world.outsider.pk)}
        for user in (world.staff_a, world.manager, world.admin_user):
            response = client.get(f"{USERS}{user.pk}/")
            assert response.status_code == 404 and response["Content-Type"] == PROBLEM

    def test_an_out_of_scope_user_answers_exactly_as_an_id_that_does_not_exist(
        self, world, token_for
    ):
        client = token_for(world.staff_b)
        out_of_scope = client.get(f"{USERS}{world.staff_a.pk}/")
        missing = client.get(f"{USERS}{uuid.uuid4()}/")
        assert out_of_scope.status_code == missing.status_code == 404
        assert out_of_scope.json()["title"] == missing.json()["title"]
        assert out_of_scope.json()["detail"] == missing.json()["detail"]

    def test_inactive_users_and_users_without_a_membership_are_not_listed(self, world, token_for):
        world.assessor_a.is_active = False
        world.assessor_a.save()
        UserFactory(username="nomember")
        client = token_for(world.staff_a)
        seen = ids(walk(client, USERS))
        assert str(world.assessor_a.pk) not in seen
        assert client.get(f"{USERS}{world.assessor_a.pk}/").status_code == 404

    def test_integrations_are_listed_as_such_since_they_may_be_responsible(self, world, token_for):
        system = UserFactory(
            username="region-sys", first_name="", last_name="", is_integration=True
        )
        MembershipFactory(user=system, unit=world.unit_a, role=Role.LICENSED_PROFESSIONAL)
        row = token_for(world.staff_a).get(f"{USERS}{system.pk}/").json()
        assert row["is_integration"] is True and row["name"] == "region-sys"

    def test_a_token_narrowed_to_one_unit_sees_that_units_staff_and_roles_only(
        self, world, token_for
    ):
        client = token_for(world.manager, units=[world.unit_b])
        rows = walk(client, USERS)
        assert ids(rows) == {str(u.pk) for u in (world.staff_b, world.manager, world.admin_user)}
        manager = next(row for row in rows if row["id"] == str(world.manager.pk))
        assert manager["roles"] == [{"unit": str(world.unit_b.pk), "role": "manager"}]

    def test_filter_by_unit_and_by_role_and_both_mean_one_membership(self, world, token_for):
        client = token_for(world.manager)
        in_b = ids(walk(client, USERS, unit=str(world.unit_b.pk)))
        assert in_b == {str(u.pk) for u in (world.staff_b, world.manager, world.admin_user)}
        care_staff = ids(walk(client, USERS, role="care_staff"))
        assert care_staff == {str(world.staff_a.pk), str(world.staff_b.pk)}
        both = ids(walk(client, USERS, unit=str(world.unit_b.pk), role="care_staff"))
        assert both == {str(world.staff_b.pk)}
        several = ids(walk(client, USERS, role=["care_staff", "assessor"]))
        assert several == {str(u.pk) for u in (world.staff_a, world.staff_b, world.assessor_a)}

    def test_a_role_held_outside_the_callers_units_does_not_count(self, world, token_for):
        # staff_a is also a manager in the other organisation's unit X.
        MembershipFactory(user=world.staff_a, unit=world.unit_x, role=Role.MANAGER)
        client = token_for(world.staff_b)
        assert str(world.staff_a.pk) not in ids(walk(client, USERS, role="manager"))
        client = token_for(world.assessor_a)
        assert str(world.staff_a.pk) not in ids(walk(client, USERS, role="manager"))
        row = client.get(f"{USERS}{world.staff_a.pk}/").json()
        assert row["roles"] == [{"unit": str(world.unit_a.pk), "role": "care_staff"}]

    def test_a_unit_outside_the_callers_scope_finds_no_one(self, world, token_for):
        client = token_for(world.staff_b)
        assert walk(client, USERS, unit=str(world.unit_a.pk)) == []
        assert walk(client, USERS, unit=str(world.unit_x.pk)) == []

    def test_q_searches_given_and_family_names_not_user_names(self, world, token_for):
        anna = UserFactory(username="anna-login", first_name="Anna", last_name="Lindqvist")
        MembershipFactory(user=anna, unit=world.unit_a, role=Role.CARE_STAFF)
        client = token_for(world.staff_a)
        assert ids(walk(client, USERS, q="lindq")) == {str(anna.pk)}
        assert ids(walk(client, USERS, q="anna lind")) == {str(anna.pk)}
        assert walk(client, USERS, q="anna-login") == []

    @pytest.mark.parametrize(
        ("name", "value"), [("unit", "not-a-uuid"), ("role", "boss"), ("unit", ""), ("q", "")]
    )
    def test_a_bad_filter_value_is_a_400_naming_it(self, world, token_for, name, value):
        response = token_for(world.staff_a).get(USERS, {name: value})
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == [name]

    def test_it_is_read_only_and_not_access_logged(self, world, token_for):
        client = token_for(world.manager)
        assert client.post(USERS, {}, format="json").status_code == 405
        client.get(USERS)
        client.get(f"{USERS}{uuid.uuid4()}/")
        assert not AccessLog.objects.exists()

    def test_pages_by_name_hold_every_user_once(self, world, token_for):
        for _ in range(7):
            user = UserFactory(first_name="Samma", last_name="Namnsson")
            MembershipFactory(user=user, unit=world.unit_a, role=Role.CARE_STAFF)
        client = token_for(world.staff_a)
        rows = walk(client, USERS, page_size=2)
        assert len(rows) == len(ids(rows)) == 4 + 7
        names = [(r["name"].split()[-1], r["name"]) for r in rows]
        assert names == sorted(names)

    def test_previous_links_walk_back_over_the_same_pages(self, world, token_for):
        for _ in range(5):
            user = UserFactory(first_name="Samma", last_name="Namnsson")
            MembershipFactory(user=user, unit=world.unit_a, role=Role.CARE_STAFF)
        client = token_for(world.staff_a)
        pages = [client.get(USERS, {"page_size": 2}).json()]
        while pages[-1]["next"]:
            pages.append(client.get(pages[-1]["next"]).json())
        back = [pages[-1]]
        while back[-1]["previous"]:
            back.append(client.get(back[-1]["previous"]).json())
        assert [p["results"] for p in reversed(back)] == [p["results"] for p in pages]

    @pytest.mark.parametrize("list_url", [USERS, UNITS])
    @pytest.mark.parametrize(
        "cursor",
        [
            base64.b64encode(b"p=Lind").decode(),  # a well-formed position, but not ours
            "not-base64!",
            "cD1MaW5k:forged-signature",
        ],
    )
    def test_a_cursor_the_server_did_not_make_is_a_400_invalid_cursor(
        self, world, token_for, list_url, cursor
    ):
        response = token_for(world.staff_a).get(list_url, {"cursor": cursor})
        assert response.status_code == 400
        assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
            ("cursor", "invalid_cursor")
        ]

    def test_query_count_is_the_same_for_a_few_users_and_many(
        self, world, token_for, django_assert_num_queries
    ):
        client = token_for(world.staff_a)
        client.get(USERS)  # warm the token's last-used stamp
        # token + user, token units, the page, the page's memberships in scope.
        with django_assert_num_queries(4):
            assert len(client.get(USERS).json()["results"]) == 4
        for _ in range(46):
            user = UserFactory()
            MembershipFactory(user=user, unit=world.unit_a, role=Role.CARE_STAFF)
            MembershipFactory(user=user, unit=world.unit_b, role=Role.CARE_STAFF)
        with django_assert_num_queries(4):
            assert len(client.get(USERS, {"page_size": 50}).json()["results"]) == 50
