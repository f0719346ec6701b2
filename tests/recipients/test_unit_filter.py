"""The unit filter on the recipient list: its empty choice says what it means, and a user
with one unit is not asked to choose between that unit and "all"."""

import re

from django.urls import reverse


def unit_select(html: str) -> str | None:
    match = re.search(r'<select name="unit".*?</select>', html, re.S)
    return match.group(0) if match else None


def test_a_user_of_two_units_chooses_among_all_units_or_one(client, world):
    client.force_login(world.manager)
    select = unit_select(client.get(reverse("recipients:list")).content.decode())
    assert select is not None
    assert '<option value="" selected>Alla enheter</option>' in select
    assert "---------" not in select
    assert "Enhet A" in select and "Enhet B" in select


def test_a_user_of_one_unit_sees_no_unit_filter(client, world):
    client.force_login(world.staff_a)
    html = client.get(reverse("recipients:list")).content.decode()
    assert unit_select(html) is None
    assert "Alma" in html  # the list itself is unchanged


def test_a_unit_filter_sent_anyway_by_a_one_unit_user_changes_nothing(client, world):
    client.force_login(world.staff_a)
    html = client.get(reverse("recipients:list"), {"unit": str(world.unit_b.pk)}).content.decode()
    assert "Alma" in html and "Bengtdemo" not in html


def test_the_unit_filter_narrows_the_list_in_english_too(client, world):
    client.force_login(world.manager)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("recipients:list"), {"unit": str(world.unit_b.pk)})
    html = response.content.decode()
    assert "Bengtdemo" in html and "Andersdemo" not in html
    assert '<option value="">All units</option>' in unit_select(html)


def test_a_new_recipient_form_preselects_the_only_unit(client, world):
    client.force_login(world.assessor_a)
    response = client.get(reverse("recipients:create"))
    assert response.status_code == 200
    select = unit_select(response.content.decode())
    assert f'<option value="{world.unit_a.pk}" selected>' in select


def test_a_search_term_in_the_address_is_neither_run_nor_echoed(client, world):
    client.force_login(world.manager)
    number = world.alma.personal_number
    response = client.get(reverse("recipients:list"), {"q": number})
    html = response.content.decode()
    assert number not in html.replace(f'<span class="nowrap">{number}</span>', "")
    assert 'name="q"' in html and f'value="{number}"' not in html
    assert "Bengtdemo" in html  # the whole list, not a search
