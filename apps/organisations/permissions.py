"""Who may change what: role checks, in one place. Who may *see* what is the scoping in
`apps.recipients.querysets`; these checks only ever narrow that set.

Roles (Membership.role) are held per unit; a check is always about the unit of the care
recipient whose record is being changed. A superuser passes every role check (but still
sees protected people only with a grant).
"""

from django.utils.translation import gettext as _

from apps.core.exceptions import PermissionDeniedError
from apps.organisations.choices import Role

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


def _outside_token_scope(user, unit_id) -> bool:
    """An API token narrowed to some units (ApiToken.units) acts in those units only."""
    token_units = getattr(user, "token_unit_ids", None)
    return token_units is not None and unit_id not in token_units


def roles_in_unit(user, unit) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    from apps.organisations.models import Membership

    unit_id = getattr(unit, "pk", unit)
    if _outside_token_scope(user, unit_id):
        return set()
    return set(Membership.objects.filter(user=user, unit_id=unit_id).values_list("role", flat=True))


def has_role_in_unit(user, unit, roles) -> bool:
    if _outside_token_scope(user, getattr(unit, "pk", unit)):
        return False
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_in_unit(user, unit) & {str(r) for r in roles})


def can_edit_recipients_in(user, unit) -> bool:
    return has_role_in_unit(user, unit, RECIPIENT_EDITORS)


def require_role(user, recipient, roles, message: str | None = None) -> None:
    """Raise PermissionDeniedError (HTTP 403) unless `user` holds one of `roles` in the
    recipient's unit. Call it after the recipient was fetched through `visible_to`."""
    if not has_role_in_unit(user, recipient.unit_id, roles):
        raise PermissionDeniedError(message or _("Din roll i enheten tillåter inte detta."))
