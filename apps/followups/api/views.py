from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action

from apps.api import schema
from apps.api.viewsets import ScopedViewSet
from apps.followups.api.serializers import (
    FollowUpCancelSerializer,
    FollowUpCompleteSerializer,
    FollowUpRescheduleSerializer,
    FollowUpScheduleSerializer,
    FollowUpSerializer,
)
from apps.followups.filters import FollowUpFilterSet
from apps.followups.selectors import followup_list
from apps.followups.services import (
    followup_cancel,
    followup_complete,
    followup_schedule,
    followup_update,
)


@extend_schema_view(
    list=schema.list_operation(
        "List follow-ups",
        'Follow-ups ("uppföljningar") of goals and interventions. Filter by status, due '
        "date, `overdue` (scheduled and past its date), responsible, goal, intervention and "
        "recipient.",
    ),
    retrieve=schema.read_operation(
        "Read one follow-up",
        "With its outcome once done: the person's own words, the 0–10 rating, whether it still "
        "serves what matters, and the decision.",
        conditional=True,
    ),
    create=schema.create_operation(
        "Schedule a follow-up",
        "Of a goal or an intervention (one of them) of a person in the caller's units, on "
        "`due_date`, with a `responsible` colleague who works in the person's unit.",
        roles=schema.ROLES_CARE,
    ),
    partial_update=schema.update_operation(
        "Reschedule a follow-up",
        "Change `due_date` or `responsible` of a scheduled follow-up (409 once done or cancelled).",
        roles=schema.ROLES_CARE,
    ),
    complete=schema.action_operation(
        "Record how a follow-up went",
        "scheduled → done, with the person's own words, the rating (null: the person could "
        "not rate it), whether it still matters and the decision. Unless the decision is to "
        "end, the next follow-up is scheduled (`next_due_date`, `next_responsible`); ending "
        "ends a running intervention. A goal outcome sets the goal's status. All or nothing.",
        roles=schema.ROLES_CARE,
    ),
    cancel=schema.action_operation(
        "Cancel a follow-up",
        "scheduled → cancelled. `reason` is required.",
        roles=schema.ROLES_CARE,
    ),
)
class FollowUpViewSet(ScopedViewSet):
    """Follow-ups (uppföljningar) of goals and interventions. POST schedules one; PATCH
    reschedules it (If-Match required); `complete` records how it went and schedules the next
    one unless the decision is to end; `cancel` calls it off."""

    optional_if_match_actions = ("complete", "cancel")
    output_serializer_class = FollowUpSerializer
    input_serializer_classes = {
        "create": FollowUpScheduleSerializer,
        "partial_update": FollowUpRescheduleSerializer,
        "complete": FollowUpCompleteSerializer,
        "cancel": FollowUpCancelSerializer,
    }
    filterset_class = FollowUpFilterSet
    ordering_fields = ("due_date", "created_at", "updated_at")
    selector = staticmethod(followup_list)

    def perform_create_with_service(self, data):
        return followup_schedule(actor=self.request.user, **data)

    def perform_update_with_service(self, instance, data, expected_version):
        return followup_update(
            actor=self.request.user, followup=instance, expected_version=expected_version, **data
        )

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.respond(self.act(followup_complete, target="followup"))

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.respond(self.act(followup_cancel, target="followup"))
