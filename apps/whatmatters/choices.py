from django.db import models
from django.utils.translation import gettext_lazy as _


class ConversationLocation(models.TextChoices):
    HOME_VISIT = "home_visit", _("Hembesök")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")
    UNIT = "unit", _("På enheten")


class AnswerStatus(models.TextChoices):
    CURRENT = "current", _("Aktuellt")
    SUPERSEDED = "superseded", _("Ersatt av nyare svar")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("Inte längre aktuellt")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Pågående")
    ACHIEVED = "achieved", _("Uppnått")
    PARTLY_ACHIEVED = "partly_achieved", _("Delvis uppnått")
    NOT_ACHIEVED = "not_achieved", _("Inte uppnått")
    CANCELLED = "cancelled", _("Avbrutet")
