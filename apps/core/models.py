"""Abstract bases shared by every record. No concrete models live here."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """A record addressed by a random UUID (never a guessable integer), with timestamps.

    `updated_at` is indexed so that integrations can sync incrementally ("updated since").
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True, db_index=True)

    class Meta:
        abstract = True
