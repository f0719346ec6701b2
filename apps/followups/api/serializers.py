from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import User
from apps.api.serializers import StrictSerializer
from apps.core.dates import BoundedDateSerializerField, BoundedDateTimeSerializerField
from apps.core.models import RATING_MAX, RATING_MIN
from apps.followups.choices import FollowUpDecision, FollowUpStatus, GoalOutcome, StillMatters
from apps.followups.models import FollowUp
from apps.followups.rules import NOTES_MAX, OWN_WORDS_MAX
from apps.interventions.models import Intervention
from apps.whatmatters.models import Goal


class FollowUpSerializer(serializers.ModelSerializer):
    """What an integration reads about a follow-up; `next_follow_up` and `previous_follow_up`
    link the chain of follow-ups of the same goal or intervention."""

    responsible_name = serializers.CharField(source="responsible.get_full_name", read_only=True)
    is_overdue = serializers.SerializerMethodField()
    previous_follow_up = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "recipient",
            "goal",
            "intervention",
            "due_date",
            "responsible",
            "responsible_name",
            "status",
            "is_overdue",
            "done_at",
            "own_words",
            "performance",
            "still_matters",
            "goal_outcome",
            "decision",
            "notes",
            "recorded_by",
            "next_follow_up",
            "previous_follow_up",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, obj) -> bool:
        return obj.status == FollowUpStatus.SCHEDULED and obj.due_date < timezone.localdate()

    @extend_schema_field({"type": "string", "format": "uuid", "nullable": True})
    def get_previous_follow_up(self, obj):
        previous = getattr(obj, "previous_follow_up", None)
        return str(previous.pk) if previous is not None else None


@extend_schema_field(OpenApiTypes.UUID)
class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A record of a person the requesting user may see; anything else does not exist."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.UUID)
class ColleagueField(serializers.UUIDField):
    """A user id. Whether that user may be responsible is the service's rule; an unknown id
    gets the same answer as a user from elsewhere, so ids do not leak."""

    default_error_messages = {
        "not_colleague": _("Den ansvariga måste arbeta med omsorgstagare i personens enhet.")
    }

    def to_internal_value(self, data):
        pk = super().to_internal_value(data)
        user = User.objects.filter(pk=pk, is_active=True).first()
        if user is None:
            self.fail("not_colleague")
        return user


class FollowUpScheduleSerializer(StrictSerializer):
    goal = VisibleRelatedField(Goal, required=False, allow_null=True)
    intervention = VisibleRelatedField(Intervention, required=False, allow_null=True)
    due_date = BoundedDateSerializerField()
    responsible = ColleagueField()


class FollowUpRescheduleSerializer(StrictSerializer):
    due_date = BoundedDateSerializerField(required=False)
    responsible = ColleagueField(required=False)


class FollowUpCompleteSerializer(StrictSerializer):
    own_words = serializers.CharField(max_length=OWN_WORDS_MAX)
    # Required, but may be null: the person could not rate it, which is said out loud.
    performance = serializers.IntegerField(
        min_value=RATING_MIN, max_value=RATING_MAX, allow_null=True
    )
    still_matters = serializers.ChoiceField(choices=StillMatters.choices)
    decision = serializers.ChoiceField(choices=FollowUpDecision.choices)
    goal_outcome = serializers.ChoiceField(
        choices=GoalOutcome.choices, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(
        max_length=NOTES_MAX, required=False, allow_blank=True, default=""
    )
    done_at = BoundedDateTimeSerializerField(required=False, allow_null=True, default=None)
    next_due_date = BoundedDateSerializerField(required=False, allow_null=True, default=None)
    next_responsible = ColleagueField(required=False, allow_null=True, default=None)


class FollowUpCancelSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=NOTES_MAX)
