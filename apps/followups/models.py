"""Follow-ups (uppföljningar): does it still serve what matters to the person?"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.models import VersionedModel, rating_constraint, rating_field
from apps.followups.choices import FollowUpDecision, FollowUpStatus, GoalOutcome, StillMatters
from apps.recipients.models import RecipientRecord, recipient_fk


class FollowUp(RecipientRecord, VersionedModel):
    recipient = recipient_fk("follow_ups")
    goal = fields.protected_fk("whatmatters.Goal", "follow_ups", _("mål"), optional=True)
    intervention = fields.protected_fk(
        "interventions.Intervention", "follow_ups", _("insats"), optional=True
    )
    due_date = models.DateField(_("ska göras senast"))
    responsible = fields.user_fk(_("ansvarig"), related_name="follow_ups")
    status = fields.status(FollowUpStatus, FollowUpStatus.SCHEDULED)
    # Filled in when the follow-up is done.
    done_at = models.DateTimeField(_("genomförd"), null=True, blank=True)
    own_words = models.TextField(
        _("hur det fungerar, med personens ord"), blank=True, max_length=5000
    )
    performance = rating_field(_("hur det går nu (0–10)"), null=True, blank=True)
    still_matters = models.CharField(
        _("är det fortfarande viktigt?"), max_length=10, choices=StillMatters.choices, blank=True
    )
    goal_outcome = models.CharField(
        _("måluppfyllelse"), max_length=20, choices=GoalOutcome.choices, blank=True
    )
    decision = models.CharField(
        _("beslut"), max_length=20, choices=FollowUpDecision.choices, blank=True
    )
    notes = models.TextField(_("anteckningar"), blank=True, max_length=4000)
    recorded_by = fields.user_fk(optional=True)
    next_follow_up = fields.self_link("previous_follow_up", _("nästa uppföljning"))

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=False) | models.Q(intervention__isnull=False),
                name="followup_has_goal_or_intervention",
                violation_error_message=_("En uppföljning gäller ett mål eller en insats."),
            ),
            fields.choice_check("status", FollowUpStatus, "followup_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=FollowUpStatus.DONE)
                | (models.Q(done_at__isnull=False) & ~models.Q(decision="")),
                name="followup_done_has_date_and_decision",
            ),
            rating_constraint("performance", "followup_performance_0_10"),
        ]
        indexes = [
            fields.newest_index("followup_newest"),
            models.Index(fields=["responsible", "status", "due_date"]),
            models.Index(fields=["recipient", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            # For the API filters due_before / due_after whatever the status.
            models.Index(fields=["due_date"], name="followup_due_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.due_date} ({self.get_status_display()})"

    # What a follow-up says about its intervention, asked by the intervention page through
    # `intervention.follow_ups` (the interventions app never imports this one).
    @property
    def is_done(self) -> bool:
        return self.status == FollowUpStatus.DONE and self.done_at is not None

    @property
    def proposes_end(self) -> bool:
        """Done, and decided that the intervention should end."""
        return self.is_done and self.decision == FollowUpDecision.END
