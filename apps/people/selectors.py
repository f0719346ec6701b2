"""The person's pages: what every app holds about one person, read together.

This app sits above the apps it assembles (recipients, whatmatters, interventions,
assessments, followups, plans), so that each of them stays ignorant of the others' pages.
The person's page and the API's overview show the same read, `person_overview`."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from apps.assessments.selectors import assessment_list
from apps.followups.choices import FollowUpStatus
from apps.followups.models import FollowUp
from apps.followups.selectors import followup_list
from apps.interventions.selectors import consent_list, intervention_list
from apps.plans.choices import OPEN_STATUSES
from apps.plans.selectors import plan_versions_for, version_in_force
from apps.recipients.models import CareRecipient
from apps.recipients.selectors import recipient_list
from apps.whatmatters.choices import GoalStatus
from apps.whatmatters.selectors import answers_by_life_area, goal_list

# Done and cancelled follow-ups shown for the person (the newest); the rest is history.
FOLLOWUP_HISTORY_SHOWN = 10


def _scheduled_followups(**filters):
    """How many scheduled follow-ups each recipient row has: a subquery, not a query per row."""
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
    """The recipient list (`recipient_list`), each row with `open_followups` (scheduled) and
    `overdue_followups` (scheduled and due before today)."""
    return recipient_list(user=user, filters=filters, search=search).annotate(
        open_followups=_scheduled_followups(),
        overdue_followups=_scheduled_followups(due_date__lt=today),
    )


@dataclass
class PersonOverview:
    """Everything the person's page and the API's overview show, read in a fixed number of
    queries."""

    recipient: CareRecipient
    answer_groups: list  # current answers by life area, each with `served_by` (interventions)
    goals: list
    interventions: list
    consents: list
    assessments: list
    open_followups: list
    past_followups: list  # the newest FOLLOWUP_HISTORY_SHOWN done or cancelled
    plan_versions: list  # newest first
    plan_in_force: object  # the approved CarePlanVersion among plan_versions, or None
    plan_open: object  # the version being worked on (draft, submitted, returned), or None
    contacts: list

    @property
    def answers(self) -> list:
        return [answer for group in self.answer_groups for answer in group.answers]


def person_overview(*, user, recipient: CareRecipient) -> PersonOverview:
    """The person's records, every one read through the scoping chokepoint (`visible_to`).
    The caller has read `recipient` through it too (and logs the read)."""
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
    return PersonOverview(
        recipient=recipient,
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
        plan_open=next((v for v in plan_versions if v.status in OPEN_STATUSES), None),
        contacts=list(recipient.contacts.all()),
    )
