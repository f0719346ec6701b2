"""Who may take each step: the lifecycle table × every role, exhaustively. `allowed_actions`
is what this caller may do now (the API's field, the page's buttons, a 409's list)."""

import itertools

import pytest

from apps.interventions.choices import InterventionAction as A
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.lifecycle import TABLE, TRANSITION_ACTIONS, TRANSITIONS, allowed_actions
from apps.organisations.choices import Role

DECIDERS = {Role.ASSESSOR, Role.LICENSED_PROFESSIONAL, Role.MANAGER}
# Consent is withdrawn by anyone who cares for the person; every other step is a decision.
EXPECTED_ROLES = {
    action: DECIDERS | {Role.CARE_STAFF} if action == A.WITHDRAW_CONSENT else DECIDERS
    for action in TRANSITION_ACTIONS
}
CASES = list(itertools.product(S.values, TRANSITION_ACTIONS, Role.values))


@pytest.mark.parametrize(("status", "action", "role"), CASES)
def test_an_action_is_allowed_exactly_when_the_table_and_the_role_allow_it(status, action, role):
    allowed = TABLE.allowed_actions(status, None, None, roles=({role}, False))
    expected = (status, action) in TRANSITIONS and role in EXPECTED_ROLES[action]
    assert (action in allowed) is expected


@pytest.mark.parametrize("status", S.values)
def test_a_superuser_may_take_every_step_the_status_allows(status):
    allowed = TABLE.allowed_actions(status, None, None, roles=(set(), True))
    assert allowed == TABLE.status_actions(status)


@pytest.mark.parametrize("status", S.values)
def test_no_role_no_action(status):
    assert TABLE.allowed_actions(status, None, None, roles=(set(), False)) == []


def test_the_roles_follow_the_users_memberships(world, make_intervention):
    intervention = make_intervention(S.ACCEPTED)  # alma, unit A
    assert allowed_actions(intervention, world.assessor_a) == [
        "start_trial",
        "start",
        "end",
        "withdraw_consent",
    ]
    assert allowed_actions(intervention, world.staff_a) == ["withdraw_consent"]
    assert allowed_actions(intervention, world.staff_b) == []  # no role in unit A
