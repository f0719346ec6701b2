"""The recipient list page and the API filter through the same selector and FilterSet: the
same parameters find the same people."""

import pytest
from django.urls import reverse

from apps.recipients.filters import RecipientFilterSet
from apps.recipients.forms import RecipientFilterForm
from tests.factories import CareRecipientFactory

API_LIST = "/api/v1/recipients/"


@pytest.fixture
def paused(world):
    return [
        CareRecipientFactory(unit=world.unit_a, family_name="Vilandesson", status="paused"),
        CareRecipientFactory(unit=world.unit_b, family_name="Pausdemo", status="paused"),
    ]


def page_people(client, params):
    response = client.post(reverse("recipients:list"), params)
    assert response.status_code == 200
    return {r.pk for r in response.context["page"].object_list}


def api_people(api_client, params):
    response = api_client.get(API_LIST, params)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"unit": "unit_a"},
        {"unit": "unit_b"},
        {"status": "paused"},
        {"status": "active"},
        {"unit": "unit_b", "status": "paused"},
        {"unit": "unit_a", "status": "ended"},
    ],
)
def test_page_and_api_find_the_same_people_for_the_same_filters(
    client, api_client, world, paused, params
):
    params = {
        name: str(getattr(world, value).pk) if name == "unit" else value
        for name, value in params.items()
    }
    client.force_login(world.manager)
    api_client.force_authenticate(world.manager)
    on_page = page_people(client, params)
    assert {str(pk) for pk in on_page} == api_people(api_client, params)
    assert on_page or params.get("status") == "ended"  # not only empty == empty


def test_the_page_form_offers_only_filters_of_the_filterset(world):
    form = RecipientFilterForm(user=world.manager)
    assert set(form.fields) - {"q"} <= set(RecipientFilterSet.base_filters)
