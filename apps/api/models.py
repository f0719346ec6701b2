from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """One POST per (user, Idempotency-Key): the request's hash and the response it got.

    Written in the same transaction as the create it protects, so a retry, or ten copies of
    the request sent at once, make one row and get the same answer. Kept 24 hours."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    # Records written before response_content existed; replayed as JSON.
    response_body = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    # The response exactly as first sent, replayed byte for byte.
    response_content = models.BinaryField(null=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotensnyckel")
        verbose_name_plural = _("idempotensnycklar")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
