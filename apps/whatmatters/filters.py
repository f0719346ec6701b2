"""One FilterSet per model, shared by the pages and the API. Every filter has an index.

Ranges are half-open: `*_after` includes its bound, `*_before` excludes it."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.dates import BoundedDateFilter, BoundedIsoDateTimeFilter
from apps.core.filters import ChoicesFilter, RecipientOwnedFilterSet, range_filters
from apps.whatmatters.choices import AnswerStatus, GoalStatus
from apps.whatmatters.models import Answer, Conversation, Goal


class ConversationFilterSet(RecipientOwnedFilterSet):
    held_after, held_before = range_filters(
        BoundedIsoDateTimeFilter,
        "held_at",
        after=_("Hållet från (ISO 8601)"),
        before=_("Hållet före (ISO 8601)"),
    )

    class Meta:
        model = Conversation
        fields = ["recipient", "unit", "held_after", "held_before", "updated_since"]


class AnswerFilterSet(RecipientOwnedFilterSet):
    life_area = django_filters.CharFilter(field_name="life_area_id", label=_("Livsområde (kod)"))
    status = ChoicesFilter(choices=AnswerStatus.choices)
    wants_to_manage_self = django_filters.BooleanFilter()

    class Meta:
        model = Answer
        fields = [
            "recipient",
            "unit",
            "life_area",
            "status",
            "wants_to_manage_self",
            "updated_since",
        ]


class GoalFilterSet(RecipientOwnedFilterSet):
    status = ChoicesFilter(choices=GoalStatus.choices)
    target_after, target_before = range_filters(
        BoundedDateFilter, "target_date", after=_("Måldatum från"), before=_("Måldatum före")
    )

    class Meta:
        model = Goal
        fields = ["recipient", "unit", "status", "target_after", "target_before", "updated_since"]
