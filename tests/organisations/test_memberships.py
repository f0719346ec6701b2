import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.organisations.models import Membership


def test_the_database_refuses_an_unknown_role(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=world.outsider, unit=world.unit_a, role="overlord")


def test_one_role_per_user_and_unit(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=world.staff_a, unit=world.unit_a, role="manager")


def test_admin_refuses_an_unknown_role_with_a_message(client, world):
    client.force_login(world.admin_user)
    response = client.post(
        reverse("admin:organisations_membership_add"),
        {"user": str(world.outsider.pk), "unit": str(world.unit_a.pk), "role": "overlord"},
    )
    assert response.status_code == 200
    assert "overlord" in response.content.decode()  # "overlord is not one of the available choices"
    assert not Membership.objects.filter(user=world.outsider, unit=world.unit_a).exists()


def test_admin_cannot_add_a_membership_in_another_organisations_unit(client, world):
    client.force_login(world.admin_user)
    response = client.post(
        reverse("admin:organisations_membership_add"),
        {"user": str(world.staff_a.pk), "unit": str(world.unit_x.pk), "role": "care_staff"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=world.staff_a, unit=world.unit_x).exists()
