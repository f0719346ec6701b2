"""The service: who may record an assessment, of what, and what it must say."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_record
from apps.core.exceptions import ConflictError, PermissionDeniedError
from apps.interventions.choices import InterventionStatus
from tests.factories import InterventionFactory, ProtectedIdentityGrantFactory


def record(actor, intervention, **overrides):
    fields = {
        "kind": "suitability",
        "profession": "nurse",
        "decision": "suitable",
        "rationale": "Alma sover lätt; kameran väcker henne inte.",
    }
    fields.update(overrides)
    return assessment_record(actor=actor, intervention=intervention, **fields)


class TestWhoMayAssess:
    def test_a_licensed_professional_of_the_unit_records_an_assessment(
        self, world, licensed_a, intervention
    ):
        before = timezone.now()
        assessment = record(licensed_a, intervention)
        assessment.refresh_from_db()
        assert assessment.recipient == world.alma
        assert assessment.intervention == intervention
        assert assessment.assessor == licensed_a
        assert assessment.decision == "suitable"
        assert before <= assessment.assessed_at <= timezone.now()

    @pytest.mark.parametrize("persona", ["staff_a", "assessor_a", "manager", "admin_user"])
    def test_it_refuses_anyone_but_licensed_staff(self, world, intervention, persona):
        with pytest.raises(PermissionDeniedError):
            record(getattr(world, persona), intervention)
        assert not Assessment.objects.exists()

    def test_a_licensed_professional_of_another_unit_cannot_reach_the_intervention(
        self, world, nurse_b, intervention
    ):
        with pytest.raises(ValidationError) as error:
            record(nurse_b, intervention)
        assert "intervention" in error.value.message_dict
        assert not Assessment.objects.exists()

    def test_a_protected_persons_intervention_needs_a_grant(self, world, licensed_a):
        hidden = InterventionFactory(recipient=world.hemlig)
        with pytest.raises(ValidationError) as error:
            record(licensed_a, hidden)
        assert "intervention" in error.value.message_dict
        ProtectedIdentityGrantFactory(recipient=world.hemlig, user=licensed_a)
        assert record(licensed_a, hidden).recipient == world.hemlig


class TestWhatMayBeAssessed:
    @pytest.mark.parametrize("status", [InterventionStatus.DECLINED, InterventionStatus.ENDED])
    def test_a_declined_or_ended_intervention_cannot_be_assessed(
        self, world, licensed_a, intervention, status
    ):
        intervention.status = status
        intervention.save()
        with pytest.raises(ConflictError) as error:
            record(licensed_a, intervention)
        assert error.value.extra == {"current_status": status}
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize(
        "status",
        [
            InterventionStatus.PROPOSED,
            InterventionStatus.ACCEPTED,
            InterventionStatus.TRIAL,
            InterventionStatus.ACTIVE,
        ],
    )
    def test_a_running_or_proposed_intervention_can_be_assessed(
        self, licensed_a, intervention, status
    ):
        intervention.status = status
        intervention.save()
        assert record(licensed_a, intervention, kind="trial_evaluation").pk


class TestBadInput:
    @pytest.mark.parametrize("rationale", ["", "   \n "])
    def test_it_requires_a_rationale(self, licensed_a, intervention, rationale):
        with pytest.raises(ValidationError) as error:
            record(licensed_a, intervention, rationale=rationale)
        assert list(error.value.message_dict) == ["rationale"]
        assert not Assessment.objects.exists()

    def test_it_refuses_a_rationale_over_4000_characters(self, licensed_a, intervention):
        with pytest.raises(ValidationError) as error:
            record(licensed_a, intervention, rationale="x" * 4001)
        assert list(error.value.message_dict) == ["rationale"]
        assert record(licensed_a, intervention, rationale="x" * 4000).pk

    def test_it_refuses_an_assessment_in_the_future(self, licensed_a, intervention):
        with pytest.raises(ValidationError) as error:
            record(licensed_a, intervention, assessed_at=timezone.now() + dt.timedelta(hours=1))
        assert list(error.value.message_dict) == ["assessed_at"]
        assert not Assessment.objects.exists()

    def test_an_assessment_may_be_recorded_afterwards(self, licensed_a, intervention):
        yesterday = timezone.now() - dt.timedelta(days=1)
        assert record(licensed_a, intervention, assessed_at=yesterday).assessed_at == yesterday

    @pytest.mark.parametrize(
        ("field", "value"),
        [("kind", "guess"), ("profession", "doctor"), ("decision", "maybe")],
    )
    def test_it_refuses_unknown_choices(self, licensed_a, intervention, field, value):
        with pytest.raises(ValidationError) as error:
            record(licensed_a, intervention, **{field: value})
        assert field in error.value.message_dict
        assert not Assessment.objects.exists()
