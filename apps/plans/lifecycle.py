"""The care plan version lifecycle, in the same shape as the intervention's: a table of
status × action → next status, and who may take each action. Services enforce it; pages
and the API only show what it says (`allowed_actions`: what this caller may do now, see
`apps.core.lifecycle`).

    draft ──submit──▶ submitted ──approve──▶ approved ──(next approval)──▶ superseded
      ▲                   │
      └─ returned ◀─return┘   (returned ──submit──▶ submitted again)
"""

from apps.core.lifecycle import ActionTable
from apps.organisations.permissions import CARE_ROLES, PLAN_REVIEWERS, roles_in_unit
from apps.plans.choices import FROZEN_STATUSES, PlanVersionStatus

S = PlanVersionStatus
UPDATE, SUBMIT, APPROVE, RETURN = "update", "submit", "approve", "return"

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, UPDATE): S.DRAFT,
    (S.DRAFT, SUBMIT): S.SUBMITTED,
    (S.RETURNED, UPDATE): S.RETURNED,
    (S.RETURNED, SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, APPROVE): S.APPROVED,
    (S.SUBMITTED, RETURN): S.RETURNED,
}

ROLES_BY_ACTION: dict[str, tuple[str, ...]] = {
    UPDATE: CARE_ROLES,
    SUBMIT: CARE_ROLES,
    APPROVE: PLAN_REVIEWERS,
    RETURN: PLAN_REVIEWERS,
}

TABLE = ActionTable(TRANSITIONS, ROLES_BY_ACTION, roles_in_unit=roles_in_unit)
ALLOWED_ACTIONS_HELP = TABLE.allowed_actions_help

# The status each action may start from.
SOURCE_STATUSES: dict[str, tuple[str, ...]] = {
    action: TABLE.source_statuses(action) for action in ROLES_BY_ACTION
}
# Approved and superseded versions are frozen: their snapshot is the plan as it was approved.
FROZEN = frozenset(FROZEN_STATUSES)
# The badge tone of each status on the plan's own pages, and on the person's page.
STATUS_TONES = {S.APPROVED: "ok", S.RETURNED: "warn"}
LIST_TONES = {S.APPROVED: "ok", S.RETURNED: "err", S.SUBMITTED: "warn", S.DRAFT: "warn"}


def is_frozen(version) -> bool:
    return version.status in FROZEN


def is_superseded(version) -> bool:
    return version.status == S.SUPERSEDED


def awaits_review(version) -> bool:
    """Submitted: a reviewer approves or returns it."""
    return APPROVE in status_actions(version.status)


def is_returned(version) -> bool:
    return version.status == S.RETURNED


def is_draft(version) -> bool:
    return version.status == S.DRAFT


def is_editable(version) -> bool:
    """Draft or returned: the summary may be changed and the version submitted."""
    return UPDATE in status_actions(version.status)


def status_actions(status: str) -> list[str]:
    """Every action the table allows from `status`, whoever asks."""
    return TABLE.status_actions(status)


def allowed_actions(version, user, *, roles=None) -> list[str]:
    """What `user` may do with the plan version now (the table, kept to the user's roles in
    the person's unit). `version` is a CarePlanVersion, or None (nothing to do)."""
    if version is None:
        return []
    unit = version.plan.recipient.unit_id if roles is None else None
    return TABLE.allowed_actions(version.status, user, unit, roles=roles)
