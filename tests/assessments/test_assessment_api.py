"""/api/v1/assessments/: list, retrieve and create; never changed afterwards."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.assessments.models import Assessment
from apps.core.history import allow_untracked_writes
from tests.factories import AssessmentFactory, InterventionFactory
from tests.helpers import error_fields
from tests.querycounts import ACCESS_LOG

LIST = "api:assessment-list"


def detail(assessment):
    return reverse("api:assessment-detail", args=[assessment.pk])


def body(judged, **overrides):
    data = {
        "intervention": str(judged.pk),
        "kind": "risk",
        "profession": "occupational_therapist",
        "decision": "suitable_after_trial",
        "rationale": "Risk för fall nattetid; prova sensorn i fyra veckor.",
    }
    data.update(overrides)
    return data


class TestCreate:
    def test_a_nurse_records_an_assessment(self, api_client, world, licensed_a, intervention):
        api_client.force_authenticate(licensed_a)
        response = api_client.post(reverse(LIST), body(intervention), format="json")
        assert response.status_code == 201, response.json()
        data = response.json()
        assessment = Assessment.objects.get()
        assert response["Location"] == detail(assessment)
        assert data["recipient"] == str(world.alma.pk)
        assert data["assessor"] == str(licensed_a.pk)
        assert data["assessor_name"] == "Sara Sjuksköterska"
        assert data["decision"] == "suitable_after_trial"
        assert data["assessed_at"]

    def test_care_staff_get_403(self, api_client, world, intervention):
        api_client.force_authenticate(world.staff_a)
        response = api_client.post(reverse(LIST), body(intervention), format="json")
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert not Assessment.objects.exists()

    def test_a_read_only_token_may_not_write(self, token_for, licensed_a, intervention):
        client = token_for(licensed_a, read_only=True)
        response = client.post(reverse(LIST), body(intervention), format="json")
        assert response.status_code == 403
        assert not Assessment.objects.exists()

    def test_a_read_write_token_may(self, token_for, licensed_a, intervention):
        client = token_for(licensed_a)
        assert client.post(reverse(LIST), body(intervention), format="json").status_code == 201

    def test_an_assessment_in_the_future_is_400_naming_assessed_at(
        self, api_client, licensed_a, intervention
    ):
        api_client.force_authenticate(licensed_a)
        later = (timezone.now() + dt.timedelta(days=1)).isoformat()
        response = api_client.post(
            reverse(LIST), body(intervention, assessed_at=later), format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"assessed_at"}
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"rationale": "x" * 4001}, "rationale"),
            ({"rationale": ""}, "rationale"),
            ({"kind": "guess"}, "kind"),
            ({"decision": "maybe"}, "decision"),
            ({"profession": "doctor"}, "profession"),
            ({"assessor": "someone"}, "assessor"),
            ({"intervention": "not-a-uuid"}, "intervention"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, api_client, licensed_a, intervention, overrides, field
    ):
        api_client.force_authenticate(licensed_a)
        response = api_client.post(reverse(LIST), body(intervention, **overrides), format="json")
        assert response.status_code == 400
        assert field in error_fields(response)
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("owner", ["bo", "hemlig", "other_org_person"])
    def test_an_intervention_out_of_scope_does_not_exist(
        self, api_client, world, licensed_a, owner
    ):
        api_client.force_authenticate(licensed_a)
        other = InterventionFactory(recipient=getattr(world, owner))
        response = api_client.post(reverse(LIST), body(other), format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"intervention"}
        assert not Assessment.objects.exists()

    def test_an_ended_intervention_is_409(self, api_client, licensed_a, intervention):
        intervention.status = "ended"
        intervention.save()
        api_client.force_authenticate(licensed_a)
        response = api_client.post(reverse(LIST), body(intervention), format="json")
        assert response.status_code == 409
        assert response.json()["current_status"] == "ended"

    def test_an_assessment_cannot_be_changed(self, api_client, licensed_a, intervention):
        assessment = AssessmentFactory(intervention=intervention, assessor=licensed_a)
        api_client.force_authenticate(licensed_a)
        response = api_client.patch(
            detail(assessment), {"decision": "not_suitable"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 405
        assessment.refresh_from_db()
        assert assessment.decision == "suitable"


class TestScoping:
    @pytest.fixture
    def almas(self, world, intervention):
        return AssessmentFactory(intervention=intervention)

    @pytest.fixture
    def hemligs(self, world):
        return AssessmentFactory(intervention=InterventionFactory(recipient=world.hemlig))

    @pytest.mark.parametrize("persona", ["staff_b", "outsider"])
    def test_other_units_and_organisations_get_404(self, api_client, world, almas, persona):
        api_client.force_authenticate(getattr(world, persona))
        assert api_client.get(detail(almas)).status_code == 404
        assert api_client.get(reverse(LIST)).json()["results"] == []

    def test_a_protected_person_is_404_without_a_grant(self, api_client, world, hemligs):
        api_client.force_authenticate(world.staff_a)
        assert api_client.get(detail(hemligs)).status_code == 404
        api_client.force_authenticate(world.manager)
        assert api_client.get(detail(hemligs)).status_code == 200

    def test_care_staff_of_the_unit_may_read(self, api_client, world, almas, hemligs):
        api_client.force_authenticate(world.staff_a)
        ids = [row["id"] for row in api_client.get(reverse(LIST)).json()["results"]]
        assert ids == [str(almas.pk)]

    def test_a_token_narrowed_to_unit_b_does_not_see_unit_a(self, token_for, world, almas):
        client = token_for(world.manager, units=[world.unit_b])
        assert client.get(detail(almas)).status_code == 404


class TestFilters:
    def test_each_filter(self, api_client, world, licensed_a, intervention):
        other = InterventionFactory(recipient=world.bo)
        a = AssessmentFactory(intervention=intervention, kind="risk", decision="not_suitable")
        b = AssessmentFactory(intervention=intervention, kind="suitability", decision="suitable")
        c = AssessmentFactory(intervention=other, kind="risk", decision="suitable")
        with allow_untracked_writes():  # set up a state no service produces
            Assessment.objects.filter(pk=a.pk).update(
                updated_at=timezone.now() - dt.timedelta(days=3)
            )
        api_client.force_authenticate(world.manager)

        def ids(**params):
            response = api_client.get(reverse(LIST), params)
            assert response.status_code == 200, response.json()
            return {row["id"] for row in response.json()["results"]}

        assert ids() == {str(a.pk), str(b.pk), str(c.pk)}
        assert ids(kind="risk") == {str(a.pk), str(c.pk)}
        assert ids(decision="suitable") == {str(b.pk), str(c.pk)}
        assert ids(intervention=str(intervention.pk)) == {str(a.pk), str(b.pk)}
        assert ids(recipient=str(world.bo.pk)) == {str(c.pk)}
        assert ids(unit=str(world.unit_a.pk)) == {str(a.pk), str(b.pk)}
        since = (timezone.now() - dt.timedelta(days=1)).isoformat()
        assert ids(updated_since=since) == {str(b.pk), str(c.pk)}

    def test_an_unknown_choice_is_400(self, api_client, world):
        api_client.force_authenticate(world.manager)
        assert api_client.get(reverse(LIST), {"kind": "guess"}).status_code == 400


class TestQueryCounts:
    def test_a_list_page_costs_the_same_for_one_row_and_for_ten(
        self, api_client, django_assert_num_queries, world, intervention
    ):
        api_client.force_authenticate(world.staff_a)
        AssessmentFactory(intervention=intervention)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert len(api_client.get(reverse(LIST)).json()["results"]) == 1
        AssessmentFactory.create_batch(9, intervention=intervention)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert len(api_client.get(reverse(LIST)).json()["results"]) == 10

    def test_a_detail_costs_one_query(
        self, api_client, django_assert_num_queries, world, intervention
    ):
        assessment = AssessmentFactory(intervention=intervention)
        api_client.force_authenticate(world.staff_a)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert api_client.get(detail(assessment)).status_code == 200
