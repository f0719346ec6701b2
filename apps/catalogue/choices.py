from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeAreaSource(models.TextChoices):
    IBIC = "ibic", _("IBIC-livsområde")
    IBIC_EXTRA = "ibic_extra", _("IBIC, tilläggsområde")
    PROJECT = "project", _("Kroppsfunktion och hälsa (carecenter)")


class TechnologyCategory(models.TextChoices):
    SUPERVISION = "supervision", _("Tillsyn och trygghet")
    ALARM = "alarm", _("Larm")
    ACCESS = "access", _("Lås och passage")
    MEDICATION = "medication", _("Läkemedel")
    COMMUNICATION = "communication", _("Kommunikation")
    REHABILITATION = "rehabilitation", _("Rehabilitering och träning")
    SELF_CARE = "self_care", _("Egenvård och vardag")


class LegalBasis(models.TextChoices):
    SOL = "sol", _("SoL (socialtjänstlagen)")
    HSL = "hsl", _("HSL (hälso- och sjukvårdslagen)")
    LSS = "lss", _("LSS")
