"""What matters to the person: conversations, their answers in their own words, and goals."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import fields
from apps.core.models import VersionedModel, rating_constraint, rating_field
from apps.recipients.models import RecipientRecord, recipient_fk
from apps.whatmatters.choices import AnswerStatus, ConversationLocation, GoalStatus

OWN_WORDS_MAX = 5000


class Conversation(RecipientRecord):
    """A "Vad är viktigt för dig?" conversation."""

    recipient = recipient_fk("conversations")
    held_at = models.DateTimeField(_("när"))
    held_by = fields.user_fk(_("samtalet hölls av"))
    participants = models.CharField(
        _("deltog"), max_length=500, blank=True, help_text=_("t.ex. omsorgstagaren och dottern")
    )
    location = models.CharField(_("var"), max_length=20, choices=ConversationLocation.choices)
    notes = models.TextField(_("anteckningar"), blank=True, max_length=OWN_WORDS_MAX)

    class Meta:
        verbose_name = _("samtal")
        verbose_name_plural = _("samtal")
        ordering = ["-held_at", "id"]
        constraints = [
            fields.choice_check("location", ConversationLocation, "conversation_location_valid")
        ]
        indexes = [
            fields.newest_index("conversation_newest"),
            models.Index(fields=["recipient", "-held_at"]),
            # The API's held_after / held_before filters.
            models.Index(fields=["held_at"], name="wm_conversation_held_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.held_at:%Y-%m-%d} ({self.get_location_display()})"


class Answer(RecipientRecord, VersionedModel):
    """What matters, in the person's own words. Never overwritten: a changed answer is a new
    answer that supersedes this one (`supersedes`), and this one's status becomes superseded."""

    recipient = recipient_fk("answers")
    conversation = fields.protected_fk(Conversation, "answers", _("samtal"))
    life_area = fields.protected_fk("catalogue.LifeArea", "+", _("livsområde"))
    own_words = models.TextField(
        _("med personens egna ord"), max_length=OWN_WORDS_MAX, help_text=_("Ordagrant.")
    )
    staff_summary = models.TextField(_("personalens sammanfattning"), blank=True, max_length=2000)
    importance = rating_field(_("hur viktigt (0–10)"), null=True, blank=True)
    performance = rating_field(_("hur det går i dag (0–10)"), null=True, blank=True)
    wants_to_manage_self = models.BooleanField(_("vill klara det själv"), default=False)
    status = fields.status(AnswerStatus, AnswerStatus.CURRENT)
    supersedes = fields.self_link("superseded_by", _("ersätter"))
    created_by = fields.user_fk(optional=True)
    # Where the answer stands in its conversation: the order in which it was given.
    position = models.PositiveSmallIntegerField(_("ordning i samtalet"), default=0, editable=False)

    class Meta:
        verbose_name = _("svar: vad är viktigt")
        verbose_name_plural = _("svar: vad är viktigt")
        ordering = ["life_area__sort_order", "-created_at", "id"]
        constraints = [
            rating_constraint("importance", "answer_importance_0_10"),
            rating_constraint("performance", "answer_performance_0_10"),
            fields.choice_check("status", AnswerStatus, "answer_status_valid"),
            fields.not_blank("own_words", "answer_own_words_not_empty"),
        ]
        indexes = [
            fields.newest_index("answer_newest"),
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["life_area", "status"]),
            # The API's status and wants_to_manage_self filters, across recipients.
            models.Index(fields=["status"], name="wm_answer_status_idx"),
            models.Index(fields=["wants_to_manage_self"], name="wm_answer_manage_self_idx"),
        ]

    def __str__(self) -> str:
        return self.own_words[:80]


class Goal(RecipientRecord, VersionedModel):
    """A goal formulated with the person from one or more of their answers."""

    recipient = recipient_fk("goals")
    answers = models.ManyToManyField(
        Answer, related_name="goals", verbose_name=_("utgår från svar")
    )
    own_words = models.TextField(_("målet med personens ord"), max_length=OWN_WORDS_MAX)
    indicator = models.TextField(_("hur vi vet att målet nås"), max_length=2000, blank=True)
    target_date = models.DateField(_("måldatum"), null=True, blank=True)
    status = fields.status(GoalStatus, GoalStatus.ACTIVE)
    created_by = fields.user_fk(optional=True)

    _history_m2m_fields = ("answers",)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["target_date", "created_at", "id"]
        constraints = [
            fields.choice_check("status", GoalStatus, "goal_status_valid"),
            fields.not_blank("own_words", "goal_own_words_not_empty"),
        ]
        indexes = [
            fields.newest_index("goal_newest"),
            models.Index(fields=["recipient", "status"]),
            # The API's status and target_before / target_after filters, across recipients.
            models.Index(fields=["status", "target_date"], name="wm_goal_status_target_idx"),
            models.Index(fields=["target_date"], name="wm_goal_target_date_idx"),
        ]

    def __str__(self) -> str:
        return self.own_words[:80]
