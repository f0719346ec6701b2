from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun")
    REGION = "region", _("Region")


class UnitKind(models.TextChoices):
    HOME_CARE = "home_care", _("Hemtjänst")
    SPECIAL_HOUSING = "special_housing", _("Särskilt boende")
    HOME_HEALTH_CARE = "home_health_care", _("Hemsjukvård")
    LSS = "lss", _("LSS")
    REHABILITATION = "rehabilitation", _("Rehabilitering")


class Role(models.TextChoices):
    CARE_STAFF = "care_staff", _("Omsorgspersonal")
    ASSESSOR = "assessor", _("Biståndshandläggare")
    LICENSED_PROFESSIONAL = "licensed_professional", _("Legitimerad personal")
    MANAGER = "manager", _("Enhetschef")
    ADMINISTRATOR = "administrator", _("Systemförvaltare")
