"""Reads of follow-ups, always through the scoping chokepoint."""

import datetime as dt

from django.shortcuts import get_object_or_404

from apps.followups.choices import FollowUpStatus
from apps.followups.models import FollowUp

MY_HORIZON = dt.timedelta(days=7)


def followup_list(*, user):
    return (
        FollowUp.objects.visible_to(user)
        .select_related("responsible", "previous_follow_up")
        .order_by("due_date", "id")
    )


def followup_get(*, user, pk) -> FollowUp:
    """The follow-up, or 404 when it does not exist *or* the user may not see its person."""
    return get_object_or_404(followup_list(user=user), pk=pk)


def my_followups(*, user, today: dt.date):
    """The user's own scheduled follow-ups due within a week, and every overdue one."""
    return (
        followup_list(user=user)
        .filter(responsible=user, status=FollowUpStatus.SCHEDULED, due_date__lte=today + MY_HORIZON)
        .select_related("recipient", "goal", "intervention")
    )
