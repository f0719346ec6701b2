"""Builders for consents and assessments in a given state, on top of tests/factories.py."""

import datetime as dt

from django.utils import timezone

from apps.interventions.choices import EndReason, InterventionStatus
from tests.factories import AssessmentFactory, ConsentFactory

# What each status looks like in the database once the lifecycle has put it there.
STATUS_FIELDS = {
    InterventionStatus.PROPOSED: {},
    InterventionStatus.DECLINED: {},
    InterventionStatus.ACCEPTED: {},
    InterventionStatus.TRIAL: {
        "trial_start": dt.date(2026, 1, 1),
        "trial_end": dt.date(2026, 2, 1),
        "started_on": dt.date(2026, 1, 1),
    },
    InterventionStatus.ACTIVE: {"started_on": dt.date(2026, 1, 1)},
    InterventionStatus.ENDED: {
        "started_on": dt.date(2026, 1, 1),
        "ended_on": dt.date(2026, 3, 1),
        "end_reason": EndReason.COMPLETED,
    },
}


def consent(intervention, *, given_by="person", withdrawn=False, **fields):
    now = timezone.now()
    return ConsentFactory(
        intervention=intervention,
        given_by=given_by,
        given_at=now - dt.timedelta(days=1),
        withdrawn_at=now if withdrawn else None,
        **fields,
    )


def assessment(intervention, decision, *, days_ago=1, assessor=None):
    return AssessmentFactory(
        intervention=intervention,
        decision=decision,
        assessed_at=timezone.now() - dt.timedelta(days=days_ago),
        **({"assessor": assessor} if assessor else {}),
    )
