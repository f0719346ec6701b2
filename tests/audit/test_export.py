"""The CSV export of the log review: for Excel in Sweden, safe from formula injection,
streamed, scoped like the pages, and itself logged (channel export)."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.audit.exports import neutralise
from apps.audit.models import AccessLog
from tests.audit.factories import read
from tests.factories import CareRecipientFactory, UserFactory
from tests.querycounts import ACCESS_LOG

EXPORT = reverse("audit:export")


def export(client, who, **params):
    client.force_login(who)
    return client.get(EXPORT, params)


def body_of(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def table_of(response) -> list[list[str]]:
    text = body_of(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def last_id() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


class TestFormat:
    def test_it_is_an_attachment_in_utf8_with_a_bom_and_semicolons(self, client, world):
        read(world.staff_a, world.alma)
        response = export(client, world.manager)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="atkomstlogg_')
        assert response["Content-Disposition"].endswith('.csv"')
        assert response["Cache-Control"] == "no-store"
        raw = b"".join(response.streaming_content)
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, in UTF-8
        header = raw.decode("utf-8").removeprefix("\ufeff").splitlines()[0]
        assert header.split(";")[:5] == [
            "Tidpunkt",
            "Användarnamn",
            "Användare",
            "Omsorgstagare",
            "Personnummer",
        ]
        assert "\r\n" in raw.decode("utf-8")

    def test_each_row_says_who_whom_what_when_how_and_from_where(self, client, world):
        at = timezone.make_aware(dt.datetime(2026, 11, 20, 14, 5, 9))
        read(
            world.staff_a,
            world.alma,
            at=at,
            channel="api_token",
            what="api:recipient-detail",
            path=f"/api/v1/recipients/{world.alma.pk}/",
            outside_own_units=True,
            ip_address="198.51.100.7",
            token_key="abcd1234",
            request_id="req-1",
        )
        header, row = table_of(export(client, world.manager, date_from="2026-11-20"))[:2]
        cell = dict(zip(header, row, strict=True))
        assert cell["Tidpunkt"] == "2026-11-20 14:05:09"  # local time
        assert cell["Användarnamn"] == "staff_a"
        assert cell["Omsorgstagare"] == "Alma Andersdemo"
        assert cell["Personnummer"] == world.alma.personal_number
        assert cell["Omsorgstagare (id)"] == str(world.alma.pk)
        assert cell["Enhet"] == "Enhet A"
        assert cell["Vy eller anrop"] == "api:recipient-detail"
        assert cell["Vad"] == "API: omsorgstagare, visa"
        assert cell["Kanal"] == "API (token)"
        assert cell["Utfall"] == "Läst"
        assert cell["Utanför egna enheter"] == "Ja"
        assert cell["Adress"] == "198.51.100.7"
        assert cell["Token"] == "abcd1234" and cell["Tokenens namn"] == ""  # no such token now
        assert cell["Begäran (id)"] == "req-1"

    @pytest.mark.parametrize(
        ("value", "cell"),
        [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Anna", "Anna"),
            ("", ""),
            (None, ""),
        ],
    )
    def test_a_cell_a_spreadsheet_would_run_is_neutralised(self, value, cell):
        assert neutralise(value) == cell

    def test_formulas_in_the_data_arrive_as_text(self, client, world):
        world.staff_a.first_name, world.staff_a.last_name = "=cmd|' /C calc'!A0", "@x"
        world.staff_a.save()
        person = CareRecipientFactory(unit=world.unit_a, given_name="+Sven", family_name="-x")
        read(world.staff_a, person, request_id="=1+1")
        header, row = table_of(export(client, world.manager))[:2]
        cell = dict(zip(header, row, strict=True))
        assert cell["Användare"] == "'=cmd|' /C calc'!A0 @x"
        assert cell["Omsorgstagare"] == "'+Sven -x"
        assert cell["Begäran (id)"] == "'=1+1"


class TestContent:
    def test_it_holds_the_rows_of_the_current_filters(self, client, world):
        read(world.staff_a, world.alma, channel="api_token")
        read(world.staff_b, world.bo)
        read(world.staff_a, world.alma, at=timezone.now() - dt.timedelta(days=40))
        rows = table_of(export(client, world.manager))[1:]  # the last 30 days
        assert sorted(r[3] for r in rows) == ["Alma Andersdemo", "Bo Bengtdemo"]
        rows = table_of(export(client, world.manager, channel="api_token"))[1:]
        assert [r[3] for r in rows] == ["Alma Andersdemo"]

    def test_the_export_of_one_person_or_one_user(self, client, world):
        read(world.staff_a, world.alma)
        read(world.staff_b, world.bo)
        rows = table_of(export(client, world.manager, recipient=world.bo.pk))[1:]
        assert [r[3] for r in rows] == ["Bo Bengtdemo"]
        rows = table_of(export(client, world.manager, user=world.staff_a.pk))[1:]
        assert [r[1] for r in rows] == ["staff_a"]

    def test_it_is_scoped_like_the_pages(self, client, world):
        read(world.outsider, world.other_org_person)
        read(world.staff_b, world.bo)
        rows = table_of(export(client, world.manager))[1:]
        assert [r[3] for r in rows] == ["Bo Bengtdemo"]
        assert export(client, world.manager, recipient=world.other_org_person.pk).status_code == 404

    def test_a_protected_person_is_not_named_without_a_grant(self, client, world):
        read(world.manager, world.hemlig)
        text = body_of(export(client, world.admin_user))
        assert "Skyddad identitet" in text
        assert "Skyddadsson" not in text and world.hemlig.personal_number not in text
        assert str(world.hemlig.pk) not in text
        assert export(client, world.admin_user, recipient=world.hemlig.pk).status_code == 404
        assert "Hemlig Skyddadsson" in body_of(export(client, world.manager))

    def test_bad_filters_are_a_400_naming_the_field(self, client, world):
        response = export(client, world.manager, date_from="2026-05-10", date_to="2026-05-01")
        assert response.status_code == 400
        assert "date_to" in response.content.decode()


class TestTheExportIsLogged:
    def test_every_person_in_it_is_logged_once_as_export_in_one_insert(self, client, world):
        people = [world.alma, world.bo, world.hemlig]
        for person in people:
            read(world.staff_a, person)
            read(world.staff_b, person)
        before = last_id()
        client.force_login(world.manager)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(EXPORT, REMOTE_ADDR="203.0.113.9")
        inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_accesslog"')]
        assert len(inserts) == 1
        logged = AccessLog.objects.filter(id__gt=before)
        assert sorted(r.recipient_id for r in logged) == sorted(p.pk for p in people)
        for row in logged:
            assert row.user == world.manager and row.channel == "export"
            assert row.outcome == "allowed" and row.what == "audit:export"
            assert row.path == EXPORT and row.ip_address == "203.0.113.9"
        # The export's own rows are not in it: it stops at the newest row when it began.
        assert len(table_of(response)) == 1 + 6

    def test_people_it_does_not_name_are_not_logged(self, client, world):
        read(world.manager, world.hemlig)
        read(world.staff_a, world.alma)
        before = last_id()
        body_of(export(client, world.admin_user))
        logged = AccessLog.objects.filter(id__gt=before)
        assert [r.recipient_id for r in logged] == [world.alma.pk]


class TestQueries:
    def test_the_same_number_of_queries_for_one_row_or_many(
        self, client, world, django_assert_num_queries
    ):
        read(world.staff_a, world.alma)
        client.force_login(world.manager)
        # session, user, the reviewer's units, the newest row, the people in it; the log of
        # the export; then the rows, streamed in one query.
        with django_assert_num_queries(5 + ACCESS_LOG + 1):
            body_of(client.get(EXPORT))
        # (Up to 76 people: beyond that, Django splits the log's INSERT in batches on SQLite.)
        for n in range(70):
            read(UserFactory(username=f"reader{n}"), CareRecipientFactory(unit=world.unit_a))
        with django_assert_num_queries(5 + ACCESS_LOG + 1):
            rows = table_of(client.get(EXPORT))
        assert len(rows) > 70
