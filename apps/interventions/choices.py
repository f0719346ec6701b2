from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Föreslagen")
    DECLINED = "declined", _("Avböjd")
    ACCEPTED = "accepted", _("Accepterad")
    TRIAL = "trial", _("Utprovning")
    ACTIVE = "active", _("Pågående")
    ENDED = "ended", _("Avslutad")


class Delivery(models.TextChoices):
    TECHNOLOGY = "technology", _("Med teknik")
    IN_PERSON = "in_person", _("Personligt på plats")
    BOTH = "both", _("Teknik och personligt")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Klar, målet nått")
    NOT_SUITABLE = "not_suitable", _("Passade inte")
    NO_LONGER_NEEDED = "no_longer_needed", _("Behövs inte längre")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtycket återkallat")
    OTHER = "other", _("Annat")


class InterventionAction(models.TextChoices):
    PROPOSE = "propose", _("Föreslå")
    ACCEPT = "accept", _("Acceptera")
    DECLINE = "decline", _("Avböj")
    START_TRIAL = "start_trial", _("Starta utprovning")
    EVALUATE = "evaluate", _("Utvärdera och aktivera")
    START = "start", _("Starta")
    END = "end", _("Avsluta")
    WITHDRAW_CONSENT = "withdraw_consent", _("Återkalla samtycke")


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("Personen själv")
    REPRESENTATIVE = "representative", _("Företrädare (god man/förvaltare)")
    COHABITANT = "cohabitant", _("Samboende närstående")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Muntligt")
    WRITTEN = "written", _("Skriftligt")
