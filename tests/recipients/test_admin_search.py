"""The admin's recipient search keeps personal identity numbers out of URLs: the search box
POSTs, a number becomes a keyed digest in `?pn=`, and a `?q=` with a number is refused."""

import re

import pytest
from django.urls import reverse

from apps.audit.models import AccessLog
from apps.recipients.admin_search import number_digest
from tests.audit.helpers import last_id, rows_since

CHANGELIST = reverse("admin:recipients_carerecipient_changelist")
REFUSED = "Sök inte på personnummer via adressen"
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def spellings(number: str) -> list[str]:
    """Every way the product takes a number: 12 or 10 digits, with or without the dash."""
    full = number.replace("-", "")
    return [number, full, number[2:], full[2:]]


def links(response) -> list[str]:
    return LINK.findall(response.content.decode())


def assert_no_number(number: str, *texts: str):
    for text in texts:
        for spelling in spellings(number):
            assert spelling not in text, (spelling, text[:200])


def search(client, term, **extra):
    return client.post(CHANGELIST, {"_search": "1", "q": term, **extra})


def listed(response) -> list:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin_user)
    return client


@pytest.mark.parametrize("spelling", range(4), ids=["12-dash", "12", "10-dash", "10"])
def test_a_search_by_number_finds_the_person_and_no_url_carries_the_number(
    admin_client, world, spelling
):
    number = world.alma.personal_number
    posted = search(admin_client, spellings(number)[spelling])
    assert posted.status_code == 302
    location = posted["Location"]
    assert f"pn={number_digest(number)}" in location
    final = admin_client.get(location)
    assert listed(final) == [world.alma]
    served = final.request["PATH_INFO"] + "?" + final.request["QUERY_STRING"]
    assert_no_number(number, location, served, *links(final))
    form = re.search(r'<form id="changelist-search" method="post"', final.content.decode())
    assert form, "the search box POSTs"


def test_paging_and_sorting_keep_the_search_without_the_number(admin_client, world):
    number = world.alma.personal_number
    location = search(admin_client, number)["Location"]
    page = admin_client.get(location)
    sort_links = [link for link in links(page) if "o=" in link and "pn=" in link]
    assert sort_links, "the column headers keep the search"
    sorted_page = admin_client.get(CHANGELIST + sort_links[0].replace("&amp;", "&"))
    assert listed(sorted_page) == [world.alma]
    assert_no_number(number, *links(sorted_page))


def test_names_stay_in_q_and_filters_are_kept(admin_client, world):
    posted = search(admin_client, "  Bengtdemo ", status__exact="active")
    assert posted["Location"] == f"{CHANGELIST}?status__exact=active&q=Bengtdemo"
    assert listed(admin_client.get(posted["Location"])) == [world.bo]


def test_the_popup_of_the_raw_id_widget_stays_a_popup(admin_client, world):
    posted = search(admin_client, world.bo.personal_number, _popup="1", _to_field="id")
    assert "_popup=1" in posted["Location"] and "_to_field=id" in posted["Location"]
    assert listed(admin_client.get(posted["Location"])) == [world.bo]


@pytest.mark.parametrize("spelling", range(4), ids=["12-dash", "12", "10-dash", "10"])
def test_a_number_in_q_is_refused_searched_nothing_and_not_echoed(admin_client, world, spelling):
    number = world.alma.personal_number
    before = last_id()
    refused = admin_client.get(CHANGELIST, {"q": spellings(number)[spelling], "status": "active"})
    assert refused.status_code == 302
    assert refused["Location"] == f"{CHANGELIST}?status=active"
    assert rows_since(before) == []  # nothing was searched, so nothing was read
    shown = admin_client.get(refused["Location"])
    text = shown.content.decode()
    assert REFUSED in text
    assert shown.context["cl"].query == ""  # the search box is empty; the list shows numbers
    assert 'id="searchbar" value=""' in text or 'value="" id="searchbar"' in text
    assert_no_number(number, *links(shown))


def test_a_partial_number_or_a_lookup_on_the_number_is_refused_too(admin_client, world):
    number = world.alma.personal_number
    queries = [{"q": number[:8]}, {"personal_number": number}]
    queries.append({"personal_number__contains": number[:8]})
    for query in queries:
        refused = admin_client.get(CHANGELIST, query)
        assert refused.status_code == 302 and refused["Location"] == CHANGELIST, query
    assert REFUSED in admin_client.get(CHANGELIST).content.decode()


def test_a_partial_number_is_searched_by_post(admin_client, world):
    number = world.bo.personal_number
    location = search(admin_client, number[:8])["Location"]
    assert number[:8] not in location and number[2:8] not in location
    assert world.bo in listed(admin_client.get(location))


@pytest.mark.parametrize("whose", ["hemlig", "other_org_person"])
def test_out_of_scope_is_not_found_and_logged_as_a_search_without_the_number(
    admin_client, world, whose
):
    number = getattr(world, whose).personal_number
    location = search(admin_client, number)["Location"]
    before = last_id()
    assert listed(admin_client.get(location)) == []
    rows = rows_since(before)
    assert [(r.outcome, r.recipient_id, r.channel) for r in rows] == [("denied", None, "admin")]
    values = [str(getattr(rows[0], f.attname)) for f in AccessLog._meta.fields]
    assert_no_number(number, *values)


def test_a_search_that_finds_the_person_is_logged_as_their_read(admin_client, world):
    location = search(admin_client, world.alma.personal_number)["Location"]
    before = last_id()
    admin_client.get(location)
    rows = rows_since(before)
    assert [(r.outcome, r.recipient_id, r.channel) for r in rows] == [
        ("allowed", world.alma.pk, "admin")
    ]
    assert_no_number(world.alma.personal_number, rows[0].path, rows[0].what)


def test_a_digest_from_another_session_finds_no_one(client, world):
    client.force_login(world.admin_user)
    location = search(client, world.alma.personal_number)["Location"]
    client.logout()
    client.force_login(world.admin_user)
    response = client.get(location)
    assert listed(response) == []
    assert "Sökningen gäller inte längre" in response.content.decode()


def test_the_autocomplete_refuses_numbers_and_logs_name_searches(admin_client, world):
    url = reverse("admin:autocomplete")
    params = {"app_label": "recipients", "model_name": "contact", "field_name": "recipient"}
    for term in spellings(world.alma.personal_number):
        response = admin_client.get(url, {**params, "term": term})
        assert response.status_code == 200 and response.json()["results"] == []
    before = last_id()
    found = admin_client.get(url, {**params, "term": "Andersdemo"}).json()["results"]
    assert [row["id"] for row in found] == [str(world.alma.pk)]
    assert [(r.outcome, r.recipient_id) for r in rows_since(before)] == [("allowed", world.alma.pk)]
    before = last_id()
    admin_client.get(url, {**params, "term": "Skyddadsson"})
    assert [(r.outcome, r.recipient_id) for r in rows_since(before)] == [("denied", None)]


def test_staff_without_an_administrator_role_get_no_search(client, world):
    world.staff_a.is_staff = True
    world.staff_a.save()
    client.force_login(world.staff_a)
    assert search(client, world.alma.personal_number).status_code == 403
    assert client.get(CHANGELIST, {"q": world.alma.personal_number}).status_code == 403
    assert "admin_recipient_searches" not in client.session
