"""The admin answers 404 for a record out of scope, for a protected person's record without a
grant and for a random id alike (as the rest of the product), on every object page of every
model that belongs to a care recipient: change, delete, history and a past version."""

import uuid

import pytest
from django.urls import reverse

from apps.organisations.choices import Role
from apps.plans.services import plan_start_draft
from tests.factories import (
    MembershipFactory,
    ProtectedIdentityGrantFactory,
    UserFactory,
)
from tests.helpers import records_of_every_kind

MODELS = [
    "recipients_carerecipient",
    "recipients_protectedidentitygrant",
    "whatmatters_conversation",
    "whatmatters_answer",
    "whatmatters_goal",
    "interventions_intervention",
    "interventions_consent",
    "assessments_assessment",
    "followups_followup",
    "plans_careplanversion",
]
VIEWS = ["change", "delete", "history", "simple_history"]


def records_of(person, staff):
    """One record of each model for `person`, keyed as MODELS."""
    made = records_of_every_kind(person, author=staff, plan=False)
    return {
        "recipients_carerecipient": person,
        "recipients_protectedidentitygrant": ProtectedIdentityGrantFactory(
            recipient=person, user=UserFactory()
        ),
        "whatmatters_conversation": made.conversation,
        "whatmatters_answer": made.answer,
        "whatmatters_goal": made.goal,
        "interventions_intervention": made.intervention,
        "interventions_consent": made.consent,
        "assessments_assessment": made.assessment,
        "followups_followup": made.follow_up,
        "plans_careplanversion": plan_start_draft(actor=staff, recipient=person),
    }


@pytest.fixture
def positions(world):
    """Records in scope (Alma's), of another organisation (Ulla's) and of a protected person
    the administrator holds no grant for (Hemlig's)."""
    outside_staff = UserFactory()
    MembershipFactory(user=outside_staff, unit=world.unit_x, role=Role.CARE_STAFF)
    return {
        "in_scope": records_of(world.alma, world.staff_a),
        "other_org": records_of(world.other_org_person, outside_staff),
        "protected": records_of(world.hemlig, world.staff_a),
    }


def url(model, view, pk):
    if view == "simple_history":
        return reverse(f"admin:{model}_simple_history", args=[pk, 1])
    return reverse(f"admin:{model}_{view}", args=[pk])


def has_view(model, view) -> bool:
    from django.urls import NoReverseMatch

    try:
        url(model, view, uuid.uuid4())
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("who", ["admin_user", "superuser"])
def test_out_of_scope_and_protected_records_are_404_as_a_random_id(
    client, world, positions, model, who
):
    user = world.admin_user
    if who == "superuser":
        user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    views = [view for view in VIEWS if has_view(model, view)]
    assert "change" in views and "history" in views
    for view in views:
        missing = client.get(url(model, view, uuid.uuid4()))
        assert missing.status_code == 404, (view, missing.status_code)
        hidden = ["protected"] if who == "superuser" else ["other_org", "protected"]
        if model == "recipients_protectedidentitygrant":
            # The grants of a protected person are managed by the administrators of the
            # person's unit (shown by the person's id only): hidden only out of the unit.
            hidden = [] if who == "superuser" else ["other_org"]
        for position in hidden:
            got = client.get(url(model, view, positions[position][model].pk))
            assert got.status_code == 404, (view, position, got.status_code)
            assert "Location" not in got
    # and a record in scope opens (the change page) as before
    assert client.get(url(model, "change", positions["in_scope"][model].pk)).status_code == 200
