"""/api/v1/follow-ups/: schedule, reschedule (If-Match), complete, cancel; scoping."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.followups.models import FollowUp
from tests.factories import FollowUpFactory, InterventionFactory
from tests.helpers import error_fields
from tests.querycounts import ACCESS_LOG

LIST = "api:follow-up-list"


def in_days(n):
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def detail(followup):
    return reverse("api:follow-up-detail", args=[followup.pk])


def complete_url(followup):
    return reverse("api:follow-up-complete", args=[followup.pk])


def cancel_url(followup):
    return reverse("api:follow-up-cancel", args=[followup.pk])


def completion(**overrides):
    data = {
        "own_words": "Jag vaknar inte längre av nattbesöken.",
        "performance": 7,
        "still_matters": "yes",
        "decision": "continue",
        "next_due_date": in_days(30),
    }
    data.update(overrides)
    return data


class TestSchedule:
    def test_it_schedules_and_answers_with_the_location(self, api_client, world, intervention):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(
            reverse(LIST),
            {
                "intervention": str(intervention.pk),
                "due_date": in_days(10),
                "responsible": str(world.staff_a.pk),
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        followup = FollowUp.objects.get()
        assert response["Location"] == detail(followup)
        assert response["ETag"] == '"v1"'
        data = response.json()
        assert data["recipient"] == str(world.alma.pk)
        assert data["status"] == "scheduled"
        assert data["is_overdue"] is False
        assert data["next_follow_up"] is None and data["previous_follow_up"] is None

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"due_date": "2020-01-01"}, "due_date"),
            ({"due_date": "not a date"}, "due_date"),
            ({"responsible": "00000000-0000-0000-0000-000000000000"}, "responsible"),
            ({"responsible": "me"}, "responsible"),
            ({"intervention": None}, "goal"),
            ({"goal": "00000000-0000-0000-0000-000000000000"}, "goal"),
            ({"colour": "blue"}, "colour"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, api_client, world, intervention, overrides, field
    ):
        api_client.force_authenticate(world.staff_a)
        data = {
            "intervention": str(intervention.pk),
            "due_date": in_days(10),
            "responsible": str(world.staff_a.pk),
            **overrides,
        }
        response = api_client.post(reverse(LIST), data, format="json")
        assert response.status_code == 400
        assert field in error_fields(response)
        assert not FollowUp.objects.exists()

    def test_a_responsible_from_another_unit_is_400(self, api_client, world, intervention):
        api_client.force_authenticate(world.manager)
        response = api_client.post(
            reverse(LIST),
            {
                "intervention": str(intervention.pk),
                "due_date": in_days(10),
                "responsible": str(world.staff_b.pk),
            },
            format="json",
        )
        assert response.status_code == 400
        assert error_fields(response) == {"responsible"}

    @pytest.mark.parametrize("owner", ["bo", "hemlig", "other_org_person"])
    def test_an_intervention_out_of_scope_does_not_exist(self, api_client, world, owner):
        api_client.force_authenticate(world.staff_a)
        other = InterventionFactory(recipient=getattr(world, owner))
        response = api_client.post(
            reverse(LIST),
            {
                "intervention": str(other.pk),
                "due_date": in_days(10),
                "responsible": str(world.staff_a.pk),
            },
            format="json",
        )
        assert response.status_code == 400
        assert error_fields(response) == {"intervention"}

    def test_a_read_only_token_may_not_write(self, token_for, world, intervention, followup):
        client = token_for(world.staff_a, read_only=True)
        assert client.get(detail(followup)).status_code == 200
        scheduled = client.post(
            reverse(LIST),
            {
                "intervention": str(intervention.pk),
                "due_date": in_days(10),
                "responsible": str(world.staff_a.pk),
            },
            format="json",
        )
        assert scheduled.status_code == 403
        patched = client.patch(
            detail(followup), {"due_date": in_days(9)}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert patched.status_code == 403
        assert client.post(complete_url(followup), completion(), format="json").status_code == 403
        assert client.post(cancel_url(followup), {"reason": "x"}, format="json").status_code == 403
        followup.refresh_from_db()
        assert (followup.status, followup.version) == ("scheduled", 1)
        assert FollowUp.objects.count() == 1


class TestReschedule:
    def test_patch_needs_if_match(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.patch(detail(followup), {"due_date": in_days(9)}, format="json")
        assert response.status_code == 428

    def test_a_stale_if_match_is_412(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.patch(
            detail(followup), {"due_date": in_days(9)}, format="json", HTTP_IF_MATCH='"v0"'
        )
        assert response.status_code == 412
        assert response.json()["current_version"] == 1
        followup.refresh_from_db()
        assert followup.due_date.isoformat() == in_days(7)

    def test_it_reschedules(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.patch(
            detail(followup),
            {"due_date": in_days(9), "responsible": str(world.assessor_a.pk)},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"v2"'
        assert response.json()["due_date"] == in_days(9)
        assert response.json()["responsible"] == str(world.assessor_a.pk)

    def test_a_done_follow_up_cannot_be_rescheduled(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        api_client.post(complete_url(followup), completion(), format="json")
        response = api_client.patch(
            detail(followup), {"due_date": in_days(9)}, format="json", HTTP_IF_MATCH='"v2"'
        )
        assert response.status_code == 409
        assert response.json()["current_status"] == "done"

    def test_the_person_cannot_be_changed(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.patch(
            detail(followup), {"recipient": str(world.bo.pk)}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 400
        assert error_fields(response) == {"recipient"}


class TestComplete:
    def test_it_completes_and_returns_the_next_ones_id(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(complete_url(followup), completion(), format="json")
        assert response.status_code == 200, response.json()
        data = response.json()
        assert data["status"] == "done"
        assert response["ETag"] == '"v2"'
        following = FollowUp.objects.get(status="scheduled")
        assert data["next_follow_up"] == str(following.pk)
        assert following.due_date.isoformat() == in_days(30)
        chained = api_client.get(detail(following)).json()
        assert chained["previous_follow_up"] == str(followup.pk)

    def test_completing_a_done_follow_up_is_409(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        api_client.post(complete_url(followup), completion(), format="json")
        response = api_client.post(complete_url(followup), completion(), format="json")
        assert response.status_code == 409
        assert response.json()["current_status"] == "done"
        assert response.json()["allowed_actions"] == []
        assert FollowUp.objects.count() == 2

    def test_continue_without_a_next_date_is_400(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(
            complete_url(followup), completion(next_due_date=None), format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"next_due_date"}
        assert FollowUp.objects.count() == 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"performance": 11}, "performance"),
            ({"performance": -1}, "performance"),
            ({"own_words": ""}, "own_words"),
            ({"own_words": "x" * 5001}, "own_words"),
            ({"notes": "x" * 4001}, "notes"),
            ({"still_matters": "perhaps"}, "still_matters"),
            ({"decision": "pause"}, "decision"),
            ({"next_responsible": str(uuid.uuid4())}, "next_responsible"),
            ({"status": "done"}, "status"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(self, api_client, world, followup, overrides, field):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(complete_url(followup), completion(**overrides), format="json")
        assert response.status_code == 400
        assert field in error_fields(response)
        followup.refresh_from_db()
        assert followup.status == "scheduled"

    def test_the_rating_must_be_given_even_if_as_null(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        data = completion()
        del data["performance"]
        response = api_client.post(complete_url(followup), data, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"performance"}
        response = api_client.post(
            complete_url(followup), completion(performance=None), format="json"
        )
        assert response.status_code == 200
        assert response.json()["performance"] is None

    def test_if_match_is_optional_but_checked(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        stale = api_client.post(
            complete_url(followup), completion(), format="json", HTTP_IF_MATCH='"v5"'
        )
        assert stale.status_code == 412
        fresh = api_client.post(
            complete_url(followup), completion(), format="json", HTTP_IF_MATCH='"v1"'
        )
        assert fresh.status_code == 200

    def test_ending_is_for_those_who_decide_on_interventions(
        self, api_client, world, licensed_a, followup
    ):
        end = completion(decision="end", next_due_date=None, goal_outcome="achieved")
        api_client.force_authenticate(licensed_a)
        response = api_client.post(complete_url(followup), end, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["next_follow_up"] is None
        followup.intervention.refresh_from_db()
        assert followup.intervention.status == "ended"


class TestCancel:
    def test_it_cancels(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(cancel_url(followup), {"reason": "Flyttar"}, format="json")
        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"
        assert response.json()["notes"] == "Flyttar"

    def test_a_reason_is_required(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(cancel_url(followup), {}, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"reason"}

    def test_cancelling_twice_is_409(self, api_client, world, followup):
        api_client.force_authenticate(world.staff_a)
        api_client.post(cancel_url(followup), {"reason": "Flyttar"}, format="json")
        response = api_client.post(cancel_url(followup), {"reason": "Igen"}, format="json")
        assert response.status_code == 409


class TestScoping:
    @pytest.fixture
    def hemligs(self, world):
        intervention = InterventionFactory(recipient=world.hemlig)
        return FollowUpFactory(intervention=intervention, responsible=world.manager)

    @pytest.mark.parametrize("persona", ["staff_b", "outsider"])
    def test_other_units_and_organisations_get_404(self, api_client, world, followup, persona):
        api_client.force_authenticate(getattr(world, persona))
        assert api_client.get(detail(followup)).status_code == 404
        assert api_client.get(reverse(LIST)).json()["results"] == []
        patched = api_client.patch(
            detail(followup), {"due_date": in_days(9)}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert patched.status_code == 404
        assert (
            api_client.post(complete_url(followup), completion(), format="json").status_code == 404
        )
        assert (
            api_client.post(cancel_url(followup), {"reason": "x"}, format="json").status_code == 404
        )
        followup.refresh_from_db()
        assert (followup.status, followup.version) == ("scheduled", 1)

    def test_a_protected_person_is_404_without_a_grant(self, api_client, world, hemligs):
        api_client.force_authenticate(world.staff_a)
        assert api_client.get(detail(hemligs)).status_code == 404
        assert (
            api_client.post(cancel_url(hemligs), {"reason": "x"}, format="json").status_code == 404
        )
        api_client.force_authenticate(world.manager)
        assert api_client.get(detail(hemligs)).status_code == 200

    def test_the_administrator_may_read_but_not_record(self, api_client, world, followup):
        api_client.force_authenticate(world.admin_user)
        assert api_client.get(detail(followup)).status_code == 200
        response = api_client.post(cancel_url(followup), {"reason": "x"}, format="json")
        assert response.status_code == 403


class TestQueryCounts:
    def test_a_list_page_costs_the_same_for_one_row_and_for_ten(
        self, api_client, django_assert_num_queries, world, followup, intervention
    ):
        api_client.force_authenticate(world.staff_a)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert len(api_client.get(reverse(LIST)).json()["results"]) == 1
        FollowUpFactory.create_batch(9, intervention=intervention, responsible=world.assessor_a)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert len(api_client.get(reverse(LIST)).json()["results"]) == 10

    def test_a_detail_costs_one_query(self, api_client, django_assert_num_queries, world, followup):
        api_client.force_authenticate(world.staff_a)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert api_client.get(detail(followup)).status_code == 200
