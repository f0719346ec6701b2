import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class User(AbstractUser):
    """A person who logs in, or an integration (another system) that calls the API with a token.

    What a user may see follows from their memberships (user × unit × role), never from
    flags on the user itself; see `apps.organisations.models.Membership`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session_generation = models.PositiveIntegerField(
        _("sessionsgeneration"),
        default=0,
        editable=False,
        help_text=_("Ökas för att logga ut användaren överallt."),
    )
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

    def _get_session_auth_hash(self, secret=None):
        # Django ends every session of a user whose hash changes (as on a password change).
        # Mixing in session_generation lets "log out everywhere" do the same on demand.
        key_salt = "apps.accounts.models.User.get_session_auth_hash"
        return salted_hmac(
            key_salt,
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ApiToken(AbstractAuthToken):
    """An integration token (django-rest-knox): only a SHA-512 digest is stored; the token
    itself is shown once, when it is created. It expires, can be revoked (deleted), is
    read-only or read-write, and may be narrowed to some of its user's units."""

    name = models.CharField(_("namn"), max_length=100, help_text=_("Vilket system använder den?"))
    read_only = models.BooleanField(_("endast läsning"), default=True)
    units = models.ManyToManyField(
        "organisations.Unit",
        blank=True,
        related_name="+",
        verbose_name=_("begränsad till enheter"),
        help_text=_("Tomt: alla enheter där användaren är medlem."),
    )
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
