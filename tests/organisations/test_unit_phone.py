"""A unit's telephone number: the number printed on the person's plan."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.organisations.models import Unit

ACCEPTED = ["08-123 456 78", "070-174 06 05", "0701740605", "+46 70 174 06 05", "+46701740605"]
REFUSED = ["123", "abc", "070 174 06 05 99 99", "+1 555 0100", "00-123 456", "08–123 45 67"]


@pytest.mark.parametrize("number", ACCEPTED)
def test_swedish_numbers_are_accepted(world, number):
    world.unit_a.phone = number
    world.unit_a.full_clean()
    world.unit_a.save()
    assert Unit.objects.get(pk=world.unit_a.pk).phone == number


@pytest.mark.parametrize("number", REFUSED)
def test_other_text_is_refused_by_the_form_and_the_database(world, number):
    world.unit_a.phone = number
    with pytest.raises(ValidationError) as refused:
        world.unit_a.full_clean()
    assert "svenskt telefonnummer" in str(refused.value.message_dict["phone"])
    with transaction.atomic(), pytest.raises(IntegrityError):
        world.unit_a.save()  # past the form: the constraint holds


def test_the_number_may_be_left_empty(world):
    world.unit_a.phone = ""
    world.unit_a.full_clean()


def test_the_admin_edits_and_lists_the_number(client, world):
    client.force_login(world.admin_user)
    url = reverse("admin:organisations_unit_change", args=[world.unit_a.pk])
    form = client.get(url).content.decode()
    assert 'name="phone"' in form
    data = {
        "organisation": world.unit_a.organisation_id,
        "name": world.unit_a.name,
        "kind": world.unit_a.kind,
        "is_active": "on",
        "phone": "0701740699",
    }
    assert client.post(url, data).status_code == 302
    assert Unit.objects.get(pk=world.unit_a.pk).phone == "0701740699"
    refused = client.post(url, {**data, "phone": "ring mig"}).content.decode()
    assert "Ange ett svenskt telefonnummer" in refused
    listing = client.get(reverse("admin:organisations_unit_changelist")).content.decode()
    assert "0701740699" in listing


def test_the_demo_units_have_numbers_from_the_series_kept_for_fiction(db):
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    numbers = list(Unit.objects.values_list("phone", flat=True))
    assert numbers and all(numbers)
    for number in numbers:
        digits = re.sub(r"\D", "", number)
        # PTS keeps 070-174 06 05 – 070-174 06 99 for films, books and the like.
        assert digits.startswith("0701740") and 605 <= int(digits[-3:]) <= 699
