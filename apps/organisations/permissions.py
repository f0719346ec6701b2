"""What a user may do: one named check per decision, in one place. Who may *see* what is the
scoping in `apps.recipients.querysets`; these checks only ever narrow that set.

Roles (Membership.role) are held per unit; a check is always about the unit of the care
recipient whose record is being changed (`where`: the recipient, its unit or the unit's id).
A superuser passes every role check (but still sees protected people only with a grant). An
API token narrowed to some units acts in those units only.

Services call the checks (`require(can_care, actor, recipient)`); views and templates read
the same answers from one `abilities(user, recipient)` object (one membership query); the
navigation reads `navigation_abilities(user)` (one query over all the user's units).
"""

from dataclasses import dataclass, fields

from django.utils.translation import gettext as _

from apps.core.exceptions import PermissionDeniedError
from apps.organisations.choices import Role
from apps.organisations.models import Membership
from apps.organisations.querysets import token_units

# Everyone who works with the person (not the administrator, who manages the system).
CARE_ROLES = (Role.CARE_STAFF, Role.ASSESSOR, Role.LICENSED_PROFESSIONAL, Role.MANAGER)
# Create and edit care recipients' registration details.
RECIPIENT_EDITORS = (Role.ASSESSOR, Role.MANAGER, Role.ADMINISTRATOR)
# Propose interventions and move them through their lifecycle.
INTERVENTION_DECIDERS = (Role.ASSESSOR, Role.LICENSED_PROFESSIONAL, Role.MANAGER)
# Professional assessments (HSL side): licensed staff only.
ASSESSORS = (Role.LICENSED_PROFESSIONAL,)
# Approve or return care plans.
PLAN_REVIEWERS = (Role.MANAGER,)
# Produce a register extract (GDPR art. 15) of a person.
EXTRACT_PRODUCERS = (Role.ADMINISTRATOR,)
# Review the access log (of the units they manage or administer).
LOG_REVIEWERS = (Role.MANAGER, Role.ADMINISTRATOR)

# Each per-unit check and the roles that pass it: the fields of `Abilities`.
ROLES_BY_CHECK: dict[str, tuple[str, ...]] = {
    "can_edit_recipient": RECIPIENT_EDITORS,
    "can_care": CARE_ROLES,
    "can_propose": INTERVENTION_DECIDERS,
    "can_decide": INTERVENTION_DECIDERS,
    "can_assess": ASSESSORS,
    "can_start_plan": CARE_ROLES,
    "can_approve_plan": PLAN_REVIEWERS,
    "can_produce_extract": EXTRACT_PRODUCERS,
}


def _unit_id(where):
    """A recipient (anything with `unit_id`), a unit, or a unit's id."""
    if hasattr(where, "unit_id"):
        return where.unit_id
    return getattr(where, "pk", where)


def _outside_token_scope(user, unit_id) -> bool:
    units = token_units(user)
    return units is not None and unit_id not in units


def _is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def roles_in_unit(user, unit) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    unit_id = _unit_id(unit)
    if _outside_token_scope(user, unit_id):
        return set()
    return set(Membership.objects.filter(user=user, unit_id=unit_id).values_list("role", flat=True))


def _grants(held, roles) -> bool:
    return bool(set(held) & {str(role) for role in roles})


def has_role_in_unit(user, unit, roles) -> bool:
    if _outside_token_scope(user, _unit_id(unit)):
        return False
    if _is_superuser(user):
        return True
    return _grants(roles_in_unit(user, unit), roles)


# --- the named checks, per unit ---------------------------------------------------------------


def can_edit_recipient(user, where) -> bool:
    """Register a person in, or edit the registration details of a person of, the unit; also
    who sees the protected-identity grants."""
    return has_role_in_unit(user, where, RECIPIENT_EDITORS)


def can_care(user, where) -> bool:
    """Conversations and answers, goals, follow-ups, consents, and drafting the care plan."""
    return has_role_in_unit(user, where, CARE_ROLES)


def can_propose(user, where) -> bool:
    """Propose an intervention (and edit the proposal)."""
    return has_role_in_unit(user, where, INTERVENTION_DECIDERS)


def can_decide(user, where) -> bool:
    """Move an intervention through its lifecycle (accept, start, end, …)."""
    return has_role_in_unit(user, where, INTERVENTION_DECIDERS)


