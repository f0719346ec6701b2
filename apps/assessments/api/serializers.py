from rest_framework import serializers

from apps.api.serializers import StrictModelSerializer
from apps.assessments.models import Assessment
from apps.core.dates import BoundedDateTimeSerializerField
from apps.interventions.models import Intervention


class AssessmentSerializer(serializers.ModelSerializer):
    """What an integration reads about a professional assessment."""

    assessor_name = serializers.CharField(source="assessor.get_full_name", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "recipient",
            "intervention",
            "kind",
            "profession",
            "decision",
            "rationale",
            "assessor",
            "assessor_name",
            "assessed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VisibleInterventionField(serializers.PrimaryKeyRelatedField):
    """An intervention of a person the requesting user may see; anything else does not exist."""

    def get_queryset(self):
        return Intervention.objects.visible_to(self.context["request"].user)


class AssessmentCreateSerializer(StrictModelSerializer):
    intervention = VisibleInterventionField()
    assessed_at = BoundedDateTimeSerializerField(required=False)

    class Meta:
        model = Assessment
        fields = ["intervention", "kind", "profession", "decision", "rationale", "assessed_at"]
