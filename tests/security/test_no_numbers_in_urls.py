"""No personal identity number in any URL or log line: an administrator and a care worker walk
the demo (the admin's change lists and change pages, its search by number, the staff pages:
the recipient list, a recipient's page, the plan, the log review) and nothing served — no
address, redirect, href, src or form action — and no log record carries anyone's number, in
any spelling (12 or 10 digits, with or without the dash)."""

import logging
import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from apps.accounts.models import User
from apps.recipients.models import CareRecipient

LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
LOGGERS = ["django", "django.request", "django.server", "carecenter", "apps"]
PAGES_PER_USER = 70
NOT_FOLLOWED = ("/konto/logout", "/admin/logout", "/static/", "/i18n/", "/api/")


def spellings(number: str) -> list[str]:
    full = number.replace("-", "")
    return [number, full, number[2:], full[2:]]


class Walk:
    """Every URL served and every link in every page, as a user following links would."""

    def __init__(self, username: str):
        self.client = Client(raise_request_exception=True)
        self.client.force_login(User.objects.get(username=username))
        self.seen: list[str] = []  # addresses requested, redirects and links in pages
        self.visited: set[str] = set()

    def open(self, url: str, *, data=None):
        response = (
            self.client.post(url, data, follow=True) if data else self.client.get(url, follow=True)
        )
        assert response.status_code < 500, url
        self.visited.add(url)
        self.seen += [location for location, _status in response.redirect_chain]
        request = response.request
        self.seen.append(f"{request['PATH_INFO']}?{request.get('QUERY_STRING', '')}")
        links = []
        if "html" in response.get("Content-Type", ""):
            links = [unescape(link) for link in LINK.findall(response.content.decode())]
            self.seen += links
        return response, links

    def crawl(self, *starts: str, limit: int = PAGES_PER_USER, only: str = "/"):
        queue = deque(starts)
        while queue and len(self.visited) < limit:
            url = queue.popleft()
            if url in self.visited:
                continue
            _response, links = self.open(url)
            for link in links:
                parts = urlsplit(link)
                if parts.netloc or not parts.path.startswith(only):
                    continue
                if parts.path.startswith(NOT_FOLLOWED) or link in self.visited:
                    continue
                queue.append(link)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def logs(caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def admin_start_pages() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def test_no_served_url_link_or_log_line_carries_a_personal_number(demo, logs):
    people = list(CareRecipient.objects.order_by("personal_number"))
    numbers = [person.personal_number for person in people]
    assert len(numbers) > 20  # the demo register

    administrator = Walk("frida")
    # Each change list and the change pages its rows link to (a few per list).
    for start in admin_start_pages():
        _response, links = administrator.open(start)
        changes = [link for link in links if re.search(r"/[0-9a-f-]{36}/change/", link)]
        for link in dict.fromkeys(changes[:3]):
            administrator.open(link)
    # The admin's search by number, in every spelling, with paging and sorting after it.
    changelist = reverse("admin:recipients_carerecipient_changelist")
    frida = User.objects.get(username="frida")
    for number in CareRecipient.objects.visible_to(frida).values_list("personal_number", flat=True)[
        :3
    ]:
        for spelling in spellings(number):
            response, links = administrator.open(changelist, data={"_search": "1", "q": spelling})
            assert [r.personal_number for r in response.context["cl"].result_list] == [number]
        for link in [link for link in links if "o=" in link][:2]:
            administrator.open(changelist + link if link.startswith("?") else link)
    # The staff pages, as the administrator reads them too.
    administrator.crawl(reverse("recipients:list"), reverse("audit:review"), only="/", limit=150)

    staff = Walk("anna")
    anna = User.objects.get(username="anna")
    person = CareRecipient.objects.visible_to(anna).order_by("family_name").first()
    staff.open(reverse("recipients:list"), data={"q": person.personal_number})
    staff.crawl(
        reverse("recipients:list"),
        reverse("recipients:detail", args=[person.pk]),
        reverse("plans:recipient", args=[person.pk]),
    )
    assert len(staff.visited) >= 10 and len(administrator.visited) >= 40

    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    lines = [formatter.format(record) for record in logs.records]
    leaks = [
        (spelling, text[:160])
        for text in [*administrator.seen, *staff.seen, *lines]
        for number in numbers
        for spelling in spellings(number)
        if spelling in text
    ]
    assert not leaks, leaks[:10]
