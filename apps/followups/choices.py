from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planerad")
    DONE = "done", _("Genomförd")
    CANCELLED = "cancelled", _("Inställd")


class StillMatters(models.TextChoices):
    YES = "yes", _("Ja, fortfarande viktigt")
    PARTLY = "partly", _("Delvis")
    NO = "no", _("Nej, inte längre")


class GoalOutcome(models.TextChoices):
    ACHIEVED = "achieved", _("Uppnått")
    PARTLY_ACHIEVED = "partly_achieved", _("Delvis uppnått")
    NOT_ACHIEVED = "not_achieved", _("Inte uppnått")


class FollowUpDecision(models.TextChoices):
    CONTINUE = "continue", _("Fortsätt")
    ADJUST = "adjust", _("Justera")
    END = "end", _("Avsluta")
