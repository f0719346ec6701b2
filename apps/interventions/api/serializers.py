from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers import (
    RoundedDecimalField,
    StrictModelSerializer,
    StrictSerializer,
)
from apps.catalogue.models import Technology
from apps.core.dates import BoundedDateSerializerField
from apps.interventions import lifecycle
from apps.interventions.choices import EndReason
from apps.interventions.models import Consent, Intervention, InterventionEvent
from apps.interventions.selectors import latest_assessment
from apps.organisations.permissions import caller_roles
from apps.recipients.models import CareRecipient, Contact
from apps.whatmatters.models import Answer, Goal

# --- output ---------------------------------------------------------------------------------


class InterventionServedAnswerSerializer(serializers.ModelSerializer):
    """The person's own words that the intervention answers, with their life area."""

    life_area = serializers.CharField(source="life_area_id", read_only=True)
    life_area_label = serializers.CharField(source="life_area.label", read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "own_words", "life_area", "life_area_label", "importance", "performance"]
        read_only_fields = fields


class InterventionServedGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "own_words", "indicator", "target_date", "status"]
        read_only_fields = fields


def _user_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


class InterventionEventSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = InterventionEvent
        fields = ["id", "action", "from_status", "to_status", "actor", "actor_name", "at", "reason"]
        read_only_fields = fields

    def get_actor_name(self, event) -> str:
        return _user_name(event.actor)


class InterventionAssessmentSummarySerializer(serializers.ModelSerializer):
    # The latest assessment, read through `intervention.assessments`: apps.assessments sits
    # above this app and is never imported here. (A comment, not a docstring, so that the
    # schema stays as it was.)
    approves = serializers.SerializerMethodField()
    assessor_name = serializers.SerializerMethodField()

    class Meta:
        model = Intervention._meta.get_field("assessments").related_model
        fields = [
            "id",
            "kind",
            "decision",
            "approves",
            "profession",
            "assessor",
            "assessor_name",
            "assessed_at",
        ]
        read_only_fields = fields

    def get_approves(self, assessment) -> bool:
        return assessment.approves

    def get_assessor_name(self, assessment) -> str:
        return _user_name(assessment.assessor)


class ConsentSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)
    intervention_status = serializers.CharField(source="intervention.status", read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "intervention",
            "intervention_status",
            "recipient",
            "given_by",
            "giver_name",
            "contact",
            "method",
            "given_at",
            "recorded_by",
            "is_active",
            "withdrawn_at",
            "withdrawn_reason",
            "withdrawn_recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InterventionConsentSerializer(ConsentSerializer):
    """A consent inside its intervention (no need to repeat the intervention)."""

    class Meta(ConsentSerializer.Meta):
        fields = [f for f in ConsentSerializer.Meta.fields if f != "intervention_status"]
        read_only_fields = fields


class InterventionSerializer(serializers.ModelSerializer):
    """An intervention in a list: what it is, whom it serves and in which words."""

    technology_label = serializers.CharField(
        source="technology.label", read_only=True, allow_null=True
    )
    visits_replaced_per_week = serializers.FloatField(read_only=True)
    serves_answers = InterventionServedAnswerSerializer(many=True, read_only=True)
    serves_goals = InterventionServedGoalSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField(help_text=lifecycle.ALLOWED_ACTIONS_HELP)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "recipient",
            "title",
            "delivery",
            "technology",
            "technology_label",
            "in_person_description",
            "serves_answers",
            "serves_goals",
            "rationale",
            "digital_first_reason",
            "visits_replaced_per_week",
            "status",
            "allowed_actions",
            "trial_start",
            "trial_end",
            "started_on",
            "ended_on",
            "end_reason",
            "proposed_by",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, intervention) -> list[str]:
        roles = caller_roles(self.context, intervention.recipient.unit_id)
        return lifecycle.allowed_actions(intervention, self.context["request"].user, roles=roles)


class InterventionDetailSerializer(InterventionSerializer):
    """One intervention with its consents, the event log (who, when, from → to, why) and
    the latest professional assessment."""

    consents = InterventionConsentSerializer(many=True, read_only=True)
    events = InterventionEventSerializer(many=True, read_only=True)
    latest_assessment = serializers.SerializerMethodField()

    class Meta(InterventionSerializer.Meta):
        fields = [*InterventionSerializer.Meta.fields, "consents", "events", "latest_assessment"]
        read_only_fields = fields

    @extend_schema_field(InterventionAssessmentSummarySerializer(allow_null=True))
    def get_latest_assessment(self, intervention):
        assessment = latest_assessment(intervention)
        if assessment is None:
            return None
        return InterventionAssessmentSummarySerializer(assessment, context=self.context).data


# --- input ----------------------------------------------------------------------------------


class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """A record of a person the caller may see; anything else 'does not exist' (400)."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


MAX_SERVED = 50


class InterventionWriteSerializer(StrictModelSerializer):
    """What a proposal holds; PATCH takes any subset of it (while proposed)."""

    serves_answers = VisibleRecordField(model=Answer, many=True, required=False)
    serves_goals = VisibleRecordField(model=Goal, many=True, required=False)
    technology = serializers.PrimaryKeyRelatedField(
        queryset=Technology.objects.all(), required=False, allow_null=True
    )
    visits_replaced_per_week = RoundedDecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0"),
        max_value=Decimal("999.9"),
        required=False,
    )

    class Meta:
        model = Intervention
        fields = [
            "delivery",
            "title",
            "rationale",
            "serves_answers",
            "serves_goals",
            "technology",
            "in_person_description",
            "digital_first_reason",
            "visits_replaced_per_week",
        ]

    def _limit(self, values):
        if len(values) > MAX_SERVED:
            raise serializers.ValidationError(_("Högst %(max)d.") % {"max": MAX_SERVED})
        return values

    def validate_serves_answers(self, values):
        return self._limit(values)

    def validate_serves_goals(self, values):
        return self._limit(values)


class InterventionProposeSerializer(InterventionWriteSerializer):
    recipient = VisibleRecordField(model=CareRecipient)

    class Meta(InterventionWriteSerializer.Meta):
        fields = ["recipient", *InterventionWriteSerializer.Meta.fields]


class TransitionSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class TransitionWithReasonSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=4000)


class StartTrialSerializer(TransitionSerializer):
    trial_start = BoundedDateSerializerField()
    trial_end = BoundedDateSerializerField()


class EndSerializer(TransitionWithReasonSerializer):
    # Not consent_withdrawn: that ending comes only from withdrawing a consent.
    end_reason = serializers.ChoiceField(
        choices=[c for c in EndReason.choices if c[0] != EndReason.CONSENT_WITHDRAWN]
    )


class ConsentCreateSerializer(StrictModelSerializer):
    intervention = VisibleRecordField(model=Intervention)
    contact = VisibleRecordField(model=Contact, required=False, allow_null=True)

    class Meta:
        model = Consent
        fields = ["intervention", "given_by", "giver_name", "contact", "method", "given_at"]


class ConsentWithdrawSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=2000)
