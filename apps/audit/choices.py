from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Webb")
    API_SESSION = "api_session", _("API (inloggad webbsession)")
    API_TOKEN = "api_token", _("API (token)")
    ADMIN = "admin", _("Administration")
    EXPORT = "export", _("Export")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Tillåten")
    DENIED = "denied", _("Nekad (ej behörig / finns inte)")


class ReviewMethod(models.TextChoices):
    SAMPLE = "sample", _("Stickprov")
    TARGETED = "targeted", _("Riktad kontroll (t.ex. skyddad identitet, utanför egna enheter)")
    REQUEST = "request", _("På begäran (av den enskilde eller efter en anmälan)")


class ReviewFinding(models.TextChoices):
    NO_REMARKS = "no_remarks", _("Utan anmärkning")
    REMARKS = "remarks", _("Med anmärkning")
