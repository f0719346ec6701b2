"""Proposing and editing: nothing is proposed without a stated "what matters" of the same
person; digital first (in person needs a reason); technology from the active catalogue.
Every refusal names the field and leaves nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.exceptions import ConflictError, PermissionDeniedError, VersionMismatch
from apps.interventions.models import Intervention, InterventionEvent
from apps.interventions.services import (
    intervention_propose,
    intervention_transition,
    intervention_update,
)
from tests.factories import AnswerFactory, GoalFactory, TechnologyFactory
from tests.helpers import validation_codes


def propose(world, **overrides):
    fields = {
        "actor": world.assessor_a,
        "recipient": world.alma,
        "delivery": "technology",
        "title": "Nattkamera",
        "rationale": "Alma vill sova ostört; kameran ersätter nattbesöken.",
    }
    fields.update(overrides)
    return intervention_propose(**fields)


def refused(world, field, **overrides):
    with pytest.raises(ValidationError) as exc:
        propose(world, **overrides)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert not Intervention.objects.exists()
    assert not InterventionEvent.objects.exists()
    return validation_codes(exc.value)[field]  # which rules refused it


class TestPropose:
    def test_it_proposes_serving_an_answer_and_logs_who_proposed(self, world, answer, plain_tech):
        goal = GoalFactory(recipient=world.alma, answers=[answer])
        intervention = propose(
            world,
            technology=plain_tech,
            serves_answers=[answer],
            serves_goals=[goal],
            visits_replaced_per_week=7,
        )
        assert intervention.status == "proposed" and intervention.version == 1
        assert intervention.proposed_by == world.assessor_a
        assert list(intervention.serves_answers.all()) == [answer]
        assert list(intervention.serves_goals.all()) == [goal]
        event = InterventionEvent.objects.get(intervention=intervention)
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            "propose",
            "",
            "proposed",
            world.assessor_a,
        )

    def test_an_active_goal_alone_is_enough(self, world, plain_tech):
        goal = GoalFactory(recipient=world.alma)
        intervention = propose(world, technology=plain_tech, serves_goals=[goal])
        assert list(intervention.serves_goals.all()) == [goal]

    def test_nothing_is_proposed_without_a_stated_what_matters(self, world, plain_tech):
        codes = refused(world, "serves_answers", technology=plain_tech)
        assert codes == {"what_matters_required"}

    def test_another_persons_answer_is_refused(self, world, plain_tech):
        bos = AnswerFactory(conversation__recipient=world.bo)
        codes = refused(world, "serves_answers", technology=plain_tech, serves_answers=[bos])
        assert codes == {"other_person"}

    @pytest.mark.parametrize("status", ["superseded", "no_longer_relevant"])
    def test_an_answer_that_is_no_longer_current_is_refused(self, world, plain_tech, status):
        old = AnswerFactory(conversation__recipient=world.alma, status=status)
        codes = refused(world, "serves_answers", technology=plain_tech, serves_answers=[old])
        assert codes == {"not_current"}

    def test_a_current_answer_does_not_excuse_a_superseded_one_beside_it(
        self, world, answer, plain_tech
    ):
        old = AnswerFactory(conversation__recipient=world.alma, status="superseded")
        codes = refused(
            world, "serves_answers", technology=plain_tech, serves_answers=[answer, old]
        )
        assert codes == {"not_current"}

    def test_another_persons_goal_is_refused(self, world, plain_tech):
        goal = GoalFactory(recipient=world.bo)
        codes = refused(world, "serves_goals", technology=plain_tech, serves_goals=[goal])
        assert codes == {"other_person"}

    @pytest.mark.parametrize("status", ["achieved", "cancelled"])
    def test_a_goal_that_is_no_longer_active_is_refused(self, world, plain_tech, status):
        goal = GoalFactory(recipient=world.alma, status=status)
        codes = refused(world, "serves_goals", technology=plain_tech, serves_goals=[goal])
        assert codes == {"not_current"}

    def test_in_person_without_saying_why_not_technology_is_refused(self, world, answer):
        codes = refused(
            world, "digital_first_reason", delivery="in_person", serves_answers=[answer]
        )
        assert codes == {"required"}

    def test_in_person_with_the_reason_is_proposed_without_technology(self, world, answer):
        intervention = propose(
            world,
            delivery="in_person",
            serves_answers=[answer],
            digital_first_reason="Alma vill träffa personalen; kameran oroar henne.",
            in_person_description="Nattbesök kl 02.",
        )
        assert intervention.technology is None

    def test_in_person_with_a_technology_is_refused(self, world, answer, plain_tech):
        refused(
            world,
            "technology",
            delivery="in_person",
            technology=plain_tech,
            serves_answers=[answer],
            digital_first_reason="Vill ha besök.",
        )

    @pytest.mark.parametrize("delivery", ["technology", "both"])
    def test_technology_delivery_needs_a_technology(self, world, answer, delivery):
        codes = refused(world, "technology", delivery=delivery, serves_answers=[answer])
        assert codes == {"required"}

    def test_a_technology_no_longer_in_the_catalogue_is_refused(self, world, answer):
        retired = TechnologyFactory(is_active=False)
        codes = refused(world, "technology", technology=retired, serves_answers=[answer])
        assert codes == {"technology_inactive"}

    def test_an_unknown_delivery_is_refused(self, world, answer, plain_tech):
        refused(
            world, "delivery", delivery="teleport", technology=plain_tech, serves_answers=[answer]
        )

    def test_oversize_text_is_refused(self, world, answer, plain_tech):
        refused(
            world, "rationale", technology=plain_tech, serves_answers=[answer], rationale="x" * 4001
        )

    def test_negative_visits_replaced_is_refused(self, world, answer, plain_tech):
        refused(
            world,
            "visits_replaced_per_week",
            technology=plain_tech,
            serves_answers=[answer],
            visits_replaced_per_week=-1,
        )

    @pytest.mark.parametrize("persona", ["staff_a", "staff_b", "admin_user"])
    def test_care_staff_and_administrators_may_not_propose(
        self, world, answer, plain_tech, persona
    ):
        with pytest.raises(PermissionDeniedError):
            propose(
                world, actor=getattr(world, persona), technology=plain_tech, serves_answers=[answer]
            )
        assert not Intervention.objects.exists()


class TestUpdate:
    @pytest.fixture
    def proposed(self, world, answer, plain_tech):
        return propose(world, technology=plain_tech, serves_answers=[answer])

    def test_it_edits_a_proposal_and_grows_the_version(self, world, proposed):
        updated = intervention_update(
            actor=world.assessor_a, intervention=proposed, expected_version=1, title="Ny titel"
        )
        assert (updated.title, updated.version) == ("Ny titel", 2)

    def test_it_replaces_what_the_proposal_serves(self, world, proposed):
        other = AnswerFactory(conversation__recipient=world.alma, own_words="Att känna mig trygg.")
        intervention_update(actor=world.assessor_a, intervention=proposed, serves_answers=[other])
        assert list(proposed.serves_answers.all()) == [other]

    def test_removing_every_answer_and_goal_is_refused(self, world, proposed, answer):
        with pytest.raises(ValidationError) as exc:
            intervention_update(actor=world.assessor_a, intervention=proposed, serves_answers=[])
        assert "serves_answers" in exc.value.message_dict
        assert list(proposed.serves_answers.all()) == [answer]

    def test_another_persons_answer_is_refused_on_update(self, world, proposed):
        bos = AnswerFactory(conversation__recipient=world.bo)
        with pytest.raises(ValidationError):
            intervention_update(actor=world.assessor_a, intervention=proposed, serves_answers=[bos])

    def test_switching_to_in_person_needs_the_digital_first_reason(self, world, proposed):
        with pytest.raises(ValidationError) as exc:
            intervention_update(
                actor=world.assessor_a, intervention=proposed, delivery="in_person", technology=None
            )
        assert "digital_first_reason" in exc.value.message_dict
        proposed.refresh_from_db()
        assert (proposed.delivery, proposed.version) == ("technology", 1)

    def test_a_technology_retired_since_the_proposal_does_not_block_other_edits(
        self, world, proposed, plain_tech
    ):
        plain_tech.is_active = False
        plain_tech.save()
        updated = intervention_update(actor=world.assessor_a, intervention=proposed, title="Ny")
        assert updated.title == "Ny"

    def test_a_stale_version_is_refused(self, world, proposed):
        with pytest.raises(VersionMismatch):
            intervention_update(
                actor=world.assessor_a, intervention=proposed, expected_version=5, title="X"
            )

    def test_an_accepted_intervention_is_no_longer_edited(self, world, proposed):
        intervention_transition(actor=world.assessor_a, intervention=proposed, action="accept")
        with pytest.raises(ConflictError) as exc:
            intervention_update(actor=world.assessor_a, intervention=proposed, title="X")
        assert exc.value.extra["current_status"] == "accepted"
        proposed.refresh_from_db()
        assert proposed.title == "Nattkamera"

    def test_care_staff_may_not_edit(self, world, proposed):
        with pytest.raises(PermissionDeniedError):
            intervention_update(actor=world.staff_a, intervention=proposed, title="X")

    def test_unknown_fields_are_a_programming_error(self, world, proposed):
        with pytest.raises(TypeError):
            intervention_update(actor=world.assessor_a, intervention=proposed, status="active")
