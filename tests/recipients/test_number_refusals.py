"""Each wrong personal identity number is refused with words that say what is wrong — the
same words on the page form and through the API (create and search)."""

import html
import re

import pytest
from django.urls import reverse

from apps.recipients.models import CareRecipient
from tests.recipients.test_recipient_input import form_data

REFUSALS = [
    ("19121212-121A", "får bara innehålla siffror"),
    ("1912121A-1212", "får bara innehålla siffror"),
    ("191212-12121", "ska ha 10 eller 12 siffror, men har 11"),
    ("12121212", "ska ha 10 eller 12 siffror, men har 8"),
    ("1945031523", "har bara 10 siffror men börjar som ett tolvsiffrigt"),
    ("19450315-23", "har bara 10 siffror men börjar som ett tolvsiffrigt"),
    ("121212--1212", "Skriv bindestrecket före de fyra sista siffrorna"),
    ("19121212+1212", "Plustecken används bara med tvåsiffrigt årtal"),
    ("19121212-1213", "Kontrollsiffran stämmer inte"),
    ("19121212-0008", "Födelsenumret kan inte vara 000"),  # right check digit,
]


@pytest.mark.parametrize(("number", "words"), REFUSALS)
def test_the_page_form_says_what_is_wrong(client, world, number, words):
    client.force_login(world.assessor_a)
    response = client.post(
        reverse("recipients:create"), form_data(world.unit_a, personal_number=number)
    )
    assert response.status_code == 200
    assert words in html.unescape(response.content.decode())
    assert not CareRecipient.objects.filter(family_name="Formsson").exists()


@pytest.mark.parametrize(("number", "words"), REFUSALS)
def test_the_api_says_the_same(world, token_for, number, words):
    client = token_for(world.assessor_a)
    body = {
        "unit": str(world.unit_a.pk),
        "given_name": "Greta",
        "family_name": "Formsson",
        "personal_number": number,
        "start_date": "2026-01-15",
    }
    for url, data in [
        ("/api/v1/recipients/", body),
        ("/api/v1/recipients/search/", {"personal_number": number}),
    ]:
        response = client.post(url, data, format="json")
        assert response.status_code == 400, url
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == ["personal_number"], url
        assert words in errors[0]["detail"], (url, errors[0]["detail"])
    assert not CareRecipient.objects.filter(family_name="Formsson").exists()


def test_the_schema_pattern_takes_a_plus_only_after_a_two_digit_year(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    pattern = schema["components"]["schemas"]["RecipientWrite"]["properties"]["personal_number"][
        "pattern"
    ]
    assert re.match(pattern, "121212+1212") and re.match(pattern, "19121212-1212")
    assert not re.match(pattern, "19121212+1212")
