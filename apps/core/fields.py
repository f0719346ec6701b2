"""Field helpers for models: the project's conventions for a field, stated once.

A reference to another record protects it (records are never deleted behind anyone's
back), a status or other choice is checked by the database too, and every list has a
"newest first" index. Models use them as `fields.user_fk(...)`, `fields.status(...)`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def protected_fk(to, related_name: str, verbose_name=None, *, optional: bool = False):
    """A foreign key that keeps what it points to from being deleted (on_delete=PROTECT)."""
    kwargs = {"null": True, "blank": True} if optional else {}
    return models.ForeignKey(
        to, on_delete=models.PROTECT, related_name=related_name, verbose_name=verbose_name, **kwargs
    )


def user_fk(verbose_name=None, *, optional: bool = False, related_name: str = "+"):
    """Who did something (proposed, recorded, reviewed…): a protected link to a user."""
    return protected_fk(settings.AUTH_USER_MODEL, related_name, verbose_name, optional=optional)


def self_link(related_name: str, verbose_name=None) -> models.OneToOneField:
    """An optional, protected one-to-one link to another record of the same model (the
    follow-up after this one, the answer this one replaces): a chain, one step at a time."""
    return models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def status(choices: type[models.TextChoices], default: str) -> models.CharField:
    """A record's status: one of `choices`, starting at `default` (in Python and in SQL)."""
    return models.CharField(
        _("status"), max_length=20, choices=choices.choices, default=default, db_default=default
    )


def choice_check(field: str, choices: type[models.TextChoices], name: str):
    """The database's own check that `field` holds one of `choices`' values."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


def not_blank(field: str, name: str) -> models.CheckConstraint:
    """The database's own check that a required text `field` is not empty."""
    return models.CheckConstraint(condition=~models.Q(**{field: ""}), name=name)


def not_before(later: str, earlier: str, name: str, **kwargs) -> models.CheckConstraint:
    """The database's own check that `later`, an optional date, is not before `earlier`."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{later}__isnull": True})
        | models.Q(**{f"{later}__gte": models.F(earlier)}),
        name=name,
        **kwargs,
    )


def newest_index(name: str, *leading: str) -> models.Index:
    """The index behind "newest first" lists and the API's cursor pagination."""
    return models.Index(fields=[*leading, "-created_at", "id"], name=name)
