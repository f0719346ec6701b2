"""Personas shared by the suite (as Healthchecks' alice/bob/charlie):

    staff_a      care staff of unit A
    staff_b      care staff of unit B (same organisation)
    manager      manager of units A and B
    assessor_a   biståndshandläggare of unit A (may edit recipients)
    admin_user   administrator of the organisation (is_staff, uses the Django admin)
    outsider     a user of another organisation

and recipients: alma (unit A), bo (unit B), hemlig (unit A, protected identity, granted to
manager only), other_org_person (another organisation).

More personas, each its own fixture (made only for the tests that ask):

    licensed_a   a licensed professional (sjuksköterska, legitimerad personal) in unit A:
                 assesses, and may decide
    people       manager_b (manager of unit B only: does not see Alma), staff_a_manager_b
                 (care staff in unit A, manager of unit B: sees Alma, may not review her
                 plan), root (a superuser without memberships or grants)
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from apps.organisations.choices import Role
from tests.factories import (
    CareRecipientFactory,
    OrganisationFactory,
    ProtectedIdentityGrantFactory,
    UnitFactory,
)
from tests.helpers import member


@pytest.fixture(autouse=True)
def product_language():
    """Each test starts in the product's language (Swedish). A request in English activates
    English in the thread and Django leaves it active after the response; a later test that
    calls a service directly would otherwise read its messages in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    org = OrganisationFactory(name="Testkommun")
    other_org = OrganisationFactory(name="Annan kommun")
    unit_a = UnitFactory(organisation=org, name="Enhet A")
    unit_b = UnitFactory(organisation=org, name="Enhet B")
    unit_x = UnitFactory(organisation=other_org, name="Enhet X")

    staff_a = member("staff_a", (unit_a, Role.CARE_STAFF))
    staff_b = member("staff_b", (unit_b, Role.CARE_STAFF))
    manager = member("manager", (unit_a, Role.MANAGER), (unit_b, Role.MANAGER))
    assessor_a = member("assessor_a", (unit_a, Role.ASSESSOR))
    admin_user = member(
        "admin_user", (unit_a, Role.ADMINISTRATOR), (unit_b, Role.ADMINISTRATOR), is_staff=True
    )
    outsider = member("outsider", (unit_x, Role.MANAGER))

    alma = CareRecipientFactory(unit=unit_a, given_name="Alma", family_name="Andersdemo")
    bo = CareRecipientFactory(unit=unit_b, given_name="Bo", family_name="Bengtdemo")
    hemlig = CareRecipientFactory(
        unit=unit_a, given_name="Hemlig", family_name="Skyddadsson", protected_identity=True
    )
    ProtectedIdentityGrantFactory(recipient=hemlig, user=manager)
    other_org_person = CareRecipientFactory(unit=unit_x, given_name="Ulla", family_name="Utomsson")
    return SimpleNamespace(**locals())


@pytest.fixture
def licensed_a(world):
    return member(
        "licensed_a",
        (world.unit_a, Role.LICENSED_PROFESSIONAL),
        first_name="Sara",
        last_name="Sjuksköterska",
    )


@pytest.fixture
def people(world):
    return SimpleNamespace(
        manager_b=member("manager_b", (world.unit_b, Role.MANAGER)),
        staff_a_manager_b=member(
            "staff_a_manager_b", (world.unit_a, Role.CARE_STAFF), (world.unit_b, Role.MANAGER)
        ),
        root=member("root", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def life_areas(db):
    """The real life areas from fixtures/life_areas.json."""
    from django.core.management import call_command

    call_command("loaddata", "life_areas", verbosity=0)
    from apps.catalogue.models import LifeArea

    return {area.code: area for area in LifeArea.objects.all()}


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_for(db):
    """token_for(user, read_only=False, units=()) -> an APIClient authenticated with a new token."""
    from rest_framework.test import APIClient

    from apps.accounts.models import ApiToken

    def make(user, *, read_only=False, units=()):
        token, raw = ApiToken.objects.create(user=user, name="test", read_only=read_only)
        if units:
            token.units.set(units)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make
