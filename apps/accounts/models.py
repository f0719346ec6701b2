import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in, or an integration (another system) that calls the API with a token.

    What a user may see follows from their memberships (user × unit × role), never from
    flags on the user itself; see `apps.organisations.models.Membership`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    is_integration = models.BooleanField(
        _("integration"),
        default=False,
        help_text=_("Ett annat system (region, larmcentral, statistik) som använder API:t."),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["username"]

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username
