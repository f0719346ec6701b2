"""Reads of care recipients, always through the scoping chokepoint."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.organisations.models import Unit
from apps.organisations.permissions import RECIPIENT_EDITORS
from apps.recipients.filters import RecipientFilterSet
from apps.recipients.models import CareRecipient

# Done and cancelled follow-ups shown on the recipient's page (the newest); the rest is history.
FOLLOWUP_HISTORY_SHOWN = 10


def recipient_list(*, user, filters=None, search: str = ""):
    """The people the user may see, narrowed by RecipientFilterSet `filters` and by `search`
    (a name or a personal identity number: a page's POST or the API's search, never a URL)."""
    qs = CareRecipient.objects.visible_to(user).select_related("unit")
    qs = RecipientFilterSet.apply(qs, filters, user=user)
    return qs.search(search).order_by("family_name", "given_name", "id")


def _scheduled_followups(**filters):
    """How many scheduled follow-ups each recipient row has: a subquery, not a query per row."""
    from apps.followups.choices import FollowUpStatus
    from apps.followups.models import FollowUp

    counted = (
        FollowUp.objects.filter(
            recipient=OuterRef("pk"), status=FollowUpStatus.SCHEDULED, **filters
        )
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def recipient_list_with_followups(*, user, today: dt.date, filters=None, search: str = ""):
    """The list, each row with `open_followups` (scheduled) and `overdue_followups` (scheduled
    and due before today)."""
    return recipient_list(user=user, filters=filters, search=search).annotate(
        open_followups=_scheduled_followups(),
        overdue_followups=_scheduled_followups(due_date__lt=today),
    )


def units_for_new_recipients(*, user):
    """The units in which the user may add care recipients (empty: no "add" button)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.with_role(user, *RECIPIENT_EDITORS)


def recipient_get(*, user, pk) -> CareRecipient:
    """The recipient, or 404 when it does not exist *or* the user may not see it."""
    qs = CareRecipient.objects.visible_to(user).select_related("unit", "organisation")
    return get_object_or_404(qs, pk=pk)


@dataclass
class RecipientOverview:
    """Everything the recipient's page shows, read in a fixed number of queries."""

    answer_groups: list
    goals: list
    interventions: list
    consents: list
    assessments: list
    open_followups: list
    past_followups: list
    plan_versions: list
    plan_in_force: object  # the approved CarePlanVersion among plan_versions, or None
    contacts: list


def recipient_overview(*, user, recipient: CareRecipient) -> RecipientOverview:
    from apps.assessments.selectors import assessment_list
    from apps.followups.choices import FollowUpStatus
    from apps.followups.selectors import followup_list
    from apps.interventions.selectors import consent_list, intervention_list
    from apps.plans.selectors import plan_versions_for, version_in_force
    from apps.whatmatters.choices import GoalStatus
    from apps.whatmatters.selectors import answers_by_life_area, goal_list

    followups = followup_list(user=user).filter(recipient=recipient)
    followups = followups.select_related("goal", "intervention")
    interventions = list(
        intervention_list(user=user).filter(recipient=recipient).order_by("-created_at", "id")
    )
    answer_groups = answers_by_life_area(user=user, recipient=recipient)
    plan_versions = list(plan_versions_for(user=user, recipient=recipient))
    # What each answer is served by, from the interventions already read (no extra query).
    served_by: dict = {}
    for intervention in interventions:
        for answer in intervention.serves_answers.all():
            served_by.setdefault(answer.pk, []).append(intervention)
    for group in answer_groups:
        for answer in group.answers:
            answer.served_by = served_by.get(answer.pk, [])
    return RecipientOverview(
        answer_groups=answer_groups,
        goals=list(
            goal_list(user=user, recipient=recipient).order_by(
                Case(When(status=GoalStatus.ACTIVE, then=Value(0)), default=Value(1)),
                F("target_date").asc(nulls_last=True),
                "created_at",
                "id",
            )
        ),
        interventions=interventions,
        consents=list(
            consent_list(user=user).filter(recipient=recipient).order_by("-given_at", "id")
        ),
        assessments=list(
            assessment_list(user=user).filter(recipient=recipient).select_related("intervention")
        ),
        open_followups=list(
            followups.filter(status=FollowUpStatus.SCHEDULED).order_by("due_date", "id")
        ),
        past_followups=list(
            followups.exclude(status=FollowUpStatus.SCHEDULED).order_by(
                "-due_date", "-done_at", "id"
            )[:FOLLOWUP_HISTORY_SHOWN]
        ),
        plan_versions=plan_versions,
        plan_in_force=version_in_force(plan_versions),
        contacts=list(recipient.contacts.all()),
    )
