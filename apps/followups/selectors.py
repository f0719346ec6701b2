"""Reads of follow-ups, always through the scoping chokepoint."""

import datetime as dt

from django.shortcuts import get_object_or_404

from apps.followups.choices import FollowUpStatus
from apps.followups.filters import ME, FollowUpFilterSet
from apps.followups.models import FollowUp
from apps.interventions.lifecycle import CLOSED

MY_HORIZON = dt.timedelta(days=7)


def followup_list(*, user, filters=None):
    qs = FollowUp.objects.visible_to(user).select_related("responsible", "previous_follow_up")
    return FollowUpFilterSet.apply(qs, filters, user=user).order_by("due_date", "id")


def my_followups(*, user, today: dt.date):
    """The user's own scheduled follow-ups due within a week, and every overdue one."""
    filters = {
        "responsible": ME,
        "status": [FollowUpStatus.SCHEDULED],
        "due_before": (today + MY_HORIZON).isoformat(),
    }
    return followup_list(user=user, filters=filters).select_related(
        "recipient", "goal", "intervention"
    )


# --- for the pages ---------------------------------------------------------------------------


def my_followup_counts(*, user, today: dt.date) -> dict:
    """How many of the user's follow-ups (as in `my_followups`) are overdue, in one query."""
    from django.db.models import Count, Q

    return my_followups(user=user, today=today).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )


def _answers_with_context():
    from apps.whatmatters.models import Answer

    return Answer.objects.select_related("life_area", "conversation").order_by(
        "life_area__sort_order", "created_at", "id"
    )


def followup_get_for_page(*, user, pk) -> FollowUp:
    """The follow-up with what it follows up and the answers (the person's original words)
    that its goal and intervention serve; 404 when out of scope."""
    from django.db.models import Prefetch

    qs = followup_list(user=user).select_related(
        "recipient__unit", "goal", "intervention__technology", "recorded_by"
    )
    qs = qs.prefetch_related(
        Prefetch("goal__answers", queryset=_answers_with_context()),
        Prefetch("intervention__serves_answers", queryset=_answers_with_context()),
    )
    return get_object_or_404(qs, pk=pk)


def served_answers(followup: FollowUp) -> list:
    """The answers the goal and the intervention serve, each once (from the prefetch)."""
    seen = {}
    if followup.goal is not None:
        seen.update((a.pk, a) for a in followup.goal.answers.all())
    if followup.intervention is not None:
        for answer in followup.intervention.serves_answers.all():
            seen.setdefault(answer.pk, answer)
    return list(seen.values())


def schedulable_goals(*, user, recipient):
    from apps.whatmatters.choices import GoalStatus
    from apps.whatmatters.models import Goal

    return (
        Goal.objects.visible_to(user)
        .filter(recipient=recipient, status=GoalStatus.ACTIVE)
        .order_by("target_date", "created_at", "id")
    )


def schedulable_interventions(*, user, recipient):
    from apps.interventions.models import Intervention

    return (
        Intervention.objects.visible_to(user)
        .filter(recipient=recipient)
        .exclude(status__in=CLOSED)
        .order_by("-created_at", "id")
    )


def possible_responsibles(*, recipient):
    """Who may be responsible for a follow-up of this person: active users who work with
    people in the person's unit (and, for a protected identity, hold a grant)."""
    from apps.accounts.models import User
    from apps.organisations.permissions import CARE_ROLES

    users = User.objects.filter(
        is_active=True,
        memberships__unit_id=recipient.unit_id,
        memberships__role__in=CARE_ROLES,
    )
    if recipient.protected_identity:
        users = users.filter(protected_grants__recipient=recipient)
    return users.order_by("first_name", "last_name", "username")
