from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action

from apps.api.viewsets import ScopedViewSet, parse_if_match
from apps.plans.api.serializers import (
    CarePlanStartSerializer,
    CarePlanVersionDetailSerializer,
    CarePlanVersionSerializer,
    CarePlanVersionUpdateSerializer,
    PlanActionSerializer,
    PlanApproveSerializer,
    PlanReturnSerializer,
)
from apps.plans.filters import CarePlanVersionFilterSet
from apps.plans.models import CarePlanVersion
from apps.plans.selectors import plan_versions_visible_to
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_return,
    plan_version_submit,
    plan_version_update,
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description='Valfri: versionens ETag, t.ex. "v3". Ger 412 om versionen har ändrats.',
)


@extend_schema_view(
    list=extend_schema(responses=CarePlanVersionSerializer(many=True)),
    create=extend_schema(
        request=CarePlanStartSerializer, responses=CarePlanVersionDetailSerializer
    ),
    partial_update=extend_schema(
        request=CarePlanVersionUpdateSerializer, responses=CarePlanVersionDetailSerializer
    ),
)
class CarePlanVersionViewSet(ScopedViewSet):
    audit_recipient = "plan.recipient_id"
    """Care plan versions (genomförandeplaner) of the people in the caller's units.

    POST with `{"recipient": id}` starts a new draft. A draft (or a returned version) is
    edited with PATCH and submitted; a manager of the unit approves it, which freezes its
    content, or returns it with a comment. `content` is the plan as it stands (frozen once
    approved) and `changes_since_approved` what changed since the version approved before."""

    output_serializer_class = CarePlanVersionDetailSerializer
    input_serializer_classes = {
        "create": CarePlanStartSerializer,
        "partial_update": CarePlanVersionUpdateSerializer,
        "submit": PlanActionSerializer,
        "approve": PlanApproveSerializer,
        "return_": PlanReturnSerializer,
    }
    filterset_class = CarePlanVersionFilterSet
    ordering_fields = ("created_at", "updated_at", "submitted_at", "number")
    queryset = CarePlanVersion.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        return plan_versions_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "list":
            return CarePlanVersionSerializer
        return super().get_serializer_class()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = CarePlanVersionSerializer(
            page, many=True, context=self.get_serializer_context()
        )
        return self.get_paginated_response(serializer.data)

    def perform_create_with_service(self, data):
        return plan_start_draft(actor=self.request.user, recipient=data["recipient"])

    def perform_update_with_service(self, instance, data, expected_version):
        if "summary" not in data:
            raise exceptions.ValidationError({"summary": [_("Detta fält är obligatoriskt.")]})
        return plan_version_update(
            actor=self.request.user,
            version=instance,
            expected_version=expected_version,
            summary=data["summary"],
        )

    def _action_input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _expected_version(self):
        # Lifecycle actions accept If-Match but do not require it.
        return parse_if_match(self.request) if "If-Match" in self.request.headers else None

    @extend_schema(
        request=PlanActionSerializer,
        responses=CarePlanVersionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        version = self.get_object()
        self._action_input(PlanActionSerializer)
        version = plan_version_submit(
            actor=request.user, version=version, expected_version=self._expected_version()
        )
        return self.respond(version)

    @extend_schema(
        request=PlanApproveSerializer,
        responses=CarePlanVersionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        version = self.get_object()
        data = self._action_input(PlanApproveSerializer)
        version = plan_version_approve(
            actor=request.user,
            version=version,
            expected_version=self._expected_version(),
            comment=data["comment"],
        )
        return self.respond(version)

    @extend_schema(
        request=PlanReturnSerializer,
        responses=CarePlanVersionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        version = self.get_object()
        data = self._action_input(PlanReturnSerializer)
        version = plan_version_return(
            actor=request.user,
            version=version,
            expected_version=self._expected_version(),
            comment=data["comment"],
        )
        return self.respond(version)
