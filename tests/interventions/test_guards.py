"""The guards a legal transition must also pass: consent before accepting technology that
needs it (and the cohabitant's for monitoring in a shared home), an approving latest
assessment before activating it, trial dates, end reasons, a stated reason, roles, versions."""

import datetime as dt
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import IllegalTransition, PermissionDeniedError, VersionMismatch
from apps.interventions.choices import InterventionAction as A
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.models import InterventionEvent
from apps.interventions.services import intervention_transition
from tests.factories import ContactFactory, InterventionFactory
from tests.helpers import validation_codes
from tests.interventions.factories import assessment, consent

intervention_accept = partial(intervention_transition, action=A.ACCEPT)
intervention_decline = partial(intervention_transition, action=A.DECLINE)
intervention_end = partial(intervention_transition, action=A.END)
intervention_evaluate = partial(intervention_transition, action=A.EVALUATE)
intervention_start = partial(intervention_transition, action=A.START)
intervention_start_trial = partial(intervention_transition, action=A.START_TRIAL)


def assert_unchanged(intervention, status):
    intervention.refresh_from_db()
    assert intervention.status == status
    assert not InterventionEvent.objects.filter(intervention=intervention).exists()


class TestConsentBeforeAccept:
    def test_technology_needing_consent_is_not_accepted_without_it(
        self, world, make_intervention, lock_tech
    ):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        with pytest.raises(IllegalTransition) as exc:
            intervention_accept(actor=world.assessor_a, intervention=intervention)
        assert exc.value.code == "consent_missing"
        assert exc.value.extra["unmet_requirement"] == "consent"
        assert exc.value.extra["current_status"] == S.PROPOSED
        assert_unchanged(intervention, S.PROPOSED)

    def test_a_withdrawn_consent_does_not_count(self, world, make_intervention, lock_tech):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        consent(intervention, withdrawn=True)
        with pytest.raises(IllegalTransition):
            intervention_accept(actor=world.assessor_a, intervention=intervention)
        assert_unchanged(intervention, S.PROPOSED)

    def test_a_cohabitants_consent_alone_is_not_the_persons(
        self, world, make_intervention, lock_tech
    ):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        sambo = ContactFactory(recipient=world.alma, lives_with_recipient=True)
        consent(intervention, given_by="cohabitant", contact=sambo)
        with pytest.raises(IllegalTransition):
            intervention_accept(actor=world.assessor_a, intervention=intervention)

    def test_another_interventions_consent_does_not_count(
        self, world, make_intervention, lock_tech
    ):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        consent(make_intervention(S.PROPOSED, technology=lock_tech))
        with pytest.raises(IllegalTransition):
            intervention_accept(actor=world.assessor_a, intervention=intervention)

    @pytest.mark.parametrize("given_by", ["person", "representative"])
    def test_the_persons_or_representatives_active_consent_is_enough(
        self, world, make_intervention, lock_tech, given_by
    ):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        contact = None
        if given_by == "representative":
            contact = ContactFactory(recipient=world.alma, kind="trustee")
        consent(intervention, given_by=given_by, contact=contact)
        result = intervention_accept(actor=world.assessor_a, intervention=intervention)
        assert result.status == S.ACCEPTED

    def test_technology_without_consent_requirement_needs_none(self, world, make_intervention):
        intervention = make_intervention(S.PROPOSED)
        assert intervention_accept(actor=world.assessor_a, intervention=intervention).status == (
            S.ACCEPTED
        )

    def test_in_person_needs_no_consent_record(self, world, answer):
        intervention = InterventionFactory(
            recipient=world.alma,
            technology=None,
            delivery="in_person",
            digital_first_reason="Personen vill ha besök.",
            serves_answers=[answer],
        )
        assert intervention_accept(actor=world.assessor_a, intervention=intervention).status == (
            S.ACCEPTED
        )


