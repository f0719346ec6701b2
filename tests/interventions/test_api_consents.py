"""The consents API: record, read, filter and withdraw (which ends the intervention)."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.interventions.choices import InterventionStatus as S
from apps.interventions.models import Consent
from tests.factories import ContactFactory
from tests.helpers import error_fields
from tests.interventions.factories import consent

LIST = "/api/v1/consents/"


def detail(given):
    return f"{LIST}{given.pk}/"


def withdraw(given):
    return f"{LIST}{given.pk}/withdraw/"


def new_consent(intervention, **overrides):
    body = {
        "intervention": str(intervention.pk),
        "given_by": "person",
        "method": "written",
        "given_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
    }
    body.update(overrides)
    return body


class TestRecord:
    def test_care_staff_record_a_consent(self, token_for, world, make_intervention):
        intervention = make_intervention()
        response = token_for(world.staff_a).post(LIST, new_consent(intervention), format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert response["Location"] == f"{LIST}{body['id']}/"
        assert body["recorded_by"] == str(world.staff_a.pk)
        assert body["recipient"] == str(world.alma.pk)
        assert body["is_active"] is True and body["intervention_status"] == "proposed"

    def test_the_same_idempotency_key_twice_records_once(self, token_for, world, make_intervention):
        client = token_for(world.staff_a)
        body = new_consent(make_intervention())
        first = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="c-1")
        second = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="c-1")
        assert (first.status_code, second.status_code) == (201, 201)
        assert second["Idempotent-Replayed"] == "true"
        assert Consent.objects.count() == 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"given_at": "2999-01-01T00:00:00+01:00"}, "given_at"),
            ({"given_by": "cohabitant"}, "contact"),
            ({"given_by": "neighbour"}, "given_by"),
            ({"giver_name": "x" * 201}, "giver_name"),
            ({"withdrawn_at": "2026-01-01T00:00:00Z"}, "withdrawn_at"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, token_for, world, make_intervention, overrides, field
    ):
        body = new_consent(make_intervention(), **overrides)
        response = token_for(world.staff_a).post(LIST, body, format="json")
        assert response.status_code == 400
        assert field in error_fields(response)
        assert not Consent.objects.exists()

    def test_a_contact_of_another_person_is_400(self, token_for, world, make_intervention):
        bos = ContactFactory(recipient=world.bo, lives_with_recipient=True)  # manager sees Bo
        body = new_consent(make_intervention(), given_by="cohabitant", contact=str(bos.pk))
        response = token_for(world.manager).post(LIST, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"contact"}

    def test_an_intervention_out_of_scope_is_400(self, token_for, world, make_intervention):
        bos = make_intervention(recipient=world.bo)
        response = token_for(world.staff_a).post(LIST, new_consent(bos), format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"intervention"}

    def test_an_ended_intervention_takes_no_consent(self, token_for, world, make_intervention):
        response = token_for(world.staff_a).post(
            LIST, new_consent(make_intervention(S.ENDED)), format="json"
        )
        assert response.status_code == 409

    def test_a_read_only_token_may_not_record(self, token_for, world, make_intervention):
        client = token_for(world.staff_a, read_only=True)
        assert client.post(LIST, new_consent(make_intervention()), format="json").status_code == 403


class TestReadAndFilter:
    def test_filters_by_intervention_recipient_and_active(
        self, token_for, world, make_intervention
    ):
        first, second = make_intervention(), make_intervention()
        active = consent(first)
        withdrawn = consent(first, withdrawn=True)
        other = consent(second)
        client = token_for(world.manager)

        def ids(query):
            return {r["id"] for r in client.get(LIST + query).json()["results"]}

        assert ids(f"?intervention={first.pk}") == {str(active.pk), str(withdrawn.pk)}
        assert ids(f"?intervention={first.pk}&active=true") == {str(active.pk)}
        assert ids("?active=false") == {str(withdrawn.pk)}
        assert ids(f"?recipient={world.alma.pk}") == {str(c.pk) for c in (active, withdrawn, other)}
        assert ids(f"?recipient={world.bo.pk}") == set()
        future = (timezone.now() + dt.timedelta(days=1)).isoformat().replace("+", "%2B")
        assert ids(f"?updated_since={future}") == set()

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_out_of_scope_is_404(self, token_for, world, make_intervention, name):
        given = consent(make_intervention(recipient=getattr(world, name)))
        client = token_for(world.staff_a)
        assert client.get(detail(given)).status_code == 404
        assert client.post(withdraw(given), {"reason": "x"}, format="json").status_code == 404
        assert client.get(LIST).json()["results"] == []

    def test_consents_are_not_patched(self, token_for, world, make_intervention):
        given = consent(make_intervention())
        response = token_for(world.staff_a).patch(
            detail(given), {"method": "verbal"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 405


class TestWithdraw:
    def test_withdrawing_ends_the_active_intervention(self, token_for, world, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)
        response = token_for(world.staff_a).post(
            withdraw(given), {"reason": "Alma vill inte ha kameran."}, format="json"
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["is_active"] is False and body["withdrawn_at"]
        assert body["intervention_status"] == "ended"
        intervention.refresh_from_db()
        assert (intervention.status, intervention.end_reason) == (S.ENDED, "consent_withdrawn")

    def test_withdrawing_twice_is_409(self, token_for, world, make_intervention):
        given = consent(make_intervention(S.ACTIVE), withdrawn=True)
        response = token_for(world.staff_a).post(withdraw(given), {"reason": "x"}, format="json")
        assert response.status_code == 409

    @pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "x" * 2001}])
    def test_a_reason_is_required(self, token_for, world, make_intervention, body):
        given = consent(make_intervention(S.ACTIVE))
        response = token_for(world.staff_a).post(withdraw(given), body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"reason"}

    def test_a_read_only_token_may_not_withdraw(self, token_for, world, make_intervention):
        given = consent(make_intervention(S.ACTIVE))
        client = token_for(world.staff_a, read_only=True)
        assert client.post(withdraw(given), {"reason": "x"}, format="json").status_code == 403
        given.refresh_from_db()
        assert given.withdrawn_at is None
