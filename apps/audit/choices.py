from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Webb")
    API_SESSION = "api_session", _("API (inloggad webbsession)")
    API_TOKEN = "api_token", _("API (token)")
    ADMIN = "admin", _("Administration")
    EXPORT = "export", _("Export")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Läst")
    DENIED = "denied", _("Nekad (ej behörig / finns inte)")
