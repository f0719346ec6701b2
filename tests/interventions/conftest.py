"""Personas and builders for the intervention tests.

licensed_a   (tests/conftest.py) a licensed professional in unit A: assesses, may decide
answer       a current "what matters" answer of Alma (unit A)
plain_tech   a technology that needs no consent (e.g. a reminder app)
lock_tech    needs consent, not monitoring (a keyless door lock)
camera       needs consent and is monitoring (a night camera)
make_intervention(status=..., technology=..., ...)  an intervention of Alma in any status
"""

import pytest

from apps.interventions.choices import InterventionStatus
from tests.factories import (
    AnswerFactory,
    InterventionFactory,
    NightCameraFactory,
    TechnologyFactory,
)
from tests.interventions.factories import STATUS_FIELDS


@pytest.fixture
def answer(world):
    return AnswerFactory(conversation__recipient=world.alma, own_words="Att få sova ostört.")


@pytest.fixture
def plain_tech(db):
    return TechnologyFactory(code="reminder-app-test", name_sv="Påminnelseapp")


@pytest.fixture
def lock_tech(db):
    return TechnologyFactory(
        code="digital-lock-test", name_sv="Digitalt lås", requires_consent=True
    )


@pytest.fixture
def camera(db):
    return NightCameraFactory()


@pytest.fixture
def make_intervention(world, answer, plain_tech):
    def make(status=InterventionStatus.PROPOSED, *, recipient=None, technology=None, **fields):
        recipient = recipient or world.alma
        served = [answer] if recipient == world.alma else []
        if not served:
            served = [AnswerFactory(conversation__recipient=recipient)]
        return InterventionFactory(
            recipient=recipient,
            technology=technology or plain_tech,
            status=status,
            proposed_by=world.assessor_a,
            serves_answers=served,
            **{**STATUS_FIELDS[status], **fields},
        )

    return make
