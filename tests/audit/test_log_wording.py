"""What a reviewer reads in the log review: what was done in words (never a raw view name or
a raw request line), whether it was a read, a write or refused (on the pages, the sample, the
export and the admin), and which API token was used."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.audit.models import AccessLog
from tests.audit.factories import read
from tests.audit.routes import loggable_routes
from tests.factories import CareRecipientFactory
from tests.querycounts import ACCESS_LOG

RAW_VIEW_NAME = re.compile(r"^[a-z_]+:[a-z-]+$")
ROW = re.compile(r"<tr>\s*<td.*?</tr>", re.S)
TAG = re.compile(r"<[^>]+>")


def cells_of(html: str) -> list[dict]:
    """Each log row of a page as {column (data-label): text}."""
    rows = []
    for row in ROW.findall(html):
        cells = re.findall(r'<td data-label="([^"]+)"[^>]*>(.*?)</td>', row, re.S)
        rows.append({label: " ".join(TAG.sub(" ", text).split()) for label, text in cells})
    return rows


def page(client, user, url, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(client, user) -> list[dict]:
    client.force_login(user)
    response = client.get(reverse("audit:export"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def by_recipient(person):
    return reverse("audit:by-recipient", args=[person.pk])


def by_user(user):
    return reverse("audit:by-user", args=[user.pk])


def newest() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_no_view_name_is_shown_for_a_log_with_one_row_per_loggable_route(client, world):
    stored, written = set(), 0
    for name, methods in loggable_routes().items():
        for method in methods:
            read(world.staff_a, world.alma, what=name, method=method)
            stored.add(name)
            written += 1
    shown, number = [], 1
    while True:
        html = page(client, world.manager, by_recipient(world.alma), page=number)
        shown += [row["Vad"] for row in cells_of(html)]
        if 'rel="next"' not in html:
            break
        number += 1
    # Every row written, and the reviewer's own reads of the pages before (audit:by-recipient).
    assert len(shown) == written + number - 1
    raw = [text for text in shown if RAW_VIEW_NAME.match(text) or text in stored]
    assert raw == []


@pytest.fixture
def three_kinds(world):
    """Alma's page read (GET), a conversation about her saved (POST), a refused lookup."""
    now = timezone.now()
    path = f"/omsorgstagare/{world.alma.pk}/"
    return {
        "read": read(world.staff_a, world.alma, what="recipients:detail", path=path, at=now),
        "write": read(
            world.staff_a,
            world.alma,
            what="whatmatters:conversation-create",
            method="POST",
            path=f"{path}samtal/nytt/",
            at=now - dt.timedelta(minutes=1),
        ),
        "denied": read(
            world.staff_b,
            world.alma,
            outcome="denied",
            path=path,
            at=now - dt.timedelta(minutes=2),
        ),
    }


def test_a_post_reads_as_a_write_and_a_get_as_a_read_on_the_persons_page(
    client, world, three_kinds
):
    read_row, write_row, denied_row = cells_of(
        page(client, world.manager, by_recipient(world.alma))
    )
    assert (read_row["Vad"], read_row["Utfall"]) == ("Omsorgstagarens sida", "Läst")
    assert (write_row["Vad"], write_row["Utfall"]) == (
        "Nytt samtal om vad som är viktigt",
        "Ändrat",
    )
    assert denied_row["Utfall"] == "Nekad"
    # What was done, not the request line (the export keeps method and path).
    assert "GET" not in read_row["Vad"] and "/omsorgstagare/" not in read_row["Vad"]


def test_the_users_page_and_the_sample_say_the_same(client, world, three_kinds):
    sample = page(client, world.manager, reverse("audit:sample"), seed=1, until=newest(), size=10)
    kinds = sorted(row["Utfall"] for row in cells_of(sample))
    assert kinds == ["Läst", "Nekad", "Ändrat"]
    html = page(client, world.manager, by_user(world.staff_a))
    assert [row["Utfall"] for row in cells_of(html)] == ["Läst", "Ändrat"]


def test_a_post_reads_as_a_write_and_a_get_as_a_read_in_the_export(client, world, three_kinds):
    rows = csv_rows(client, world.manager)
    kinds = [(r["Användarnamn"], r["Vad"], r["Metod"], r["Utfall"]) for r in rows]
    assert kinds == [
        ("staff_a", "Omsorgstagarens sida", "GET", "Läst"),
        ("staff_a", "Nytt samtal om vad som är viktigt", "POST", "Ändrat"),
        ("staff_b", "Omsorgstagarens sida", "GET", "Nekad"),
    ]


