"""Every GET-paginated page: the "Nästa" link from page 1 opens page 2 (its rows, not page 1's
again) and keeps the page's other filters in the address."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import LogReview
from apps.plans.services import plan_start_draft, plan_version_submit
from tests.audit.factories import read
from tests.factories import CareRecipientFactory, FollowUpFactory, InterventionFactory


def next_link(response) -> str:
    assert response.status_code == 200, response.status_code
    found = re.search(r'<a href="([^"]*)" rel="next"', response.content.decode())
    assert found, "no next link"
    href = html.unescape(found.group(1))
    assert href.startswith("?") and not href.startswith("??"), href
    return href


def follow(client, url, **params):
    first = client.get(url, params)
    second = client.get(url + next_link(first))
    assert second.status_code == 200
    return first, second


def ids(page) -> list:
    return [getattr(row, "pk", None) or row for row in page.object_list]


def test_log_review(client, world):
    for _ in range(51):
        read(world.staff_a, CareRecipientFactory(unit=world.unit_a), channel="api_token")
    read(world.staff_a, world.alma)  # another channel: filtered out
    client.force_login(world.manager)
    first, second = follow(client, reverse("audit:review"), channel="api_token")
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 1
    assert second.context["form"].cleaned_data["channel"] == "api_token"
    assert "channel=api_token" in next_link(first)


def test_log_review_of_one_person(client, world):
    # (the reviewer's own reads of the page are channel web: filtered out)
    for _ in range(51):
        read(world.staff_a, world.alma, channel="api_token")
    read(world.staff_b, world.alma, channel="web")
    client.force_login(world.manager)
    url = reverse("audit:by-recipient", args=[world.alma.pk])
    first, second = follow(client, url, channel="api_token")
    assert second.context["page"].number == 2
    assert [row.channel for row in second.context["page"].object_list] == ["api_token"]
    assert set(ids(first.context["page"])).isdisjoint(ids(second.context["page"]))


def test_change_history(client, world):
    for number in range(30):
        world.alma.given_name = f"Alma{number}"
        world.alma.save()
    client.force_login(world.manager)
    url = reverse("privacy:recipient-history", args=[world.alma.pk])
    first, second = follow(client, url)
    assert second.context["page"].number == 2
    assert ids(first.context["page"]) != ids(second.context["page"])


def test_plans_to_review(client, world):
    for _ in range(26):
        person = CareRecipientFactory(unit=world.unit_a)
        plan_version_submit(
            actor=world.staff_a, version=plan_start_draft(actor=world.staff_a, recipient=person)
        )
    client.force_login(world.manager)
    _first, second = follow(client, reverse("plans:review-list"))
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 1


def test_my_followups(client, world):
    intervention = InterventionFactory(recipient=world.alma)
    for _ in range(26):
        FollowUpFactory(
            intervention=intervention, responsible=world.staff_a, due_date=timezone.localdate()
        )
    client.force_login(world.staff_a)
    _first, second = follow(client, reverse("followups:mine"))
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 1


def test_log_checks(client, world):
    today = timezone.localdate()
    for days in range(51):
        end = today - dt.timedelta(days=days)
        LogReview.objects.create(
            unit=world.unit_a,
            reviewer=world.manager,
            period_start=end,
            period_end=end,
            method="sample",
            scope="Stickprov",
            accesses_checked=1,
            finding="no_remarks",
        )
    client.force_login(world.manager)
    _first, second = follow(client, reverse("audit:checks"))
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 1


@pytest.mark.parametrize("page", ["2", "x"])
def test_the_component_renders_one_question_mark(page):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/", {"channel": "web", "page": page})
    rendered = render_to_string(
        "components/pagination.html",
        {"page": Paginator(range(100), 10).get_page(2), "request": request},
        request=request,
    )
    assert "??" not in rendered and 'href="?channel=web&amp;page=3"' in rendered
