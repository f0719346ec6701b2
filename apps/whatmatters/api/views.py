from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action

from apps.api import schema
from apps.api.viewsets import AppendOnlyScopedViewSet, ScopedViewSet
from apps.whatmatters.api.serializers import (
    AnswerCreateSerializer,
    AnswerSerializer,
    AnswerSupersedeSerializer,
    AnswerUpdateSerializer,
    ConversationCreateSerializer,
    ConversationSerializer,
    GoalCreateSerializer,
    GoalSerializer,
    GoalUpdateSerializer,
)
from apps.whatmatters.filters import AnswerFilterSet, ConversationFilterSet, GoalFilterSet
from apps.whatmatters.selectors import answer_queryset, conversation_list, goal_list
from apps.whatmatters.services import (
    answer_add,
    answer_supersede,
    answer_update,
    conversation_create,
    goal_create,
    goal_update,
)


@extend_schema_view(
    list=schema.list_operation(
        "List conversations",
        'The "Vad är viktigt för dig?" ("what matters to you?") conversations, each with its '
        "answers. Filter by recipient, unit and when they were held.",
    ),
    retrieve=schema.read_operation("Read one conversation with its answers"),
    create=schema.create_operation(
        "Record a conversation with its answers",
        "The conversation and its answers in one request, in the person's own words, one "
        "life area each: all are saved, or none (400 names the refused answer as "
        "`answers.<n>.<field>`).",
        roles=schema.ROLES_CARE,
    ),
)
class ConversationViewSet(AppendOnlyScopedViewSet):
    """The "Vad är viktigt för dig?" conversations, each with its answers. Create a
    conversation together with its answers in one request: all are saved, or none."""

    output_serializer_class = ConversationSerializer
    input_serializer_classes = {"create": ConversationCreateSerializer}
    filterset_class = ConversationFilterSet
    ordering_fields = ("held_at", "created_at", "updated_at")
    selector = staticmethod(conversation_list)

    def perform_create_with_service(self, data):
        return self.refetch(conversation_create(actor=self.request.user, **data))


@extend_schema_view(
    list=schema.list_operation(
        "List answers",
        "What matters to each person, in their own words, by life area. Filter by recipient, "
        "life area and status (current, superseded, no longer relevant).",
    ),
    retrieve=schema.read_operation("Read one answer", conditional=True),
    create=schema.create_operation(
        "Add an answer to a conversation",
        "A further answer to an existing conversation of the same person.",
        roles=schema.ROLES_CARE,
    ),
    partial_update=schema.update_operation(
        "Change an answer's staff summary or mark it no longer relevant",
        "The person's own words are never overwritten: only `staff_summary` changes, or "
        "`status` from current to no_longer_relevant. Sending a field of the answer itself "
        "is 400 (code `supersede`): record a changed answer with supersede instead.",
        roles=schema.ROLES_CARE,
    ),
    supersede=schema.operation(
        "Record a changed answer",
        "A new answer replaces this one, which becomes superseded; fields left out are taken "
        "from the old answer. Answers 201 with the new answer, its `Location` and `ETag`. "
        "Only a current answer can be superseded (409 otherwise).",
        schema.who_may(schema.ROLES_CARE),
        "`If-Match` (the old answer's ETag) is optional; when sent it must match (412 "
        "otherwise). Send `Idempotency-Key` to retry safely.",
        schema.ERRORS,
        request=AnswerSupersedeSerializer,
        responses={201: AnswerSerializer},
    ),
)
class AnswerViewSet(ScopedViewSet):
    """What matters, in the person's own words. An answer is never overwritten: PATCH changes
    only the staff summary or marks it no longer relevant; a changed answer is a new answer,
    POST /answers/{id}/supersede/."""

    optional_if_match_actions = ("supersede",)
    output_serializer_class = AnswerSerializer
    input_serializer_classes = {
        "create": AnswerCreateSerializer,
        "partial_update": AnswerUpdateSerializer,
        "supersede": AnswerSupersedeSerializer,
    }
    filterset_class = AnswerFilterSet
    selector = staticmethod(answer_queryset)

    def perform_create_with_service(self, data):
        conversation = data.pop("conversation")
        return self.refetch(answer_add(actor=self.request.user, conversation=conversation, **data))

    def perform_update_with_service(self, instance, data, expected_version):
        answer = answer_update(
            actor=self.request.user, answer=instance, expected_version=expected_version, **data
        )
        return self.refetch(answer)

    @action(detail=True, methods=["post"])
    def supersede(self, request, pk=None):
        new = self.refetch(self.act(answer_supersede, target="answer"))
        return self.respond(new, status=201, headers={"Location": self.location_of(new)})


@extend_schema_view(
    list=schema.list_operation(
        "List goals",
        "Goals formulated with each person from one or more of their current answers. Filter "
        "by recipient, status and target date.",
    ),
    retrieve=schema.read_operation("Read one goal", conditional=True),
    create=schema.create_operation(
        "Formulate a goal",
        "In the person's own words, with an indicator and a target date, from at least one "
        "current answer of the same person.",
        roles=schema.ROLES_CARE,
    ),
    partial_update=schema.update_operation(
        "Change a goal",
        "Its words, indicator, target date, answers or status.",
        roles=schema.ROLES_CARE,
    ),
)
class GoalViewSet(ScopedViewSet):
    """Goals formulated with the person from one or more of their current answers."""

    output_serializer_class = GoalSerializer
    input_serializer_classes = {
        "create": GoalCreateSerializer,
        "partial_update": GoalUpdateSerializer,
    }
    filterset_class = GoalFilterSet
    selector = staticmethod(goal_list)

    def perform_create_with_service(self, data):
        return self.refetch(goal_create(actor=self.request.user, **data))

    def perform_update_with_service(self, instance, data, expected_version):
        goal = goal_update(
            actor=self.request.user, goal=instance, expected_version=expected_version, **data
        )
        return self.refetch(goal)