def test_the_admin_of_the_log_says_the_same(client, world, three_kinds):
    html = page(client, world.admin_user, reverse("admin:audit_accesslog_changelist"))
    shown = re.findall(r'<td class="field-access">([^<]*)</td>', html)
    assert sorted(shown) == ["Läst", "Nekad", "Ändrat"]
    assert '<td class="field-what_display">Nytt samtal om vad som är viktigt</td>' in html


class TestTokenColumn:
    @pytest.fixture
    def token(self, world):
        token, _raw = ApiToken.objects.create(user=world.staff_a, name="Regionens journal")
        return token

    def test_the_tokens_name_is_shown_and_a_dash_without_one(self, client, world, token):
        now = timezone.now()
        read(world.staff_a, world.alma, channel="api_token", token_key=token.token_key, at=now)
        read(world.staff_a, world.alma, at=now - dt.timedelta(minutes=1))
        for url in (by_recipient(world.alma), by_user(world.staff_a)):
            with_token, without = cells_of(page(client, world.manager, url))
            assert with_token["Token"] == f"Regionens journal ({token.token_key}…)"
            assert without["Token"] == "–"
        rows = csv_rows(client, world.manager)
        named = [row for row in rows if row["Token"]]
        assert [(r["Token"], r["Tokenens namn"]) for r in named] == [
            (token.token_key, "Regionens journal")
        ]

    def test_a_revoked_tokens_key_is_still_shown(self, client, world, token):
        key = token.token_key
        read(world.staff_a, world.alma, channel="api_token", token_key=key)
        token.delete()
        (row,) = cells_of(page(client, world.manager, by_recipient(world.alma)))
        assert row["Token"] == f"{key}…"

    def test_token_names_add_no_query(self, client, world, django_assert_num_queries):
        """The pinned counts of test_review_pages.TestQueryCounts hold with tokens on the rows."""
        tokens = [
            ApiToken.objects.create(user=world.staff_a, name=f"System {n}")[0] for n in range(3)
        ]
        read(world.staff_a, world.alma, channel="api_token", token_key=tokens[0].token_key)
        client.force_login(world.manager)
        with django_assert_num_queries(7 + ACCESS_LOG):
            client.get(by_recipient(world.alma))
        with django_assert_num_queries(8 + ACCESS_LOG):
            client.get(by_user(world.staff_a))
        with CaptureQueriesContext(connection) as one:
            client.get(reverse("audit:sample"), {"seed": 1, "until": newest(), "size": 50})
        for n in range(60):
            key = tokens[n % 3].token_key
            person = CareRecipientFactory(unit=world.unit_a)
            read(world.staff_a, person, channel="api_token", token_key=key)
            read(world.staff_a, world.alma, channel="api_token", token_key=key)
        with django_assert_num_queries(7 + ACCESS_LOG):
            response = client.get(by_recipient(world.alma))
        assert len(response.context["page"].object_list) == 50
        with django_assert_num_queries(8 + ACCESS_LOG):
            client.get(by_user(world.staff_a))
        with CaptureQueriesContext(connection) as many:
            response = client.get(
                reverse("audit:sample"), {"seed": 1, "until": newest(), "size": 50}
            )
        assert len(response.context["rows"]) == 50
        assert len(many) == len(one)
        assert {row.token_name for row in response.context["rows"] if row.token_key} == {
            "System 0",
            "System 1",
            "System 2",
        }


def test_the_register_extract_says_the_same(client, world, three_kinds):
    """The person's register extract lists the access log in the same words."""
    client.force_login(world.admin_user)
    html = client.get(reverse("privacy:extract-print", args=[world.alma.pk])).content.decode()
    assert "Nytt samtal om vad som är viktigt" in html
    assert "whatmatters:conversation-create" not in html
    response = client.get(reverse("privacy:extract-json", args=[world.alma.pk]))
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    kinds = {(r["what"], r["what_display"], r["access_display"]) for r in data["access_log"]}
    assert {
        ("recipients:detail", "Omsorgstagarens sida", "Läst"),
        ("whatmatters:conversation-create", "Nytt samtal om vad som är viktigt", "Ändrat"),
        ("recipients:detail", "Omsorgstagarens sida", "Nekad"),
    } <= kinds
