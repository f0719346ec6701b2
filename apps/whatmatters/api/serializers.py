from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers import StrictModelSerializer, StrictSerializer
from apps.catalogue.models import LifeArea
from apps.recipients.models import CareRecipient
from apps.whatmatters.choices import AnswerStatus
from apps.whatmatters.models import Answer, Conversation, Goal
from apps.whatmatters.services import ANSWER_FIELDS, ANSWER_IMMUTABLE_FIELDS, SUPERSEDE_INSTEAD

MAX_ANSWERS_PER_CONVERSATION = 50

# --- output ----------------------------------------------------------------------------------


class AnswerSerializer(serializers.ModelSerializer):
    """An answer in the person's own words, with the chain of answers it belongs to."""

    life_area = serializers.CharField(source="life_area_id", read_only=True)
    life_area_label = serializers.CharField(source="life_area.label", read_only=True)
    superseded_by = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "id",
            "recipient",
            "conversation",
            "life_area",
            "life_area_label",
            "own_words",
            "staff_summary",
            "importance",
            "performance",
            "wants_to_manage_self",
            "status",
            "supersedes",
            "superseded_by",
            "created_by",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uuid", "nullable": True})
    def get_superseded_by(self, answer) -> str | None:
        try:
            newer = answer.superseded_by  # select_related by the queryset: no query
        except ObjectDoesNotExist:
            return None
        return str(newer.pk)


class ConversationSerializer(serializers.ModelSerializer):
    held_by_name = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Conversation
        fields = [
            "id",
            "recipient",
            "held_at",
            "held_by",
            "held_by_name",
            "location",
            "participants",
            "notes",
            "answers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_held_by_name(self, conversation) -> str:
        return conversation.held_by.get_full_name() or conversation.held_by.get_username()


class GoalAnswerSerializer(serializers.ModelSerializer):
    """The answers a goal comes from: enough to show the person's words next to the goal."""

    life_area = serializers.CharField(source="life_area_id", read_only=True)
    life_area_label = serializers.CharField(source="life_area.label", read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "own_words", "life_area", "life_area_label", "status"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    answers = GoalAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "recipient",
            "answers",
            "own_words",
            "indicator",
            "target_date",
            "status",
            "created_by",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# --- ids sent by clients, resolved in the caller's scope ------------------------------------


class _InScopeField(serializers.PrimaryKeyRelatedField):
    """An id resolved through `visible_to(user)`: anything else 'does not exist'."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


class RecipientInScopeField(_InScopeField):
    model = CareRecipient


class ConversationInScopeField(_InScopeField):
    model = Conversation


class AnswerInScopeField(_InScopeField):
    model = Answer


class LifeAreaField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=LifeArea.objects.all(), **kwargs)

    def to_internal_value(self, data):
        # Refused before the lookup: PostgreSQL cannot compare text with NUL (a 500 otherwise).
        if isinstance(data, str):
            ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)


# --- input -----------------------------------------------------------------------------------


class AnswerInputSerializer(StrictModelSerializer):
    life_area = LifeAreaField()

    class Meta:
        model = Answer
        fields = list(ANSWER_FIELDS)


class ConversationCreateSerializer(StrictModelSerializer):
    recipient = RecipientInScopeField()
    answers = AnswerInputSerializer(
        many=True, required=False, max_length=MAX_ANSWERS_PER_CONVERSATION
    )

    class Meta:
        model = Conversation
        fields = ["recipient", "held_at", "location", "participants", "notes", "answers"]


class AnswerCreateSerializer(AnswerInputSerializer):
    conversation = ConversationInScopeField()

    class Meta(AnswerInputSerializer.Meta):
        fields = ["conversation", *AnswerInputSerializer.Meta.fields]


class AnswerUpdateSerializer(StrictSerializer):
    """The staff summary, or current → no_longer_relevant. Nothing else of an answer changes."""

    staff_summary = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=AnswerStatus.choices, required=False)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            immutable = sorted(set(data) & set(ANSWER_IMMUTABLE_FIELDS))
            if immutable:
                # A clearer answer than "unknown field": say what to do instead.
                raise serializers.ValidationError(
                    {name: [str(SUPERSEDE_INSTEAD)] for name in immutable}, code="supersede"
                )
        return super().to_internal_value(data)


class AnswerSupersedeSerializer(AnswerInputSerializer):
    """The new answer; fields left out are taken from the answer it replaces."""

    conversation = ConversationInScopeField(required=False)
    life_area = LifeAreaField(required=False)

    class Meta(AnswerInputSerializer.Meta):
        fields = ["conversation", *AnswerInputSerializer.Meta.fields]
        extra_kwargs = {"own_words": {"required": False}}


class GoalCreateSerializer(StrictModelSerializer):
    recipient = RecipientInScopeField()
    answers = AnswerInScopeField(many=True, allow_empty=False)

    class Meta:
        model = Goal
        fields = ["recipient", "answers", "own_words", "indicator", "target_date"]


class GoalUpdateSerializer(StrictModelSerializer):
    answers = AnswerInScopeField(many=True, allow_empty=False, required=False)

    class Meta:
        model = Goal
        fields = ["answers", "own_words", "indicator", "target_date", "status"]
