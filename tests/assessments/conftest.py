"""Personas for assessments: licensed professionals (legitimerad personal), who alone may
record a professional judgement, and an intervention for Alma to judge."""

import pytest

from apps.organisations.choices import Role
from tests.factories import InterventionFactory
from tests.helpers import member


@pytest.fixture
def nurse_b(world):
    """A nurse in unit B: licensed, but not in Alma's unit (`licensed_a` is in unit A)."""
    return member("nurse_b", (world.unit_b, Role.LICENSED_PROFESSIONAL))


@pytest.fixture
def intervention(world):
    return InterventionFactory(recipient=world.alma, proposed_by=world.assessor_a)