class TestCohabitantConsentForMonitoring:
    """Since 1 March 2024: monitoring technology in a shared home needs the consent of those
    who live there too."""

    def test_monitoring_in_a_shared_home_needs_the_cohabitants_consent(
        self, world, make_intervention, camera
    ):
        ContactFactory(recipient=world.alma, lives_with_recipient=True, name="Maken")
        intervention = make_intervention(S.PROPOSED, technology=camera)
        consent(intervention)
        with pytest.raises(IllegalTransition) as exc:
            intervention_accept(actor=world.assessor_a, intervention=intervention)
        assert exc.value.extra["unmet_requirement"] == "cohabitant_consent"
        assert exc.value.code == "cohabitant_consent_missing"
        assert_unchanged(intervention, S.PROPOSED)

    def test_with_both_consents_it_is_accepted(self, world, make_intervention, camera):
        sambo = ContactFactory(recipient=world.alma, lives_with_recipient=True)
        intervention = make_intervention(S.PROPOSED, technology=camera)
        consent(intervention)
        consent(intervention, given_by="cohabitant", contact=sambo)
        assert intervention_accept(actor=world.assessor_a, intervention=intervention).status == (
            S.ACCEPTED
        )

    def test_every_cohabitant_must_consent(self, world, make_intervention, camera):
        first = ContactFactory(recipient=world.alma, lives_with_recipient=True)
        ContactFactory(recipient=world.alma, lives_with_recipient=True)
        intervention = make_intervention(S.PROPOSED, technology=camera)
        consent(intervention)
        consent(intervention, given_by="cohabitant", contact=first)
        with pytest.raises(IllegalTransition):
            intervention_accept(actor=world.assessor_a, intervention=intervention)

    def test_a_withdrawn_cohabitant_consent_does_not_count(self, world, make_intervention, camera):
        sambo = ContactFactory(recipient=world.alma, lives_with_recipient=True)
        intervention = make_intervention(S.PROPOSED, technology=camera)
        consent(intervention)
        consent(intervention, given_by="cohabitant", contact=sambo, withdrawn=True)
        with pytest.raises(IllegalTransition):
            intervention_accept(actor=world.assessor_a, intervention=intervention)

    def test_living_alone_the_persons_consent_is_enough(self, world, make_intervention, camera):
        ContactFactory(recipient=world.alma, lives_with_recipient=False)
        intervention = make_intervention(S.PROPOSED, technology=camera)
        consent(intervention)
        assert intervention_accept(actor=world.assessor_a, intervention=intervention).status == (
            S.ACCEPTED
        )

    def test_consent_technology_that_does_not_monitor_needs_no_cohabitant(
        self, world, make_intervention, lock_tech
    ):
        ContactFactory(recipient=world.alma, lives_with_recipient=True)
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        consent(intervention)
        assert intervention_accept(actor=world.assessor_a, intervention=intervention).status == (
            S.ACCEPTED
        )


ACTIVATIONS = [(S.TRIAL, intervention_evaluate), (S.ACCEPTED, intervention_start)]


