"""Interventions (insatser): what is proposed for the person, its lifecycle and consents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.models import VersionedModel
from apps.interventions.choices import (
    ConsentGiver,
    ConsentMethod,
    Delivery,
    EndReason,
    InterventionAction,
    InterventionStatus,
)
from apps.recipients.models import RecipientRecord, recipient_fk


class Intervention(RecipientRecord, VersionedModel):
    recipient = recipient_fk("interventions")
    technology = fields.protected_fk(
        "catalogue.Technology", "interventions", _("teknik"), optional=True
    )
    delivery = models.CharField(_("utförande"), max_length=20, choices=Delivery.choices)
    title = models.CharField(_("kort beskrivning"), max_length=200)
    in_person_description = models.TextField(_("personligt stöd"), blank=True, max_length=2000)
    serves_answers = models.ManyToManyField(
        "whatmatters.Answer", related_name="interventions", blank=True, verbose_name=_("svarar mot")
    )
    serves_goals = models.ManyToManyField(
        "whatmatters.Goal", related_name="interventions", blank=True, verbose_name=_("mål")
    )
    rationale = models.TextField(_("varför den passar"), max_length=4000)
    digital_first_reason = models.TextField(
        _("varför inte teknik"),
        blank=True,
        max_length=4000,
        help_text=_("Digitalt först: krävs när insatsen utförs personligt."),
    )
    visits_replaced_per_week = models.DecimalField(
        _("ersatta besök per vecka"), max_digits=5, decimal_places=1, default=0
    )
    status = fields.status(InterventionStatus, InterventionStatus.PROPOSED)
    trial_start = models.DateField(_("utprovning från"), null=True, blank=True)
    trial_end = models.DateField(_("utprovning till"), null=True, blank=True)
    started_on = models.DateField(_("startade"), null=True, blank=True)
    ended_on = models.DateField(_("avslutades"), null=True, blank=True)
    end_reason = models.CharField(
        _("skäl till avslut"), max_length=30, choices=EndReason.choices, blank=True
    )
    # Empty only for interventions brought in from elsewhere (imports, demo data).
    proposed_by = fields.user_fk(optional=True)

    _history_m2m_fields = ("serves_answers", "serves_goals")

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["-created_at", "id"]
        constraints = [
            fields.choice_check("status", InterventionStatus, "intervention_status_valid"),
            fields.choice_check("delivery", Delivery, "intervention_delivery_valid"),
            models.CheckConstraint(
                condition=~models.Q(delivery=Delivery.IN_PERSON)
                | ~models.Q(digital_first_reason=""),
                name="intervention_in_person_needs_reason",
                violation_error_message=_(
                    "Ange varför teknik inte passar när insatsen utförs personligt."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(delivery=Delivery.IN_PERSON)
                | models.Q(technology__isnull=False),
                name="intervention_technology_when_digital",
                violation_error_message=_("Välj en teknik ur katalogen."),
            ),
            models.CheckConstraint(
                condition=models.Q(trial_start__isnull=True)
                | models.Q(trial_end__isnull=True)
                | models.Q(trial_end__gte=models.F("trial_start")),
                name="intervention_trial_end_after_start",
                violation_error_message=_("Utprovningen kan inte sluta innan den börjar."),
            ),
            models.CheckConstraint(
                condition=models.Q(visits_replaced_per_week__gte=0),
                name="intervention_visits_replaced_not_negative",
            ),
        ]
        indexes = [
            fields.newest_index("intervention_newest"),
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["technology", "status"]),
            models.Index(fields=["status", "trial_end"]),
            # The API's delivery and trial_end_before / trial_end_after filters.
            models.Index(fields=["delivery", "status"], name="intervention_delivery_idx"),
            models.Index(fields=["trial_end"], name="intervention_trial_end_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class InterventionEvent(models.Model):
    """Append-only log of lifecycle transitions: who, when, from → to, and why."""

    id = models.BigAutoField(primary_key=True)
    intervention = fields.protected_fk(Intervention, "events", _("insats"))
    action = models.CharField(_("händelse"), max_length=30, choices=InterventionAction.choices)
    from_status = models.CharField(
        _("från"), max_length=20, choices=InterventionStatus.choices, blank=True
    )
    to_status = models.CharField(_("till"), max_length=20, choices=InterventionStatus.choices)
    actor = fields.user_fk(_("av"))
    at = models.DateTimeField(_("när"), auto_now_add=True)
    reason = models.TextField(_("varför"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["intervention", "at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class Consent(RecipientRecord):
    """Consent (samtycke) to an intervention. Withdrawing it ends the intervention."""

    intervention = fields.protected_fk(Intervention, "consents", _("insats"))
    recipient = recipient_fk("consents")
    given_by = models.CharField(_("lämnat av"), max_length=20, choices=ConsentGiver.choices)
    giver_name = models.CharField(
        _("namn på den som samtycker"),
        max_length=200,
        blank=True,
        help_text=_("För företrädare och samboende närstående."),
    )
    contact = fields.protected_fk("recipients.Contact", "consents", _("kontakt"), optional=True)
    method = models.CharField(_("hur"), max_length=20, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(_("när"))
    recorded_by = fields.user_fk(_("registrerat av"))
    withdrawn_at = models.DateTimeField(_("återkallat"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("skäl till återkallelse"), blank=True, max_length=2000)
    withdrawn_recorded_by = fields.user_fk(optional=True)

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ["-given_at", "id"]
        constraints = [
            fields.choice_check("given_by", ConsentGiver, "consent_giver_valid"),
            fields.choice_check("method", ConsentMethod, "consent_method_valid"),
            fields.not_before("withdrawn_at", "given_at", "consent_withdrawn_after_given"),
        ]
        indexes = [
            fields.newest_index("consent_newest"),
            models.Index(fields=["intervention", "withdrawn_at"]),
            # The API's recipient and active / withdrawn filters.
            models.Index(fields=["recipient", "withdrawn_at"], name="consent_recipient_active_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_given_by_display()} ({self.get_method_display()})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
