from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.models import TrackedModel
from apps.organisations.choices import OrganisationKind, Role, UnitKind
from apps.organisations.querysets import MembershipQuerySet, UnitQuerySet


class Organisation(TrackedModel):
    """A huvudman: a municipality or a region."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    organisation_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, help_text=_("NNNNNN-NNNN")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [fields.choice_check("kind", OrganisationKind, "organisation_kind_valid")]

    def __str__(self) -> str:
        return self.name


# A Swedish telephone number, loosely: 0 or +46, then the area code and the number, with
# spaces or hyphens anywhere between the digits ("08-123 456 78", "+46 70 174 06 05").
SWEDISH_PHONE = r"^(\+46|0)[ -]?[1-9]([ -]?[0-9]){5,11}$"
swedish_phone_validator = RegexValidator(
    SWEDISH_PHONE,
    message=_("Ange ett svenskt telefonnummer med riktnummer, t.ex. 08-123 456 78."),
)


class Unit(TrackedModel):
    """An enhet: home care group, special housing, home health care, LSS or rehabilitation."""

    organisation = fields.protected_fk(Organisation, "units", _("organisation"))
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=30, choices=UnitKind.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # Printed on the person's plan: the number the person (or their family) calls.
    phone = models.CharField(
        _("telefon"),
        max_length=20,
        blank=True,
        validators=[swedish_phone_validator],
        help_text=_("Det nummer personen ringer till enheten, t.ex. 08-123 456 78."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unit_name_unique_in_org"
            ),
            fields.choice_check("kind", UnitKind, "unit_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(phone="") | models.Q(phone__regex=SWEDISH_PHONE),
                name="unit_phone_swedish",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TrackedModel):
    """User × unit × role. One role per user and unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("användare"),
    )
    unit = fields.protected_fk(Unit, "memberships", _("enhet"))
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["unit__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_role_per_unit"),
            fields.choice_check("role", Role, "membership_role_valid"),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"
