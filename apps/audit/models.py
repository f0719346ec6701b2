"""The access log (åtkomstlogg): every read of a care recipient's records.

Patientdatalagen 4:3 and HSLF-FS 2016:40 4:9 (and SoLPuL for social services) require that
every access is logged with who, which person, when and what, and that the logs are
reviewed and kept at least five years. One request writes its rows in one INSERT. The table
is append-only: on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002), except for
the scheduled culling of rows older than the retention period.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.choices import Channel, Outcome, ReviewFinding, ReviewMethod
from apps.audit.labels import access_label, is_write, what_label
from apps.core import fields
from apps.core.models import BaseModel

SCOPE_MAX, NOTES_MAX = 1000, 4000


class AccessLog(models.Model):
    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("när"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    # A plain id, not a foreign key: the log must outlive culling of the records it refers to.
    recipient_id = models.UUIDField(_("omsorgstagare (id)"), null=True)
    unit_id = models.UUIDField(_("enhet (id)"), null=True)
    outside_own_units = models.BooleanField(
        _("utanför egna enheter"),
        default=False,
        help_text=_("Åtkomst genom särskild behörighet, utanför användarens enheter."),
    )
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    outcome = models.CharField(
        _("utfall"), max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED
    )
    what = models.CharField(_("vad"), max_length=200, help_text=_("Vy eller API-anrop"))
    method = models.CharField(_("metod"), max_length=10)
    path = models.CharField(_("sökväg"), max_length=500)
    ip_address = models.GenericIPAddressField(_("adress"), null=True)
    token_key = models.CharField(_("token"), max_length=25, blank=True)
    request_id = models.CharField(_("begäran"), max_length=36, blank=True)

    class Meta:
        verbose_name = _("åtkomstlogg")
        verbose_name_plural = _("åtkomstloggar")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["recipient_id", "-at"]),
            models.Index(fields=["user", "-at"]),
            models.Index(fields=["unit_id", "-at"]),
            # The log review's filters (apps/audit/filters.py): by channel, and the rare rows
            # a reviewer looks for first, denied reads and reads outside the user's own units.
            models.Index(fields=["channel", "-at"], name="audit_log_channel_at"),
            models.Index(
                fields=["-at"], condition=models.Q(outcome="denied"), name="audit_log_denied_at"
            ),
            models.Index(
                fields=["-at"],
                condition=models.Q(outside_own_units=True),
                name="audit_log_outside_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"

    def what_display(self) -> str:
        """What was done, in words (apps/audit/labels.py); the stored name if it has none."""
        return what_label(self.what, self.method)

    def access_display(self) -> str:
        """Read, changed or refused: the outcome says allowed or refused, the method which."""
        return access_label(self.outcome, self.method)

    @property
    def is_write(self) -> bool:
        return self.outcome != Outcome.DENIED and is_write(self.method)


class LogReview(BaseModel):
    """A documented check of one unit's access log (logguppföljning): who checked which
    period, how, how many accesses, and what was found. HSLF-FS 2016:40 4:9 asks for
    systematic, recurring checks; this is their record. Never changed once made: a correction
    is a new check."""

    unit = fields.protected_fk("organisations.Unit", "log_reviews", _("enhet"))
    reviewer = fields.user_fk(_("granskare"))
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    method = models.CharField(_("metod"), max_length=20, choices=ReviewMethod.choices)
    scope = models.TextField(
        _("vad som kontrollerades"),
        max_length=SCOPE_MAX,
        help_text=_(
            "T.ex. ”25 slumpvisa åtkomster och alla åtkomster utanför egna enheter”. "
            "Skriv inte namn eller personnummer."
        ),
    )
    accesses_checked = models.PositiveIntegerField(_("antal kontrollerade åtkomster"))
    finding = models.CharField(_("resultat"), max_length=20, choices=ReviewFinding.choices)
    notes = models.TextField(
        _("iakttagelser och åtgärder"),
        max_length=NOTES_MAX,
        blank=True,
        help_text=_("Krävs vid anmärkning: vad som hittades och vad som görs."),
    )

    class Meta:
        verbose_name = _("logguppföljning")
        verbose_name_plural = _("logguppföljningar")
        ordering = ["-period_end", "-created_at"]
        indexes = [models.Index(fields=["unit", "-period_end"], name="audit_review_unit_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="audit_review_period_in_order",
            ),
            fields.choice_check("finding", ReviewFinding, "audit_review_finding_known"),
            fields.choice_check("method", ReviewMethod, "audit_review_method_known"),
            models.CheckConstraint(
                condition=~models.Q(finding=ReviewFinding.REMARKS, notes=""),
                name="audit_review_remarks_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"
