from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers import StrictSerializer
from apps.organisations.permissions import caller_roles
from apps.plans import lifecycle
from apps.plans.models import CarePlanVersion
from apps.plans.selectors import plan_diff_since_last_approved, plan_preview
from apps.plans.services import COMMENT_MAX
from apps.recipients.models import CareRecipient


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()


class CarePlanVersionSerializer(serializers.ModelSerializer):
    """A version of a person's care plan, without its content (lists)."""

    recipient = serializers.UUIDField(source="plan.recipient_id", read_only=True)
    recipient_name = serializers.CharField(source="plan.recipient.full_name", read_only=True)
    unit = serializers.UUIDField(source="plan.recipient.unit_id", read_only=True)
    unit_name = serializers.CharField(source="plan.recipient.unit.name", read_only=True)
    created_by = PersonSerializer(read_only=True, allow_null=True)
    submitted_by = PersonSerializer(read_only=True, allow_null=True)
    reviewed_by = PersonSerializer(read_only=True, allow_null=True)
    allowed_actions = serializers.SerializerMethodField(help_text=lifecycle.ALLOWED_ACTIONS_HELP)

    class Meta:
        model = CarePlanVersion
        fields = [
            "id",
            "plan",
            "recipient",
            "recipient_name",
            "unit",
            "unit_name",
            "number",
            "status",
            "summary",
            "created_by",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "allowed_actions",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_allowed_actions(self, version) -> list[str]:
        roles = caller_roles(self.context, version.plan.recipient.unit_id)
        return lifecycle.allowed_actions(version, self.context["request"].user, roles=roles)


class CarePlanVersionDetailSerializer(CarePlanVersionSerializer):
    """One version with its content: the frozen snapshot once approved, otherwise the plan as
    it stands now; and what changed since the version approved before it."""

    content = serializers.SerializerMethodField()
    changes_since_approved = serializers.SerializerMethodField()

    class Meta(CarePlanVersionSerializer.Meta):
        fields = [*CarePlanVersionSerializer.Meta.fields, "content", "changes_since_approved"]
        read_only_fields = fields

    def _content(self, version) -> dict:
        if not hasattr(version, "_plan_content"):
            version._plan_content = plan_preview(version)
        return version._plan_content

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_content(self, version) -> dict:
        return self._content(version)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_changes_since_approved(self, version) -> dict:
        return plan_diff_since_last_approved(version, content=self._content(version))


@extend_schema_field(OpenApiTypes.UUID)
class RecipientInScopeField(serializers.PrimaryKeyRelatedField):
    """A recipient the requesting user may see; anything else 'does not exist'."""

    def get_queryset(self):
        user = self.context["request"].user
        return CareRecipient.objects.visible_to(user).select_related("unit")


class CarePlanStartSerializer(StrictSerializer):
    recipient = RecipientInScopeField(help_text="Omsorgstagaren vars plan får en ny version.")


class CarePlanVersionUpdateSerializer(StrictSerializer):
    summary = serializers.CharField(
        max_length=CarePlanVersion._meta.get_field("summary").max_length,
        allow_blank=True,
    )


class PlanActionSerializer(StrictSerializer):
    """Submit takes no body (an empty object is fine)."""


class PlanApproveSerializer(StrictSerializer):
    comment = serializers.CharField(
        max_length=COMMENT_MAX, allow_blank=True, required=False, default=""
    )


class PlanReturnSerializer(StrictSerializer):
    comment = serializers.CharField(
        max_length=COMMENT_MAX,
        allow_blank=True,  # a blank comment is refused by the service, with its own message
        help_text="Vad som behöver ändras. Krävs.",
    )
