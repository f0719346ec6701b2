"""Writes to care recipients. Pages, the admin and the API all call these."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.changes import changes_nothing
from apps.core.exceptions import PermissionDeniedError
from apps.core.versioning import lock_for_change, save_new_version
from apps.organisations.permissions import can_edit_recipient
from apps.recipients.models import CareRecipient, ProtectedIdentityGrant

RECIPIENT_FIELDS = (
    "unit",
    "given_name",
    "family_name",
    "personal_number",
    "protected_identity",
    "preferred_language",
    "needs_interpreter",
    "hearing_impairment",
    "visual_impairment",
    "cognitive_impairment",
    "communication_notes",
    "status",
    "start_date",
    "end_date",
)


@contextmanager
def _one_per_number():
    """A concurrent insert that won the unique constraint race is a field error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError(
            {
                "personal_number": ValidationError(
                    _("Det finns redan en omsorgstagare med detta personnummer i organisationen."),
                    code="duplicate",
                )
            }
        ) from exc


@transaction.atomic
def recipient_create(*, actor, **fields) -> CareRecipient:
    unknown = set(fields) - set(RECIPIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown recipient fields: {sorted(unknown)}")
    unit = fields["unit"]
    if not can_edit_recipient(actor, unit):
        raise PermissionDeniedError(
            _("Du får inte lägga till omsorgstagare i den här enheten."), code="unit_not_editable"
        )
    recipient = CareRecipient(organisation_id=unit.organisation_id, **fields)
    recipient.full_clean()
    with _one_per_number():
        recipient.save()
    return recipient


@transaction.atomic
def recipient_update(
    *, actor, recipient: CareRecipient, expected_version: int | None = None, **fields
) -> CareRecipient:
    unknown = set(fields) - set(RECIPIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown recipient fields: {sorted(unknown)}")

    def check(current: CareRecipient) -> None:
        # Rights against the stored row, not the caller's (possibly already edited) instance.
        if not can_edit_recipient(actor, current.unit):
            raise PermissionDeniedError(
                _("Du får inte ändra omsorgstagare i den här enheten."), code="unit_not_editable"
            )

    current = lock_for_change(
        CareRecipient.objects.visible_to(actor).select_related("unit"),
        recipient,
        expected_version=expected_version,
        check=check,
    )
    new_unit = fields.get("unit")
    moving = new_unit is not None and new_unit.pk != current.unit_id
    if moving and not can_edit_recipient(actor, new_unit):
        raise PermissionDeniedError(
            _("Du får inte flytta omsorgstagare till den enheten."), code="target_unit_not_editable"
        )
    if changes_nothing(current, fields):
        return current
    for name, value in fields.items():
        setattr(current, name, value)
    with _one_per_number():
        save_new_version(current)
    return current


@transaction.atomic
def protected_identity_grant(
    *, actor, recipient: CareRecipient, user, reason: str
) -> ProtectedIdentityGrant:
    if not can_edit_recipient(actor, recipient.unit):
        raise PermissionDeniedError(
            _("Du får inte bevilja behörighet för den här omsorgstagaren."),
            code="unit_not_editable",
        )
    grant, _created = ProtectedIdentityGrant.objects.get_or_create(
        recipient=recipient, user=user, defaults={"granted_by": actor, "reason": reason}
    )
    return grant
