from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.models import TrackedModel, VersionedModel
from apps.recipients.choices import LEGAL_REPRESENTATIVE_KINDS, ContactKind, RecipientStatus
from apps.recipients.identity import parse_identity_number
from apps.recipients.querysets import CareRecipientQuerySet, RecipientOwnedQuerySet


def recipient_fk(related_name: str, *, on_delete=models.PROTECT) -> models.ForeignKey:
    """The care recipient a record is about (what RecipientOwnedQuerySet scopes by). It
    protects the person, except for what only exists with them (contacts, grants)."""
    return models.ForeignKey(
        "recipients.CareRecipient",
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("omsorgstagare"),
    )


class RecipientRecord(TrackedModel):
    """A record about one care recipient (its `recipient` field made with recipient_fk):
    scoped to the people a user may see by RecipientOwnedQuerySet, with change history."""

    objects = RecipientOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class CareRecipient(TrackedModel, VersionedModel):
    """An omsorgstagare. Never deleted: ended (status) and later culled by the archive rules."""

    organisation = fields.protected_fk(
        "organisations.Organisation", "recipients", _("organisation")
    )
    unit = fields.protected_fk("organisations.Unit", "recipients", _("enhet"))
    given_name = models.CharField(_("förnamn"), max_length=100)
    family_name = models.CharField(_("efternamn"), max_length=100)
    personal_number = models.CharField(
        _("personnummer"),
        max_length=13,
        help_text=_("Personnummer eller samordningsnummer, lagras som ÅÅÅÅMMDD-NNNN."),
    )
    is_coordination_number = models.BooleanField(_("samordningsnummer"), default=False)
    birth_date = models.DateField(_("födelsedatum"))
    protected_identity = models.BooleanField(
        _("skyddad identitet"),
        default=False,
        help_text=_("Syns bara för användare som uttryckligen fått behörighet."),
    )
    preferred_language = models.CharField(_("föredraget språk"), max_length=50, default="svenska")
    needs_interpreter = models.BooleanField(_("behöver tolk"), default=False)
    hearing_impairment = models.BooleanField(_("nedsatt hörsel"), default=False)
    visual_impairment = models.BooleanField(_("nedsatt syn"), default=False)
    cognitive_impairment = models.BooleanField(_("kognitiv svikt"), default=False)
    communication_notes = models.TextField(_("om kommunikation"), blank=True, max_length=2000)
    status = fields.status(RecipientStatus, RecipientStatus.ACTIVE)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)

    objects = CareRecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("omsorgstagare")
        verbose_name_plural = _("omsorgstagare")
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "personal_number"],
                name="recipient_personal_number_unique_in_org",
                violation_error_code="duplicate_personal_number",
                violation_error_message=_(
                    "Det finns redan en omsorgstagare med detta personnummer i organisationen."
                ),
            ),
            fields.choice_check("status", RecipientStatus, "recipient_status_valid"),
            fields.not_before(
                "end_date",
                "start_date",
                "recipient_end_after_start",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            ),
        ]
        indexes = [
            fields.newest_index("recipient_unit_newest", "unit"),
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["personal_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    # Derived from the personal identity number in clean(), never entered by hand.
    DERIVED_FIELDS = ("birth_date", "is_coordination_number")

    def clean_fields(self, exclude=None) -> None:
        super().clean_fields(exclude=set(exclude or ()) | set(self.DERIVED_FIELDS))

    def validate_constraints(self, exclude=None) -> None:
        # The uniqueness of (organisation, personal_number) is about the number: report it on
        # that field, next to what the user typed, rather than as a general form error.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            for error in general:
                target = (
                    "personal_number"
                    if error.code == "duplicate_personal_number"
                    else NON_FIELD_ERRORS
                )
                errors.setdefault(target, []).append(error)
            raise ValidationError(errors) from None

    def clean(self) -> None:
        errors = {}
        if self.personal_number:
            try:
                parsed = parse_identity_number(self.personal_number)
            except ValidationError as exc:
                errors["personal_number"] = exc.messages
            else:
                self.personal_number = parsed.normalised
                self.birth_date = parsed.birth_date
                self.is_coordination_number = parsed.is_coordination_number
        if (
            self.unit_id
            and self.organisation_id
            and self.unit.organisation_id != self.organisation_id
        ):
            errors["unit"] = _("Enheten hör till en annan organisation än omsorgstagaren.")
        if errors:
            raise ValidationError(errors)


class Contact(RecipientRecord):
    """A närstående, or a legal representative (god man / förvaltare)."""

    recipient = recipient_fk("contacts", on_delete=models.CASCADE)
    kind = models.CharField(_("typ"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    relation = models.CharField(
        _("relation"), max_length=100, blank=True, help_text=_("t.ex. dotter, make")
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    lives_with_recipient = models.BooleanField(
        _("bor med omsorgstagaren"),
        default=False,
        help_text=_("Samtycke krävs även från samboende närstående vid övervakande teknik."),
    )
    notes = models.TextField(_("anteckningar"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["kind", "name"]
        constraints = [fields.choice_check("kind", ContactKind, "contact_kind_valid")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def is_legal_representative(self) -> bool:
        return self.kind in LEGAL_REPRESENTATIVE_KINDS


class ProtectedIdentityGrant(TrackedModel):
    """An explicit right for one user to see one recipient with protected identity."""

    recipient = recipient_fk("protected_grants", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="protected_grants",
        verbose_name=_("användare"),
    )
    granted_by = fields.user_fk(_("beviljad av"), optional=True)
    reason = models.CharField(_("skäl"), max_length=300)

    class Meta:
        verbose_name = _("behörighet till skyddad identitet")
        verbose_name_plural = _("behörigheter till skyddad identitet")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "user"], name="protected_grant_unique")
        ]
        indexes = [models.Index(fields=["user", "recipient"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.recipient_id}"
