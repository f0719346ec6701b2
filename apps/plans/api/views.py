from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action

from apps.api import schema
from apps.api.viewsets import ScopedViewSet
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
from apps.plans.selectors import plan_version_list
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_return,
    plan_version_submit,
    plan_version_update,
)

PLAN_SCOPE = (
    'Care plan versions ("genomförandeplan") of the people in the caller\'s units. A draft or '
    "returned version is edited with PATCH and submitted; a manager of the unit approves it, "
    "which freezes its `content`, or returns it with a comment."
)


@extend_schema_view(
    list=schema.list_operation(
        "List care plan versions",
        PLAN_SCOPE,
        "Rows carry no `content`; read one version for it. Filter by status, unit, recipient "
        "and submission time (e.g. `status=submitted` for the versions waiting for review).",
    ),
    retrieve=schema.read_operation(
        "Read one care plan version",
        "The version with its `content` (the frozen snapshot once approved, otherwise the plan "
        "as it stands now) and `changes_since_approved` (what changed since the version "
        "approved before it). `allowed_actions` says what the caller may do with it now.",
        conditional=True,
    ),
    create=schema.create_operation(
        "Start a new draft of a person's care plan",
        'Send `{"recipient": id}`. The draft starts from the summary of the approved version. '
        "A plan has one version under work at a time: while one is draft, submitted or "
        "returned, this is 409 naming it in `open_version`.",
        roles=schema.ROLES_CARE,
        responses={201: CarePlanVersionDetailSerializer},
    ),
    partial_update=schema.update_operation(
        "Change the summary of a draft or returned version",
        "Only `summary` can be changed (written so that the person understands it). A "
        "submitted, approved or superseded version is 409.",
        roles=schema.ROLES_CARE,
        responses=CarePlanVersionDetailSerializer,
    ),
    submit=schema.action_operation(
        "Submit a version for review",
        "draft or returned → submitted. The body is empty (`{}`).",
        roles=schema.ROLES_CARE,
    ),
    approve=schema.action_operation(
        "Approve a submitted version",
        "submitted → approved, with an optional `comment`. The content is frozen as it stands; "
        "the version approved before becomes superseded.",
        roles=schema.ROLES_MANAGERS,
    ),
    return_=schema.action_operation(
        "Return a submitted version with a comment",
        "submitted → returned. `comment` (what needs to change) is required: blank is 400.",
        roles=schema.ROLES_MANAGERS,
    ),
)
class CarePlanVersionViewSet(ScopedViewSet):
    """Care plan versions (genomförandeplaner) of the people in the caller's units.

    POST with `{"recipient": id}` starts a new draft. A draft (or a returned version) is
    edited with PATCH and submitted; a manager of the unit approves it, which freezes its
    content, or returns it with a comment. `content` is the plan as it stands (frozen once
    approved) and `changes_since_approved` what changed since the version approved before."""

    audit_recipient = "plan.recipient_id"
    optional_if_match_actions = ("submit", "approve", "return_")
    output_serializer_class = CarePlanVersionDetailSerializer
    input_serializer_classes = {
        "list": CarePlanVersionSerializer,  # rows without `content`
        "create": CarePlanStartSerializer,
        "partial_update": CarePlanVersionUpdateSerializer,
        "submit": PlanActionSerializer,
        "approve": PlanApproveSerializer,
        "return_": PlanReturnSerializer,
    }
    filterset_class = CarePlanVersionFilterSet
    ordering_fields = ("created_at", "updated_at", "submitted_at", "number")
    selector = staticmethod(plan_version_list)

    def perform_create_with_service(self, data):
        return plan_start_draft(actor=self.request.user, recipient=data["recipient"])

    def perform_update_with_service(self, instance, data, expected_version):
        # `{}` changes nothing, as for every PATCH; the service still checks the caller's
        # role, the version's status and If-Match.
        return plan_version_update(
            actor=self.request.user,
            version=instance,
            expected_version=expected_version,
            summary=data.get("summary", instance.summary),
        )

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.respond(self.act(plan_version_submit, target="version"))

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.respond(self.act(plan_version_approve, target="version"))

    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self.respond(self.act(plan_version_return, target="version"))
