from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad för granskning")
    RETURNED = "returned", _("Återsänd med kommentar")
    APPROVED = "approved", _("Godkänd")
    SUPERSEDED = "superseded", _("Ersatt av nyare version")


# At most one version per plan may be open for work at a time.
OPEN_STATUSES = (PlanVersionStatus.DRAFT, PlanVersionStatus.SUBMITTED, PlanVersionStatus.RETURNED)
# Approved and superseded versions are frozen: their snapshot is the plan as it was approved.
FROZEN_STATUSES = (PlanVersionStatus.APPROVED, PlanVersionStatus.SUPERSEDED)
