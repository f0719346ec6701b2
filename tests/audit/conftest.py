"""Personas for the log review, in addition to the shared `world`:

licensed_a      a licensed professional of unit A (the shared persona)
org_admin_c     administrator of the organisation through unit C only (not a member of
                A or B): reviews A, B and C all the same
superuser       a superuser without memberships or grants
unit_c, cilla   a third unit of the organisation and its recipient
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from apps.organisations.choices import Role
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import (
    CareRecipientFactory,
    InterventionFactory,
    MembershipFactory,
    ProtectedIdentityGrantFactory,
    UnitFactory,
    UserFactory,
)
from tests.helpers import records_of_every_kind


@pytest.fixture
def more(world, licensed_a):
    unit_c = UnitFactory(organisation=world.org, name="Enhet C")
    org_admin_c = UserFactory(username="org_admin_c", is_staff=True)
    MembershipFactory(user=org_admin_c, unit=unit_c, role=Role.ADMINISTRATOR)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    cilla = CareRecipientFactory(unit=unit_c, given_name="Cilla", family_name="Cedersdemo")
    return SimpleNamespace(**locals())


@pytest.fixture
def manager_of_a(world):
    """The manager of unit A only (the shared `manager` manages A and B)."""
    user = UserFactory(username="manager_a")
    MembershipFactory(user=user, unit=world.unit_a, role=Role.MANAGER)
    return user


@pytest.fixture
def records(world, more):
    """One of each kind of Alma's records, and one intervention of Bo's (another unit)."""
    made = records_of_every_kind(
        world.alma,
        author=world.staff_a,
        assessor=more.licensed_a,
        due_date=timezone.localdate() - dt.timedelta(days=3),  # overdue: on the overview
        plan=False,  # made below through the services: one approved, one submitted
    )
    first = plan_start_draft(actor=world.staff_a, recipient=world.alma)
    plan_version_submit(actor=world.staff_a, version=first)
    approved = plan_version_approve(actor=world.manager, version=first)
    second = plan_start_draft(actor=world.staff_a, recipient=world.alma)
    submitted = plan_version_submit(actor=world.staff_a, version=second)
    grant = ProtectedIdentityGrantFactory(recipient=world.alma, user=world.staff_b)
    bos = InterventionFactory(recipient=world.bo)
    return {
        "conversation": made.conversation,
        "answer": made.answer,
        "goal": made.goal,
        "intervention": made.intervention,
        "consent": made.consent,
        "assessment": made.assessment,
        "followup": made.follow_up,
        "approved": approved,
        "submitted": submitted,
        "grant": grant,
        "bos_intervention": bos,
    }