@pytest.mark.parametrize(("status", "activate"), ACTIVATIONS)
class TestAssessmentBeforeActivation:
    def test_it_needs_an_assessment(self, world, make_intervention, lock_tech, status, activate):
        intervention = make_intervention(status, technology=lock_tech)
        with pytest.raises(IllegalTransition) as exc:
            activate(actor=world.assessor_a, intervention=intervention)
        assert exc.value.extra["unmet_requirement"] == "approving_assessment"
        assert exc.value.code == "approving_assessment_missing"
        assert_unchanged(intervention, status)

    @pytest.mark.parametrize("decision", ["not_suitable", "more_information_needed"])
    def test_a_later_refusing_assessment_overrides_an_earlier_approval(
        self, world, make_intervention, lock_tech, licensed_a, status, activate, decision
    ):
        intervention = make_intervention(status, technology=lock_tech)
        assessment(intervention, "suitable", days_ago=5, assessor=licensed_a)
        assessment(intervention, decision, days_ago=1, assessor=licensed_a)
        with pytest.raises(IllegalTransition) as exc:
            activate(actor=world.assessor_a, intervention=intervention)
        assert exc.value.code == "assessment_not_approving"
        assert_unchanged(intervention, status)

    @pytest.mark.parametrize("decision", ["suitable", "suitable_after_trial"])
    def test_an_approving_latest_assessment_activates(
        self, world, make_intervention, lock_tech, licensed_a, status, activate, decision
    ):
        intervention = make_intervention(status, technology=lock_tech)
        assessment(intervention, "not_suitable", days_ago=5, assessor=licensed_a)
        assessment(intervention, decision, days_ago=1, assessor=licensed_a)
        result = activate(actor=licensed_a, intervention=intervention)
        assert result.status == S.ACTIVE
        assert result.started_on is not None

    def test_another_interventions_assessment_does_not_count(
        self, world, make_intervention, lock_tech, status, activate
    ):
        intervention = make_intervention(status, technology=lock_tech)
        assessment(make_intervention(status, technology=lock_tech), "suitable")
        with pytest.raises(IllegalTransition):
            activate(actor=world.assessor_a, intervention=intervention)

    def test_technology_without_consent_needs_no_assessment(
        self, world, make_intervention, status, activate
    ):
        result = activate(actor=world.assessor_a, intervention=make_intervention(status))
        assert result.status == S.ACTIVE


