"""Personas for assessments: licensed professionals (legitimerad personal), who alone may
record a professional judgement, and an intervention for Alma to judge."""

import pytest

from apps.organisations.choices import Role
from tests.factories import InterventionFactory, MembershipFactory, UserFactory


@pytest.fixture
def nurse_a(world):
    """A nurse (sjuksköterska) in unit A."""
    user = UserFactory(username="nurse_a", first_name="Sara", last_name="Sjuksköterska")
    MembershipFactory(user=user, unit=world.unit_a, role=Role.LICENSED_PROFESSIONAL)
    return user


@pytest.fixture
def nurse_b(world):
    """A nurse in unit B: licensed, but not in Alma's unit."""
    user = UserFactory(username="nurse_b")
    MembershipFactory(user=user, unit=world.unit_b, role=Role.LICENSED_PROFESSIONAL)
    return user


@pytest.fixture
def intervention(world):
    return InterventionFactory(recipient=world.alma, proposed_by=world.assessor_a)
