"""Professional assessments (bedömningar) of an intervention: suitability, risk, trial."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import (
    APPROVING_DECISIONS,
    AssessmentDecision,
    AssessmentKind,
    Profession,
)
from apps.core import fields
from apps.recipients.models import RecipientRecord, recipient_fk


class Assessment(RecipientRecord):
    intervention = fields.protected_fk("interventions.Intervention", "assessments", _("insats"))
    recipient = recipient_fk("assessments")
    kind = models.CharField(_("typ"), max_length=30, choices=AssessmentKind.choices)
    assessor = fields.user_fk(_("bedömd av"))
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    decision = models.CharField(_("bedömning"), max_length=30, choices=AssessmentDecision.choices)
    rationale = models.TextField(_("motivering"), max_length=4000)
    assessed_at = models.DateTimeField(_("när"))

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ["-assessed_at", "id"]
        constraints = [
            fields.choice_check("kind", AssessmentKind, "assessment_kind_valid"),
            fields.choice_check("profession", Profession, "assessment_profession_valid"),
            fields.choice_check("decision", AssessmentDecision, "assessment_decision_valid"),
            fields.not_blank("rationale", "assessment_rationale_not_empty"),
        ]
        indexes = [
            fields.newest_index("assessment_newest"),
            models.Index(fields=["intervention", "-assessed_at"]),
            # For the API filters `kind` and `decision` within the people a user sees.
            models.Index(fields=["recipient", "kind"], name="assessment_recipient_kind_idx"),
            models.Index(fields=["recipient", "decision"], name="assessment_recipient_dec_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_decision_display()}"

    @property
    def approves(self) -> bool:
        """Whether it lets an intervention that needs consent become active. The
        intervention's lifecycle asks this of its `assessments` (it never imports this app)."""
        return self.decision in APPROVING_DECISIONS
