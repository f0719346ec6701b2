from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentKind(models.TextChoices):
    SUITABILITY = "suitability", _("Lämplighet")
    RISK = "risk", _("Risk")
    TRIAL_EVALUATION = "trial_evaluation", _("Utvärdering av utprovning")


class Profession(models.TextChoices):
    NURSE = "nurse", _("Sjuksköterska")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("Arbetsterapeut")
    PHYSIOTHERAPIST = "physiotherapist", _("Fysioterapeut")
    OTHER = "other", _("Annan legitimerad profession")


class AssessmentDecision(models.TextChoices):
    SUITABLE = "suitable", _("Lämplig")
    NOT_SUITABLE = "not_suitable", _("Inte lämplig")
    SUITABLE_AFTER_TRIAL = "suitable_after_trial", _("Lämplig efter utprovning")
    MORE_INFORMATION_NEEDED = "more_information_needed", _("Mer information behövs")


# Decisions that let an intervention that needs consent leave trial for active.
APPROVING_DECISIONS = (AssessmentDecision.SUITABLE, AssessmentDecision.SUITABLE_AFTER_TRIAL)
