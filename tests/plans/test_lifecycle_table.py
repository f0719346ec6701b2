"""The care plan lifecycle in the same shape as the intervention's: status × action × role,
exhaustively."""

import itertools

import pytest

from apps.organisations.choices import Role
from apps.plans.choices import PlanVersionStatus as S
from apps.plans.lifecycle import SOURCE_STATUSES, TABLE, TRANSITIONS

CARE = {Role.CARE_STAFF, Role.ASSESSOR, Role.LICENSED_PROFESSIONAL, Role.MANAGER}
EXPECTED = {
    (S.DRAFT, "update"): S.DRAFT,
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.RETURNED, "update"): S.RETURNED,
    (S.RETURNED, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "approve"): S.APPROVED,
    (S.SUBMITTED, "return"): S.RETURNED,
}
EXPECTED_ROLES = {
    "update": CARE,
    "submit": CARE,
    "approve": {Role.MANAGER},
    "return": {Role.MANAGER},
}
CASES = list(itertools.product(S.values, EXPECTED_ROLES, Role.values))


def test_the_table_is_exactly_the_designed_lifecycle():
    assert TRANSITIONS == EXPECTED
    assert TABLE.actions == ("update", "submit", "approve", "return")
    assert SOURCE_STATUSES == {
        "update": (S.DRAFT, S.RETURNED),
        "submit": (S.DRAFT, S.RETURNED),
        "approve": (S.SUBMITTED,),
        "return": (S.SUBMITTED,),
    }


@pytest.mark.parametrize(("status", "action", "role"), CASES)
def test_an_action_is_allowed_exactly_when_the_table_and_the_role_allow_it(status, action, role):
    allowed = TABLE.allowed_actions(status, None, None, roles=({role}, False))
    expected = (status, action) in EXPECTED and role in EXPECTED_ROLES[action]
    assert (action in allowed) is expected


@pytest.mark.parametrize("status", S.values)
def test_a_superuser_may_take_every_step_the_status_allows(status):
    assert TABLE.allowed_actions(status, None, None, roles=(set(), True)) == [
        action for (s, action) in EXPECTED if s == status
    ]
