"""Recording consent (who gave it, how, when) and withdrawing it, which ends an
intervention that is under way in the same transaction."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import ConflictError, IllegalTransition, PermissionDeniedError
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.models import Consent, InterventionEvent
from apps.interventions.services import consent_record, consent_withdraw, intervention_transition
from tests.factories import ContactFactory
from tests.helpers import validation_codes
from tests.interventions.factories import consent


def record(world, intervention, **overrides):
    fields = {
        "actor": world.staff_a,
        "intervention": intervention,
        "given_by": "person",
        "method": "verbal",
        "given_at": timezone.now() - dt.timedelta(hours=1),
    }
    fields.update(overrides)
    return consent_record(**fields)


def refused(world, intervention, field, **overrides):
    with pytest.raises(ValidationError) as exc:
        record(world, intervention, **overrides)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert not Consent.objects.exists()
    return validation_codes(exc.value)[field]  # which rules refused it


class TestRecord:
    def test_care_staff_record_the_persons_consent(self, world, make_intervention):
        intervention = make_intervention(S.PROPOSED)
        recorded = record(world, intervention, method="written")
        assert recorded.recorded_by == world.staff_a
        assert recorded.recipient == world.alma
        assert recorded.is_active

    def test_a_cohabitant_consent_names_the_cohabiting_contact(self, world, make_intervention):
        sambo = ContactFactory(recipient=world.alma, lives_with_recipient=True, name="Erik Make")
        recorded = record(world, make_intervention(), given_by="cohabitant", contact=sambo)
        assert (recorded.contact, recorded.giver_name) == (sambo, "Erik Make")

    def test_a_cohabitant_consent_without_a_contact_is_refused(self, world, make_intervention):
        codes = refused(world, make_intervention(), "contact", given_by="cohabitant")
        assert codes == {"not_cohabitant"}

    def test_a_cohabitant_consent_from_someone_living_elsewhere_is_refused(
        self, world, make_intervention
    ):
        daughter = ContactFactory(recipient=world.alma, lives_with_recipient=False)
        codes = refused(
            world, make_intervention(), "contact", given_by="cohabitant", contact=daughter
        )
        assert codes == {"not_cohabitant"}

    @pytest.mark.parametrize("kind", ["trustee", "administrator"])
    def test_a_legal_representative_may_consent(self, world, make_intervention, kind):
        god_man = ContactFactory(recipient=world.alma, kind=kind)
        assert record(world, make_intervention(), given_by="representative", contact=god_man)

    @pytest.mark.parametrize("kind", ["relative", "other"])
    def test_a_relative_is_not_a_representative(self, world, make_intervention, kind):
        relative = ContactFactory(recipient=world.alma, kind=kind)
        codes = refused(
            world, make_intervention(), "contact", given_by="representative", contact=relative
        )
        assert codes == {"not_legal_representative"}

    def test_a_representative_consent_needs_the_contact(self, world, make_intervention):
        codes = refused(world, make_intervention(), "contact", given_by="representative")
        assert codes == {"not_legal_representative"}

    def test_a_contact_of_another_person_is_refused(self, world, make_intervention):
        bos = ContactFactory(recipient=world.bo, lives_with_recipient=True)
        codes = refused(world, make_intervention(), "contact", given_by="cohabitant", contact=bos)
        assert codes == {"other_person"}

    def test_the_persons_own_consent_has_no_contact(self, world, make_intervention):
        relative = ContactFactory(recipient=world.alma)
        codes = refused(world, make_intervention(), "contact", given_by="person", contact=relative)
        assert codes == {"contact_not_expected"}

    def test_consent_given_in_the_future_is_refused(self, world, make_intervention):
        tomorrow = timezone.now() + dt.timedelta(days=1)
        codes = refused(world, make_intervention(), "given_at", given_at=tomorrow)
        assert codes == {"in_future"}

    def test_a_device_clock_a_minute_fast_is_not_the_future(self, world, make_intervention):
        assert record(world, make_intervention(), given_at=timezone.now() + dt.timedelta(minutes=1))

    @pytest.mark.parametrize(
        ("field", "value"), [("method", "telepathy"), ("given_by", "neighbour")]
    )
    def test_unknown_choices_are_refused(self, world, make_intervention, field, value):
        refused(world, make_intervention(), field, **{field: value})

    @pytest.mark.parametrize("status", [S.DECLINED, S.ENDED])
    def test_no_consent_for_a_declined_or_ended_intervention(
        self, world, make_intervention, status
    ):
        with pytest.raises(ConflictError) as exc:
            record(world, make_intervention(status))
        assert exc.value.extra["current_status"] == status
        assert not Consent.objects.exists()

    @pytest.mark.parametrize("persona", ["staff_b", "admin_user", "outsider"])
    def test_people_without_a_care_role_in_the_unit_may_not_record(
        self, world, make_intervention, persona
    ):
        with pytest.raises(PermissionDeniedError):
            record(world, make_intervention(), actor=getattr(world, persona))
        assert not Consent.objects.exists()


class TestWithdraw:
    @pytest.mark.parametrize("status", [S.ACCEPTED, S.TRIAL, S.ACTIVE])
    def test_withdrawing_ends_an_intervention_under_way(self, world, make_intervention, status):
        intervention = make_intervention(status)
        given = consent(intervention)

        withdrawn = consent_withdraw(actor=world.staff_a, consent=given, reason="Vill inte längre.")

        assert withdrawn.withdrawn_at is not None
        assert withdrawn.withdrawn_reason == "Vill inte längre."
        assert withdrawn.withdrawn_recorded_by == world.staff_a
        intervention.refresh_from_db()
        assert intervention.status == S.ENDED
        assert intervention.end_reason == "consent_withdrawn"
        assert intervention.ended_on == timezone.localdate()
        event = InterventionEvent.objects.get(intervention=intervention)
        assert (event.action, event.from_status, event.to_status, event.actor, event.reason) == (
            "withdraw_consent",
            status,
            S.ENDED,
            world.staff_a,
            "Vill inte längre.",
        )

    def test_withdrawing_before_acceptance_leaves_the_proposal_and_blocks_accepting(
        self, world, make_intervention, lock_tech
    ):
        intervention = make_intervention(S.PROPOSED, technology=lock_tech)
        given = consent(intervention)
        consent_withdraw(actor=world.staff_a, consent=given, reason="Ångrade sig.")
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED
        assert not InterventionEvent.objects.filter(intervention=intervention).exists()
        with pytest.raises(IllegalTransition):
            intervention_transition(
                actor=world.assessor_a, intervention=intervention, action="accept"
            )

    def test_a_consent_is_withdrawn_once(self, world, make_intervention):
        given = consent(make_intervention(S.ACTIVE), withdrawn=True)
        with pytest.raises(ConflictError):
            consent_withdraw(actor=world.staff_a, consent=given, reason="Igen.")

    @pytest.mark.parametrize("reason", ["", "  ", "x" * 2001])
    def test_a_withdrawal_needs_a_reason_of_sane_length(self, world, make_intervention, reason):
        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)
        with pytest.raises(ValidationError) as exc:
            consent_withdraw(actor=world.staff_a, consent=given, reason=reason)
        assert "reason" in exc.value.message_dict
        given.refresh_from_db()
        intervention.refresh_from_db()
        assert given.withdrawn_at is None and intervention.status == S.ACTIVE

    def test_people_without_a_care_role_in_the_unit_may_not_withdraw(
        self, world, make_intervention
    ):
        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)
        with pytest.raises(PermissionDeniedError):
            consent_withdraw(actor=world.staff_b, consent=given, reason="Nej.")
        intervention.refresh_from_db()
        assert intervention.status == S.ACTIVE

    def test_the_withdrawal_and_the_ending_are_one_transaction(
        self, world, make_intervention, monkeypatch
    ):
        """If ending the intervention fails, the consent is not left withdrawn either."""
        from apps.interventions import services

        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)

        def boom(*args, **kwargs):
            raise RuntimeError("the event log is unavailable")

        monkeypatch.setattr(services, "_record_event", boom)
        with pytest.raises(RuntimeError):
            consent_withdraw(actor=world.staff_a, consent=given, reason="Nej.")
        given.refresh_from_db()
        intervention.refresh_from_db()
        assert given.withdrawn_at is None
        assert intervention.status == S.ACTIVE
