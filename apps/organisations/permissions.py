"""Who may change what: role checks, in one place. Who may *see* what is the scoping in
`apps.recipients.querysets`; these checks only ever narrow that set."""

from apps.organisations.choices import Role

RECIPIENT_EDITORS = (Role.ASSESSOR, Role.MANAGER, Role.ADMINISTRATOR)


def roles_in_unit(user, unit) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    from apps.organisations.models import Membership

    return set(Membership.objects.filter(user=user, unit=unit).values_list("role", flat=True))


def has_role_in_unit(user, unit, roles) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_in_unit(user, unit) & {str(r) for r in roles})


def can_edit_recipients_in(user, unit) -> bool:
    return has_role_in_unit(user, unit, RECIPIENT_EDITORS)
