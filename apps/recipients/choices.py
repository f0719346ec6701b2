from django.db import models
from django.utils.translation import gettext_lazy as _


class RecipientStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("Vilande")
    ENDED = "ended", _("Avslutad")


class ContactKind(models.TextChoices):
    RELATIVE = "relative", _("Närstående")
    TRUSTEE = "trustee", _("God man")
    ADMINISTRATOR = "administrator", _("Förvaltare")
    OTHER = "other", _("Annan kontakt")


LEGAL_REPRESENTATIVE_KINDS = (ContactKind.TRUSTEE, ContactKind.ADMINISTRATOR)
