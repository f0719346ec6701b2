"""The access log as CSV, for Excel in Sweden: UTF-8 with a byte order mark, semicolons, and
every cell that a spreadsheet would run as a formula neutralised with a leading apostrophe.

The rows are streamed (a five-year log is large); whose identity they show is worked out
before the first byte, so that the export itself can be logged before it is sent.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.selectors import OTHER_UNIT, PROTECTED, UNKNOWN, identity_of

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINES_PER_CHUNK = 500
ROWS_PER_QUERY = 2000


def neutralise(value) -> str:
    """A cell as text that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header() -> list[str]:
    return [
        _("Tidpunkt"),
        _("Användarnamn"),
        _("Användare"),
        _("Omsorgstagare"),
        _("Personnummer"),
        _("Omsorgstagare (id)"),
        _("Enhet"),
        _("Vad"),
        _("Vy eller anrop"),
        _("Metod"),
        _("Sökväg"),
        _("Kanal"),
        _("Utfall"),
        _("Utanför egna enheter"),
        _("Adress"),
        _("Token"),
        _("Tokenens namn"),
        _("Begäran (id)"),
    ]


def hidden_label(status: str) -> str:
    return {
        PROTECTED: _("Skyddad identitet"),
        OTHER_UNIT: _("Utanför dina enheter"),
        UNKNOWN: _("Okänd omsorgstagare eller utanför din behörighet"),
    }.get(status, "")


def cells(row, found: dict) -> list[str]:
    person = identity_of(found, row.recipient_id)
    user = row.user
    return [
        timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
        user.get_username() if user else "",
        user.get_full_name() if user else "",
        person.name if person.shown else hidden_label(person.status),
        person.personal_number,
        str(person.recipient_id) if person.shown else "",
        person.unit_name,
        row.what_display(),
        row.what,
        row.method,
        row.path,
        row.get_channel_display(),
        row.access_display(),
        _("Ja") if row.outside_own_units else _("Nej"),
        row.ip_address or "",
        row.token_key,
        getattr(row, "token_name", None) or "",
        row.request_id,
    ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows, found: dict):
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow([neutralise(c) for c in header()])
    chunk = []
    for row in rows.iterator(chunk_size=ROWS_PER_QUERY):
        chunk.append(writer.writerow([neutralise(c) for c in cells(row, found)]))
        if len(chunk) >= LINES_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_response(rows, found: dict, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows, found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
