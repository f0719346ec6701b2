"""The transition table, exhaustively: every status × every action. A legal one moves the
intervention and writes exactly one event; an illegal one is refused with the allowed
actions and changes nothing."""

import datetime as dt
import itertools

import pytest

from apps.core.exceptions import IllegalTransition
from apps.interventions.choices import InterventionAction as A
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.lifecycle import TRANSITION_ACTIONS, TRANSITIONS, status_actions
from apps.interventions.models import InterventionEvent
from apps.interventions.services import intervention_transition
from tests.interventions.factories import STATUS_FIELDS, consent

EXPECTED = {
    (S.PROPOSED, A.ACCEPT): S.ACCEPTED,
    (S.PROPOSED, A.DECLINE): S.DECLINED,
    (S.ACCEPTED, A.START_TRIAL): S.TRIAL,
    (S.TRIAL, A.EVALUATE): S.ACTIVE,
    (S.ACCEPTED, A.START): S.ACTIVE,
    (S.ACCEPTED, A.END): S.ENDED,
    (S.TRIAL, A.END): S.ENDED,
    (S.ACTIVE, A.END): S.ENDED,
    (S.ACCEPTED, A.WITHDRAW_CONSENT): S.ENDED,
    (S.TRIAL, A.WITHDRAW_CONSENT): S.ENDED,
    (S.ACTIVE, A.WITHDRAW_CONSENT): S.ENDED,
}

ALL_PAIRS = list(itertools.product(S.values, TRANSITION_ACTIONS))

# Input that satisfies every action's own guards, so that only the table decides.
GOOD_INPUT = {
    "reason": "Personen och närstående är överens.",
    "trial_start": dt.date(2026, 4, 1),
    "trial_end": dt.date(2026, 5, 1),
    "end_reason": "completed",
}


def test_the_table_is_exactly_the_designed_lifecycle():
    assert TRANSITIONS == EXPECTED


def test_every_action_but_propose_is_a_transition_action():
    assert set(TRANSITION_ACTIONS) == set(A.values) - {A.PROPOSE}
    assert len(ALL_PAIRS) == 6 * 7


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.PROPOSED, ["accept", "decline"]),
        (S.DECLINED, []),
        (S.ACCEPTED, ["start_trial", "start", "end", "withdraw_consent"]),
        (S.TRIAL, ["evaluate", "end", "withdraw_consent"]),
        (S.ACTIVE, ["end", "withdraw_consent"]),
        (S.ENDED, []),
    ],
)
def test_the_actions_each_status_allows(status, expected):
    assert status_actions(status) == expected


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p in EXPECTED])
def test_a_legal_transition_moves_the_intervention_and_writes_one_event(
    world, make_intervention, status, action
):
    intervention = make_intervention(status)
    if action == A.WITHDRAW_CONSENT:
        consent(intervention, withdrawn=True)  # the withdrawn consent it ends because of
    before = intervention.version

    result = intervention_transition(
        actor=world.assessor_a, intervention=intervention, action=action, **GOOD_INPUT
    )

    intervention.refresh_from_db()
    assert result.status == intervention.status == EXPECTED[(status, action)]
    assert intervention.version == before + 1
    event = InterventionEvent.objects.get(intervention=intervention)
    assert (event.action, event.from_status, event.to_status) == (
        action,
        status,
        EXPECTED[(status, action)],
    )
    assert event.actor == world.assessor_a
    assert event.reason == GOOD_INPUT["reason"]
    assert event.at is not None


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_an_illegal_transition_is_refused_with_the_allowed_actions_and_changes_nothing(
    world, make_intervention, status, action
):
    intervention = make_intervention(status)
    consent(intervention, withdrawn=True)  # nothing but the table may refuse withdraw_consent
    snapshot = (intervention.status, intervention.version, intervention.updated_at)

    with pytest.raises(IllegalTransition) as exc:
        intervention_transition(
            actor=world.assessor_a, intervention=intervention, action=action, **GOOD_INPUT
        )

    assert exc.value.extra["current_status"] == status
    assert exc.value.extra["allowed_actions"] == status_actions(status)
    assert action not in exc.value.extra["allowed_actions"]
    intervention.refresh_from_db()
    assert (intervention.status, intervention.version, intervention.updated_at) == snapshot
    assert intervention.trial_start == STATUS_FIELDS[status].get("trial_start")
    assert intervention.end_reason == STATUS_FIELDS[status].get("end_reason", "")
    assert not InterventionEvent.objects.filter(intervention=intervention).exists()


@pytest.mark.parametrize("action", ["propose", "fly", ""])
def test_propose_and_unknown_actions_are_not_transitions(world, make_intervention, action):
    intervention = make_intervention(S.PROPOSED)
    with pytest.raises(IllegalTransition) as exc:
        intervention_transition(actor=world.assessor_a, intervention=intervention, action=action)
    assert exc.value.extra["allowed_actions"] == ["accept", "decline"]


def test_the_state_is_read_under_the_lock_not_from_the_callers_copy(world, make_intervention):
    """A stale in-memory instance (still 'proposed') cannot accept twice."""
    intervention = make_intervention(S.PROPOSED)
    stale = type(intervention).objects.get(pk=intervention.pk)
    intervention_transition(actor=world.assessor_a, intervention=intervention, action="accept")
    with pytest.raises(IllegalTransition) as exc:
        intervention_transition(actor=world.assessor_a, intervention=stale, action="accept")
    assert exc.value.extra["current_status"] == S.ACCEPTED
    assert InterventionEvent.objects.filter(intervention=intervention).count() == 1
