"""Abstract bases shared by every record (field helpers: apps/core/fields.py). No concrete
models live here."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.history import TrackedQuerySet, tracked_history


class BaseModel(models.Model):
    """A record addressed by a random UUID (never a guessable integer), with timestamps.

    `updated_at` is indexed so that integrations can sync incrementally ("updated since").
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic concurrency: `version` grows by one on every change and is the API's ETag.

    Services lock the row, compare the version the client saw (If-Match) and save with
    version + 1 (apps/core/versioning.py), so two edits from the same read give one success
    and one 412.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class TrackedModel(BaseModel):
    """A record whose every change is kept (change history, stamped with the request id)
    and whose queryset refuses a bulk update() that would bypass it. A model with
    many-to-many fields names those whose changes count in `_history_m2m_fields`."""

    objects = TrackedQuerySet.as_manager()
    history = tracked_history(inherit=True)

    class Meta:
        abstract = True


RATING_MIN, RATING_MAX = 0, 10


def rating_field(verbose_name, **kwargs):
    """A 0–10 rating in the person's own judgement (as the Patient-Specific Functional Scale)."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
        **kwargs,
    )


def rating_constraint(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": RATING_MIN, f"{field}__lte": RATING_MAX}),
        name=name,
    )
