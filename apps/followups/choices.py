from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.whatmatters.choices import GoalStatus


class FollowUpStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planerad")
    DONE = "done", _("Genomförd")
    CANCELLED = "cancelled", _("Inställd")


class StillMatters(models.TextChoices):
    YES = "yes", _("Ja, fortfarande viktigt")
    PARTLY = "partly", _("Delvis")
    NO = "no", _("Nej, inte längre")


# How far the goal is reached, as judged at a follow-up: the goal's own outcome statuses.
GoalOutcome = models.TextChoices(
    "GoalOutcome",
    [
        (status.name, (status.value, status.label))
        for status in (GoalStatus.ACHIEVED, GoalStatus.PARTLY_ACHIEVED, GoalStatus.NOT_ACHIEVED)
    ],
)


class FollowUpDecision(models.TextChoices):
    CONTINUE = "continue", _("Fortsätt")
    ADJUST = "adjust", _("Justera")
    END = "end", _("Avsluta")