def can_assess(user, where) -> bool:
    """Record a professional assessment."""
    return has_role_in_unit(user, where, ASSESSORS)


def can_start_plan(user, where) -> bool:
    """Start a draft of the person's care plan."""
    return has_role_in_unit(user, where, CARE_ROLES)


def can_approve_plan(user, where) -> bool:
    """Approve or return a submitted care plan."""
    return has_role_in_unit(user, where, PLAN_REVIEWERS)


def can_produce_extract(user, where) -> bool:
    """Produce a register extract of a person (an administrator of the person's unit)."""
    return has_role_in_unit(user, where, EXTRACT_PRODUCERS)


def require(check, user, where, message: str | None = None) -> None:
    """Raise PermissionDeniedError (HTTP 403) unless `check(user, where)` passes. Call it
    after the recipient was fetched through `visible_to`."""
    if not check(user, where):
        raise PermissionDeniedError(message or _("Din roll i enheten tillåter inte detta."))


def require_role(user, recipient, roles, message: str | None = None) -> None:
    """`require` for a role table kept elsewhere (the care plan lifecycle's roles per action)."""
    if not has_role_in_unit(user, recipient.unit_id, roles):
        raise PermissionDeniedError(message or _("Din roll i enheten tillåter inte detta."))


# --- the answers for one person's unit, for pages ---------------------------------------------


@dataclass(frozen=True)
class Abilities:
    """The named checks' answers in one unit (the services check again)."""

    can_edit_recipient: bool
    can_care: bool
    can_propose: bool
    can_decide: bool
    can_assess: bool
    can_start_plan: bool
    can_approve_plan: bool
    can_produce_extract: bool
    # What the checks were answered from, for role tables kept elsewhere (plan lifecycle).
    roles: frozenset = frozenset()
    is_superuser: bool = False


ABILITY_NAMES = tuple(f.name for f in fields(Abilities) if f.name.startswith("can_"))


def abilities(user, where) -> Abilities:
    """What `user` may do in the unit of `where` (a recipient, unit or unit id): one query."""
    superuser = _is_superuser(user) and not _outside_token_scope(user, _unit_id(where))
    held = frozenset(roles_in_unit(user, where))
    return Abilities(
        **{name: superuser or _grants(held, ROLES_BY_CHECK[name]) for name in ABILITY_NAMES},
        roles=held,
        is_superuser=superuser,
    )


# --- the navigation: roles in any unit --------------------------------------------------------


@dataclass(frozen=True)
class NavigationAbilities:
    """Which of the pages across units the navigation offers (each page checks again)."""

    can_review_plans: bool = False
    can_see_overview: bool = False
    can_review_log: bool = False
    can_administer: bool = False


def navigation_abilities(user) -> NavigationAbilities:
    """One query: the roles the user holds in any unit."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NavigationAbilities()
    held = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    superuser = bool(user.is_superuser)
    manages = superuser or _grants(held, PLAN_REVIEWERS)
    return NavigationAbilities(
        can_review_plans=manages,
        can_see_overview=manages,
        can_review_log=superuser or _grants(held, LOG_REVIEWERS),
        can_administer=user.is_staff and (superuser or _grants(held, (Role.ADMINISTRATOR,))),
    )


# --- the caller's roles, for API bodies ------------------------------------------------------


def caller_roles(context, unit_id) -> tuple[set[str], bool]:
    """The requesting user's roles in `unit_id` and whether they act as a superuser: what a
    lifecycle's `allowed_actions` is filtered by. Read once per request for all the user's
    units and kept in the context, which a list shares between its rows. (The rows are
    already narrowed to a token's units by `visible_to`.)"""
    user = context["request"].user
    if "_caller_roles_by_unit" not in context:
        by_unit: dict[str, set[str]] = {}
        if user.is_authenticated and user.is_active:
            for unit, role in Membership.objects.filter(user=user).values_list("unit_id", "role"):
                by_unit.setdefault(str(unit), set()).add(role)
        context["_caller_roles_by_unit"] = by_unit
    superuser = bool(user.is_superuser and user.is_active)
    return context["_caller_roles_by_unit"].get(str(unit_id), set()), superuser