class TestTrial:
    def test_the_dates_are_required_and_named(self, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        with pytest.raises(ValidationError) as exc:
            intervention_start_trial(actor=world.assessor_a, intervention=intervention)
        assert validation_codes(exc.value) == {
            "trial_start": {"required"},
            "trial_end": {"required"},
        }
        assert_unchanged(intervention, S.ACCEPTED)

    def test_a_trial_cannot_end_before_it_starts(self, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        with pytest.raises(ValidationError) as exc:
            intervention_start_trial(
                actor=world.assessor_a,
                intervention=intervention,
                trial_start=dt.date(2026, 5, 1),
                trial_end=dt.date(2026, 4, 30),
            )
        assert validation_codes(exc.value) == {"trial_end": {"before_start"}}
        assert_unchanged(intervention, S.ACCEPTED)

    def test_a_trial_is_a_short_commitment_of_at_most_90_days(self, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        with pytest.raises(ValidationError) as exc:
            intervention_start_trial(
                actor=world.assessor_a,
                intervention=intervention,
                trial_start=dt.date(2026, 1, 1),
                trial_end=dt.date(2026, 1, 1) + dt.timedelta(days=91),
            )
        assert validation_codes(exc.value) == {"trial_end": {"trial_too_long"}}
        assert_unchanged(intervention, S.ACCEPTED)

    def test_90_days_is_allowed_and_the_dates_are_stored(self, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        start, end = dt.date(2026, 1, 1), dt.date(2026, 1, 1) + dt.timedelta(days=90)
        intervention_start_trial(
            actor=world.assessor_a, intervention=intervention, trial_start=start, trial_end=end
        )
        intervention.refresh_from_db()
        assert (intervention.status, intervention.trial_start, intervention.trial_end) == (
            S.TRIAL,
            start,
            end,
        )
        assert intervention.started_on == start


class TestEndAndReasons:
    def test_end_needs_an_end_reason(self, world, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        with pytest.raises(ValidationError) as exc:
            intervention_end(actor=world.assessor_a, intervention=intervention, reason="Klart.")
        assert "end_reason" in exc.value.message_dict
        assert_unchanged(intervention, S.ACTIVE)

    @pytest.mark.parametrize("end_reason", ["consent_withdrawn", "nonsense"])
    def test_consent_withdrawn_and_unknown_end_reasons_are_refused(
        self, world, make_intervention, end_reason
    ):
        intervention = make_intervention(S.ACTIVE)
        with pytest.raises(ValidationError) as exc:
            intervention_end(
                actor=world.assessor_a,
                intervention=intervention,
                reason="Slut.",
                end_reason=end_reason,
            )
        assert "end_reason" in exc.value.message_dict
        assert_unchanged(intervention, S.ACTIVE)

    def test_end_stores_the_reason_and_the_date(self, world, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        intervention_end(
            actor=world.assessor_a,
            intervention=intervention,
            end_reason="no_longer_needed",
            reason="Personen har flyttat till särskilt boende.",
        )
        intervention.refresh_from_db()
        assert intervention.end_reason == "no_longer_needed"
        assert intervention.ended_on == timezone.localdate()
        event = intervention.events.get()
        assert event.reason == "Personen har flyttat till särskilt boende."

    @pytest.mark.parametrize(
        ("status", "action", "extra"),
        [
            (S.PROPOSED, "decline", {}),
            (S.ACTIVE, "end", {"end_reason": "completed"}),
            (S.ACTIVE, "withdraw_consent", {}),
        ],
    )
    @pytest.mark.parametrize("reason", ["", "   "])
    def test_decline_end_and_withdraw_need_a_reason(
        self, world, make_intervention, status, action, extra, reason
    ):
        intervention = make_intervention(status)
        consent(intervention, withdrawn=True)
        with pytest.raises(ValidationError) as exc:
            intervention_transition(
                actor=world.assessor_a,
                intervention=intervention,
                action=action,
                reason=reason,
                **extra,
            )
        assert "reason" in exc.value.message_dict
        assert_unchanged(intervention, status)

    def test_an_oversize_reason_is_refused_and_nothing_is_saved(self, world, make_intervention):
        intervention = make_intervention(S.PROPOSED)
        with pytest.raises(ValidationError) as exc:
            intervention_decline(
                actor=world.assessor_a, intervention=intervention, reason="x" * 4001
            )
        assert "reason" in exc.value.message_dict
        assert_unchanged(intervention, S.PROPOSED)

    def test_ending_for_withdrawn_consent_needs_the_withdrawn_consent_on_record(
        self, world, make_intervention
    ):
        intervention = make_intervention(S.ACTIVE)
        consent(intervention)
        with pytest.raises(IllegalTransition) as exc:
            intervention_transition(
                actor=world.assessor_a,
                intervention=intervention,
                action="withdraw_consent",
                reason="Sa nej.",
            )
        assert exc.value.extra["unmet_requirement"] == "withdrawn_consent"
        assert_unchanged(intervention, S.ACTIVE)


class TestWhoAndWhichVersion:
    @pytest.mark.parametrize("persona", ["staff_a", "staff_b", "admin_user", "outsider"])
    def test_only_deciders_of_the_persons_unit_may_move_it(self, world, make_intervention, persona):
        intervention = make_intervention(S.PROPOSED)
        with pytest.raises(PermissionDeniedError):
            intervention_accept(actor=getattr(world, persona), intervention=intervention)
        assert_unchanged(intervention, S.PROPOSED)

    @pytest.mark.parametrize("persona", ["assessor_a", "manager", "licensed_a"])
    def test_assessors_managers_and_licensed_staff_may(
        self, world, make_intervention, licensed_a, persona
    ):
        actor = licensed_a if persona == "licensed_a" else getattr(world, persona)
        intervention = make_intervention(S.PROPOSED)
        assert intervention_accept(actor=actor, intervention=intervention).status == S.ACCEPTED

    def test_a_stale_expected_version_is_refused(self, world, make_intervention):
        intervention = make_intervention(S.PROPOSED)
        with pytest.raises(VersionMismatch) as exc:
            intervention_accept(
                actor=world.assessor_a,
                intervention=intervention,
                expected_version=intervention.version + 1,
            )
        assert exc.value.extra == {"current_version": intervention.version}
        assert_unchanged(intervention, S.PROPOSED)

    def test_the_current_expected_version_passes_and_grows_by_one(self, world, make_intervention):
        intervention = make_intervention(S.PROPOSED)
        result = intervention_accept(
            actor=world.assessor_a, intervention=intervention, expected_version=1
        )
        assert result.version == 2
