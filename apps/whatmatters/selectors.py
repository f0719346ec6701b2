"""Reads of conversations, answers and goals, always through the scoping chokepoint."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from apps.catalogue.models import LifeArea
from apps.whatmatters.choices import AnswerStatus
from apps.whatmatters.filters import AnswerFilterSet, ConversationFilterSet, GoalFilterSet
from apps.whatmatters.models import Answer, Conversation, Goal


def answer_queryset(*, user, filters=None):
    """Answers the user may see, with what their serialization needs in the same query."""
    qs = Answer.objects.visible_to(user).select_related("life_area", "superseded_by")
    return AnswerFilterSet.apply(qs, filters, user=user)


def _answers_of_conversation():
    """In the order they were given (as sent when the conversation was recorded)."""
    return Prefetch(
        "answers",
        queryset=Answer.objects.select_related("life_area", "superseded_by").order_by(
            "position", "created_at", "id"
        ),
    )


def _answers_of_goal():
    return Prefetch(
        "answers",
        queryset=Answer.objects.select_related("life_area").order_by(
            "life_area__sort_order", "created_at", "id"
        ),
    )


def conversation_list(*, user, recipient=None, filters=None):
    qs = (
        Conversation.objects.visible_to(user)
        .select_related("held_by")
        .prefetch_related(_answers_of_conversation())
    )
    if recipient is not None:
        qs = qs.filter(recipient=recipient)
    return ConversationFilterSet.apply(qs, filters, user=user)


def conversation_get(*, user, pk) -> Conversation:
    """The conversation, or 404 when it does not exist *or* the user may not see it."""
    return get_object_or_404(conversation_list(user=user), pk=pk)


def answer_list(*, user, recipient=None, status: str = ""):
    qs = answer_queryset(user=user)
    if recipient is not None:
        qs = qs.filter(recipient=recipient)
    if status:
        qs = qs.filter(status=status)
    return qs


def answer_get(*, user, pk) -> Answer:
    return get_object_or_404(answer_queryset(user=user), pk=pk)


@dataclass
class LifeAreaAnswers:
    life_area: LifeArea
    answers: list[Answer] = field(default_factory=list)


def answers_by_life_area(*, user, recipient) -> list[LifeAreaAnswers]:
    """The person's current answers, grouped by life area in the life areas' order (areas
    without a current answer are left out). The recipient page starts with this."""
    answers = (
        answer_list(user=user, recipient=recipient, status=AnswerStatus.CURRENT)
        .select_related(None)
        .select_related("life_area", "conversation")
        .order_by("life_area__sort_order", "life_area__code", "-created_at", "id")
    )
    groups: list[LifeAreaAnswers] = []
    for answer in answers:
        if not groups or groups[-1].life_area.pk != answer.life_area_id:
            groups.append(LifeAreaAnswers(life_area=answer.life_area))
        groups[-1].answers.append(answer)
    return groups


def goal_list(*, user, recipient=None, status: str = "", filters=None):
    qs = Goal.objects.visible_to(user).prefetch_related(_answers_of_goal())
    if recipient is not None:
        qs = qs.filter(recipient=recipient)
    if status:
        qs = qs.filter(status=status)
    return GoalFilterSet.apply(qs, filters, user=user)


# --- for the pages ---------------------------------------------------------------------------


def answer_get_for_page(*, user, pk) -> Answer:
    """The answer with its person, conversation and any newer answer (404 out of scope)."""
    qs = Answer.objects.visible_to(user).select_related(
        "recipient__unit", "conversation", "life_area", "superseded_by"
    )
    return get_object_or_404(qs, pk=pk)


def goal_get_for_page(*, user, pk) -> Goal:
    return get_object_or_404(goal_list(user=user).select_related("recipient__unit"), pk=pk)


def goal_answer_choices(*, user, recipient, goal: Goal | None = None):
    """The answers a goal may start from: the person's current ones, plus those the goal
    already has (they may stay even after being superseded)."""
    from django.db.models import Q

    current = Q(status=AnswerStatus.CURRENT)
    if goal is not None:
        current |= Q(pk__in=goal.answers.values("pk"))
    return (
        Answer.objects.visible_to(user)
        .filter(current, recipient=recipient)
        .select_related("life_area")
        .order_by("life_area__sort_order", "-created_at", "id")
    )
