from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.history import TrackedQuerySet, tracked_history
from apps.core.models import BaseModel
from apps.organisations.choices import OrganisationKind, Role, UnitKind
from apps.organisations.querysets import UnitQuerySet


class Organisation(BaseModel):
    """A huvudman: a municipality or a region."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    organisation_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, help_text=_("NNNNNN-NNNN")
    )

    objects = TrackedQuerySet.as_manager()
    history = tracked_history()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(BaseModel):
    """An enhet: home care group, special housing, home health care, LSS or rehabilitation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=30, choices=UnitKind.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = UnitQuerySet.as_manager()
    history = tracked_history()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unit_name_unique_in_org"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=UnitKind.values), name="unit_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """User × unit × role. One role per user and unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("användare"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("enhet")
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)

    objects = TrackedQuerySet.as_manager()
    history = tracked_history()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["unit__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_role_per_unit"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"
