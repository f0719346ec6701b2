from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action

from apps.api.viewsets import ScopedViewSet, parse_if_match
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
from apps.whatmatters.models import Answer, Conversation, Goal
from apps.whatmatters.selectors import answer_queryset, conversation_list, goal_list
from apps.whatmatters.services import (
    answer_add,
    answer_supersede,
    answer_update,
    conversation_create,
    goal_create,
    goal_update,
)


class ConversationViewSet(ScopedViewSet):
    """The "Vad är viktigt för dig?" conversations, each with its answers. Create a
    conversation together with its answers in one request: all are saved, or none."""

    http_method_names = ["get", "post", "head", "options"]
    output_serializer_class = ConversationSerializer
    input_serializer_classes = {"create": ConversationCreateSerializer}
    filterset_class = ConversationFilterSet
    ordering_fields = ("held_at", "created_at", "updated_at")
    queryset = Conversation.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        return conversation_list(user=self.request.user)

    def perform_create_with_service(self, data):
        conversation = conversation_create(actor=self.request.user, **data)
        return self.get_queryset().get(pk=conversation.pk)


class AnswerViewSet(ScopedViewSet):
    """What matters, in the person's own words. An answer is never overwritten: PATCH changes
    only the staff summary or marks it no longer relevant; a changed answer is a new answer,
    POST /answers/{id}/supersede/."""

    output_serializer_class = AnswerSerializer
    input_serializer_classes = {
        "create": AnswerCreateSerializer,
        "partial_update": AnswerUpdateSerializer,
        "supersede": AnswerSupersedeSerializer,
    }
    filterset_class = AnswerFilterSet
    ordering_fields = ("created_at", "updated_at")
    queryset = Answer.objects.none()

    def get_queryset(self):
        return answer_queryset(user=self.request.user)

    def perform_create_with_service(self, data):
        conversation = data.pop("conversation")
        answer = answer_add(actor=self.request.user, conversation=conversation, **data)
        return self.get_queryset().get(pk=answer.pk)

    def perform_update_with_service(self, instance, data, expected_version):
        answer = answer_update(
            actor=self.request.user, answer=instance, expected_version=expected_version, **data
        )
        return self.get_queryset().get(pk=answer.pk)

    @extend_schema(
        request=AnswerSupersedeSerializer,
        responses={201: AnswerSerializer},
        parameters=[
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description='The old answer\'s ETag, e.g. "v3" (optional).',
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def supersede(self, request, pk=None):
        """Record a changed answer as a new answer that replaces this one (201, the new
        answer). Only a current answer can be superseded (409 otherwise)."""
        answer = self.get_object()
        expected_version = parse_if_match(request) if request.headers.get("If-Match") else None
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = answer_supersede(
            actor=request.user,
            answer=answer,
            expected_version=expected_version,
            **serializer.validated_data,
        )
        new = self.get_queryset().get(pk=new.pk)
        return self.respond(new, status=201, headers={"Location": self.location_of(new)})


class GoalViewSet(ScopedViewSet):
    """Goals formulated with the person from one or more of their current answers."""

    output_serializer_class = GoalSerializer
    input_serializer_classes = {
        "create": GoalCreateSerializer,
        "partial_update": GoalUpdateSerializer,
    }
    filterset_class = GoalFilterSet
    ordering_fields = ("created_at", "updated_at")
    queryset = Goal.objects.none()

    def get_queryset(self):
        return goal_list(user=self.request.user)

    def perform_create_with_service(self, data):
        goal = goal_create(actor=self.request.user, **data)
        return self.get_queryset().get(pk=goal.pk)

    def perform_update_with_service(self, instance, data, expected_version):
        goal = goal_update(
            actor=self.request.user, goal=instance, expected_version=expected_version, **data
        )
        return self.get_queryset().get(pk=goal.pk)
