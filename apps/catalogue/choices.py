from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeAreaSource(models.TextChoices):
    IBIC = "ibic", _("IBIC-livsområde")
    IBIC_EXTRA = "ibic_extra", _("IBIC, tilläggsområde")
    PROJECT = "project", _("Kroppsfunktion och hälsa (carecenter)")
