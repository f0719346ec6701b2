"""Care plans (genomförandeplaner): the person's plan as a whole, in versions.

A version is drafted by staff, submitted, then approved or returned with a comment by a
manager of the unit. Approval freezes the version: `snapshot` holds the goals,
interventions and follow-up schedule as they were, and the version is never changed
again. A later change starts a new draft version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.exceptions import ConflictError
from apps.core.models import TrackedModel, VersionedModel
from apps.plans.choices import FROZEN_STATUSES, OPEN_STATUSES, PlanVersionStatus
from apps.recipients.models import RecipientRecord
from apps.recipients.querysets import RecipientOwnedQuerySet


class CarePlan(RecipientRecord):
    recipient = models.OneToOneField(
        "recipients.CareRecipient",
        on_delete=models.PROTECT,
        related_name="care_plan",
        verbose_name=_("omsorgstagare"),
    )

    class Meta:
        verbose_name = _("genomförandeplan")
        verbose_name_plural = _("genomförandeplaner")

    def __str__(self) -> str:
        return str(_("Genomförandeplan"))


class CarePlanVersionQuerySet(RecipientOwnedQuerySet):
    recipient_field = "plan__recipient"


class FrozenVersionError(ConflictError):
    """An approved (or superseded) version is never changed again; start a new draft."""

    default_code = "version_frozen"


# Bookkeeping that may move on a frozen row: superseding bumps the version and timestamp.
_FROZEN_EXEMPT_FIELDS = {"status", "version", "updated_at"}


class CarePlanVersion(TrackedModel, VersionedModel):
    plan = fields.protected_fk(CarePlan, "versions", _("plan"))
    number = models.PositiveIntegerField(_("version"))
    status = fields.status(PlanVersionStatus, PlanVersionStatus.DRAFT)
    summary = models.TextField(
        _("planen i klartext"),
        blank=True,
        max_length=8000,
        help_text=_("Skrivs så att personen själv förstår den."),
    )
    snapshot = models.JSONField(_("fastställt innehåll"), null=True, blank=True, editable=False)
    created_by = fields.user_fk(optional=True)
    submitted_by = fields.user_fk(optional=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    reviewed_by = fields.user_fk(optional=True)
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    review_comment = models.TextField(_("kommentar från granskningen"), blank=True, max_length=4000)

    objects = CarePlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="plan_one_open_version",
                violation_error_message=_("Planen har redan en version under arbete."),
            ),
            fields.choice_check("status", PlanVersionStatus, "plan_version_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=PlanVersionStatus.APPROVED)
                | models.Q(snapshot__isnull=False),
                name="plan_version_approved_has_snapshot",
            ),
        ]
        indexes = [
            fields.newest_index("careplanversion_newest"),
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["submitted_at"], name="plan_version_submitted_at_idx"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} ({self.get_status_display()})"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self._refuse_changes_to_frozen_row()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True)
        if stored.first() in FROZEN_STATUSES:
            raise FrozenVersionError(str(_("En fastställd planversion kan inte tas bort.")))
        return super().delete(*args, **kwargs)

    def _refuse_changes_to_frozen_row(self) -> None:
        """The guard below the services: whatever path saves the row (a service, the admin,
        a shell), a stored approved version only ever moves on to superseded, and a
        superseded one never changes. (QuerySet.update() bypasses this; nothing uses it.)"""
        fields = [f.attname for f in self._meta.concrete_fields]
        stored = type(self)._base_manager.filter(pk=self.pk).values(*fields).first()
        if stored is None or stored["status"] not in FROZEN_STATUSES:
            return
        allowed_next = {
            PlanVersionStatus.APPROVED: {PlanVersionStatus.APPROVED, PlanVersionStatus.SUPERSEDED},
            PlanVersionStatus.SUPERSEDED: {PlanVersionStatus.SUPERSEDED},
        }[stored["status"]]
        changed = [
            name
            for name in fields
            if name not in _FROZEN_EXEMPT_FIELDS and getattr(self, name) != stored[name]
        ]
        if self.status not in allowed_next or changed:
            raise FrozenVersionError(
                str(_("En fastställd planversion ändras aldrig. Starta en ny version.")),
                extra={"current_status": stored["status"], "changed_fields": changed},
            )
