"""Professional assessments (bedömningar) of an intervention: suitability, risk, trial."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import AssessmentDecision, AssessmentKind, Profession
from apps.core.history import tracked_history
from apps.core.models import BaseModel
from apps.recipients.querysets import RecipientOwnedQuerySet


class Assessment(BaseModel):
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("insats"),
    )
    recipient = models.ForeignKey(
        "recipients.CareRecipient",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("omsorgstagare"),
    )
    kind = models.CharField(_("typ"), max_length=30, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bedömd av"),
    )
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    decision = models.CharField(_("bedömning"), max_length=30, choices=AssessmentDecision.choices)
    rationale = models.TextField(_("motivering"), max_length=4000)
    assessed_at = models.DateTimeField(_("när"))

    objects = RecipientOwnedQuerySet.as_manager()
    history = tracked_history()

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ["-assessed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AssessmentKind.values), name="assessment_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(profession__in=Profession.values),
                name="assessment_profession_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=AssessmentDecision.values),
                name="assessment_decision_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(rationale=""), name="assessment_rationale_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at", "id"], name="assessment_newest"),
            models.Index(fields=["intervention", "-assessed_at"]),
            # For the API filters `kind` and `decision` within the people a user sees.
            models.Index(fields=["recipient", "kind"], name="assessment_recipient_kind_idx"),
            models.Index(fields=["recipient", "decision"], name="assessment_recipient_dec_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_decision_display()}"
