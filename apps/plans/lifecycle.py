"""The care plan version lifecycle as data: which actions each status allows, and who may
take them. Services enforce it; the API shows it to clients as `allowed_actions`.

    draft ──submit──▶ submitted ──approve──▶ approved ──(next approval)──▶ superseded
      ▲                   │
      └─ returned ◀─return┘   (returned ──submit──▶ submitted again)
"""

from apps.organisations.permissions import CARE_ROLES, PLAN_REVIEWERS
from apps.plans.choices import PlanVersionStatus

UPDATE, SUBMIT, APPROVE, RETURN = "update", "submit", "approve", "return"

ACTIONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    PlanVersionStatus.DRAFT: (UPDATE, SUBMIT),
    PlanVersionStatus.RETURNED: (UPDATE, SUBMIT),
    PlanVersionStatus.SUBMITTED: (APPROVE, RETURN),
    PlanVersionStatus.APPROVED: (),
    PlanVersionStatus.SUPERSEDED: (),
}

ROLES_BY_ACTION: dict[str, tuple[str, ...]] = {
    UPDATE: CARE_ROLES,
    SUBMIT: CARE_ROLES,
    APPROVE: PLAN_REVIEWERS,
    RETURN: PLAN_REVIEWERS,
}

# The status each action may start from.
SOURCE_STATUSES: dict[str, tuple[str, ...]] = {
    action: tuple(status for status, actions in ACTIONS_BY_STATUS.items() if action in actions)
    for action in ROLES_BY_ACTION
}


def allowed_actions(status: str, *, roles: set[str], is_superuser: bool = False) -> list[str]:
    """The actions that `status` allows to someone holding `roles` in the recipient's unit."""
    return [
        action
        for action in ACTIONS_BY_STATUS.get(status, ())
        if is_superuser or roles & {str(role) for role in ROLES_BY_ACTION[action]}
    ]
