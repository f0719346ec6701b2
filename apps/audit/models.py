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

from apps.audit.choices import Channel, Outcome


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
