"""Fixtures for the change history and the register extract: a person with one record of
every kind, created and changed by a named user from a known request."""

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.logging import request_id_var
from apps.interventions.models import InterventionEvent
from apps.plans.models import CarePlan, CarePlanVersion
from tests.factories import LifeAreaFactory, TechnologyFactory
from tests.helpers import records_of_every_kind

CREATED_IN = "11111111-1111-4111-8111-111111111111"
CHANGED_IN = "22222222-2222-4222-8222-222222222222"
MARKUP = '<script>alert("x")</script> & <b>fet</b>'


@contextmanager
def acting_as(user, request_id: str):
    """Changes made inside are stamped as if a request by `user` made them."""
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    token = request_id_var.set(request_id)
    try:
        yield
    finally:
        request_id_var.reset(token)
        del HistoricalRecords.context.request


def fill_records(recipient, *, author, words: str = "Att få sova ostört hela natten."):
    """One record of every kind for `recipient`, created by `author` in request CREATED_IN."""
    with acting_as(author, CREATED_IN):
        sleep = LifeAreaFactory(code="sleep", name_sv="Sömn", name_en="Sleep")
        camera = TechnologyFactory(code="privacy-camera", name_sv="Nattkamera")
        # one plan per person, one version under work at a time
        existing_plan = CarePlan.objects.filter(recipient=recipient).first()
        records = records_of_every_kind(
            recipient,
            author=author,
            life_area=sleep,
            technology=camera,
            words=words,
            plan=existing_plan is None,
        )
        event = InterventionEvent.objects.create(
            intervention=records.intervention,
            action="propose",
            to_status="proposed",
            actor=author,
            reason="Personen vill sova ostört.",
        )
    records.plan = records.plan or existing_plan
    return SimpleNamespace(
        **vars(records), author=author, words=words, sleep=sleep, camera=camera, event=event
    )


def change_records(records, *, editor):
    """Changes of several kinds, by `editor` in request CHANGED_IN."""
    with acting_as(editor, CHANGED_IN):
        recipient = records.recipient
        recipient.preferred_language = "finska"
        recipient.save()
        records.goal.status = "achieved"
        records.goal.save()
        records.intervention.serves_goals.set([records.goal])
        records.consent.withdrawn_at = timezone.now()
        records.consent.withdrawn_reason = "Vill inte längre."
        records.consent.save()
        records.version.summary = "Ny klartext.\nMed en andra rad som är lång. " + "x" * 150
        records.version.save()


@pytest.fixture
def alma_records(world):
    records = fill_records(world.alma, author=world.staff_a)
    change_records(records, editor=world.assessor_a)
    return records


def approve(version: CarePlanVersion):
    version.status = "approved"
    version.snapshot = {"answers": [], "goals": [], "interventions": [], "follow_ups": []}
    version.save()
