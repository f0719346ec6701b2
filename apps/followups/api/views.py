from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action

from apps.api.viewsets import ScopedViewSet, parse_if_match
from apps.followups.api.serializers import (
    FollowUpCancelSerializer,
    FollowUpCompleteSerializer,
    FollowUpRescheduleSerializer,
    FollowUpScheduleSerializer,
    FollowUpSerializer,
)
from apps.followups.filters import FollowUpFilterSet
from apps.followups.models import FollowUp
from apps.followups.selectors import followup_list
from apps.followups.services import (
    followup_cancel,
    followup_complete,
    followup_schedule,
    followup_update,
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    description='Valfritt: postens ETag, t.ex. "v3"; en äldre version ger 412.',
)


def _optional_if_match(request) -> int | None:
    return parse_if_match(request) if request.headers.get("If-Match", "").strip() else None


class FollowUpViewSet(ScopedViewSet):
    """Follow-ups (uppföljningar) of goals and interventions. POST schedules one; PATCH
    reschedules it (If-Match required); `complete` records how it went and schedules the next
    one unless the decision is to end; `cancel` calls it off."""

    output_serializer_class = FollowUpSerializer
    input_serializer_classes = {
        "create": FollowUpScheduleSerializer,
        "partial_update": FollowUpRescheduleSerializer,
        "complete": FollowUpCompleteSerializer,
        "cancel": FollowUpCancelSerializer,
    }
    filterset_class = FollowUpFilterSet
    ordering_fields = ("due_date", "created_at", "updated_at")
    queryset = FollowUp.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        return followup_list(user=self.request.user)

    def perform_create_with_service(self, data):
        return followup_schedule(actor=self.request.user, **data)

    def perform_update_with_service(self, instance, data, expected_version):
        return followup_update(
            actor=self.request.user, followup=instance, expected_version=expected_version, **data
        )

    def _act(self, request, service, serializer_class):
        followup = self.get_object()
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        changed = service(
            actor=request.user,
            followup=followup,
            expected_version=_optional_if_match(request),
            **serializer.validated_data,
        )
        return self.respond(changed)

    @extend_schema(
        request=FollowUpCompleteSerializer, responses=FollowUpSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(request, followup_complete, FollowUpCompleteSerializer)

    @extend_schema(
        request=FollowUpCancelSerializer, responses=FollowUpSerializer, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(request, followup_cancel, FollowUpCancelSerializer)
