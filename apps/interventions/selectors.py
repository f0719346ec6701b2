"""Reads of interventions and consents, always through the scoping chokepoint.

Assessments and follow-ups belong to apps above this one; they point at an intervention, and
an intervention reads them through the reverse relations their foreign keys declare
(`intervention.assessments`, `intervention.follow_ups`), never by importing those apps.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from apps.interventions.filters import ConsentFilterSet, InterventionFilterSet
from apps.interventions.models import Consent, Intervention, InterventionEvent


def _records_pointing_here(relation: str):
    """The records of a higher app behind one of the intervention's reverse relations, to
    prefetch them in the shape a page or the API shows."""
    return Intervention._meta.get_field(relation).related_model.objects


def _assessments_prefetch():
    return Prefetch(
        "assessments",
        queryset=_records_pointing_here("assessments")
        .select_related("assessor")
        .order_by("-assessed_at", "-created_at"),
        to_attr="assessments_newest_first",
    )


def _served_prefetches():
    from apps.whatmatters.models import Answer, Goal

    return (
        Prefetch(
            "serves_answers",
            queryset=Answer.objects.select_related("life_area").order_by(
                "life_area__sort_order", "-created_at", "id"
            ),
        ),
        Prefetch("serves_goals", queryset=Goal.objects.order_by("target_date", "created_at", "id")),
    )


def intervention_list(*, user, filters=None):
    """Interventions the user may see, with what they serve: a fixed number of queries per
    page whatever its size."""
    qs = (
        Intervention.objects.visible_to(user)
        .select_related("technology", "recipient")
        .prefetch_related(*_served_prefetches())
    )
    return InterventionFilterSet.apply(qs, filters, user=user)


def intervention_detail_queryset(*, user):
    """As the list, plus consents, the event log and the assessments (newest first)."""
    return intervention_list(user=user).prefetch_related(
        Prefetch("consents", queryset=Consent.objects.order_by("-given_at", "id")),
        Prefetch(
            "events",
            queryset=InterventionEvent.objects.select_related("actor").order_by("at", "id"),
        ),
        _assessments_prefetch(),
    )


def latest_assessment(intervention):
    """The newest assessment of the intervention (the one the lifecycle guards look at)."""
    prefetched = getattr(intervention, "assessments_newest_first", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return intervention.assessments.order_by("-assessed_at", "-created_at").first()


def consent_list(*, user, filters=None):
    qs = Consent.objects.visible_to(user).select_related("intervention")
    return ConsentFilterSet.apply(qs, filters, user=user)


def consent_get(*, user, pk) -> Consent:
    return get_object_or_404(consent_list(user=user), pk=pk)


# --- the pages --------------------------------------------------------------------------------


def intervention_page_queryset(*, user):
    """Everything the intervention page shows, in a fixed number of queries whatever the
    number of answers, consents, events, assessments and follow-ups."""
    return (
        Intervention.objects.visible_to(user)
        .select_related("technology", "recipient", "proposed_by")
        .prefetch_related(
            *_served_prefetches(),
            Prefetch(
                "consents",
                queryset=Consent.objects.select_related(
                    "contact", "recorded_by", "withdrawn_recorded_by"
                ).order_by("-given_at", "id"),
            ),
            Prefetch(
                "events",
                queryset=InterventionEvent.objects.select_related("actor").order_by("at", "id"),
            ),
            _assessments_prefetch(),
            Prefetch(
                "follow_ups",
                queryset=_records_pointing_here("follow_ups")
                .select_related("responsible")
                .order_by("due_date", "id"),
                to_attr="follow_ups_by_due_date",
            ),
        )
    )


def intervention_page_get(*, user, pk) -> Intervention:
    """The intervention for its page, or 404 when it does not exist or is out of scope."""
    return get_object_or_404(intervention_page_queryset(user=user), pk=pk)


def latest_done_follow_up(intervention):
    """The most recently completed follow-up of the intervention (from the page's prefetch)."""
    follow_ups = getattr(intervention, "follow_ups_by_due_date", None)
    if follow_ups is None:
        follow_ups = intervention.follow_ups.all()
    done = [f for f in follow_ups if f.is_done]
    return max(done, key=lambda f: f.done_at, default=None)


def consent_contacts(recipient):
    """The person's contacts who may give consent: legal representatives and cohabitants."""
    from apps.recipients.models import Contact

    return list(Contact.objects.filter(recipient=recipient).order_by("kind", "name", "id"))


def proposal_choices(*, user, recipient):
    """What a proposal may serve: the person's current answers (with life area) and active
    goals, each read through the scoping chokepoint."""
    from apps.whatmatters.choices import AnswerStatus, GoalStatus
    from apps.whatmatters.models import Answer, Goal

    answers = (
        Answer.objects.visible_to(user)
        .filter(recipient=recipient, status=AnswerStatus.CURRENT)
        .select_related("life_area")
        .order_by("life_area__sort_order", "-created_at", "id")
    )
    goals = (
        Goal.objects.visible_to(user)
        .filter(recipient=recipient, status=GoalStatus.ACTIVE)
        .order_by("target_date", "created_at", "id")
    )
    return answers, goals
