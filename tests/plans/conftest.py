"""Plan-specific personas.

staff_a_manager_b   care staff in unit A and manager of unit B: sees Alma, may not review
manager_b           manager of unit B only: does not see Alma at all
"""

from types import SimpleNamespace

import pytest
import weasyprint

from apps.organisations.choices import Role
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def people(world):
    def member(username, *pairs):
        user = UserFactory(username=username, first_name="Test", last_name=username)
        for unit, role in pairs:
            MembershipFactory(user=user, unit=unit, role=role)
        return user

    return SimpleNamespace(
        staff_a_manager_b=member(
            "staff_a_manager_b", (world.unit_a, Role.CARE_STAFF), (world.unit_b, Role.MANAGER)
        ),
        manager_b=member("manager_b", (world.unit_b, Role.MANAGER)),
    )


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is made from (WeasyPrint still renders it), in order."""
    made_from = []
    real_html = weasyprint.HTML

    def spy(*args, **kwargs):
        made_from.append(kwargs["string"])
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    return made_from
