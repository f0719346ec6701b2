"""Cursor pages over the merged change history, with the same envelope and errors as every
other list (apps.api.pagination): `next`, `previous`, `results`; no counts.

The history is merged from many tables in Python, so there is no single queryset for a
database cursor. The cursor is instead the position of a row in the merged order — newest
first by (time, kind, historical row id), which is total — base64-encoded JSON; a page is the
rows strictly after (or, going back, before) that position. The position names a row by its
place, not its index, so a change recorded between two requests does not shift the pages.
"""

import base64
import binascii
import bisect
import datetime as dt
import json

from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from apps.api.pagination import CursorPagination


class HistoryCursorPagination(CursorPagination):
    """`paginate_list(rows)` instead of `paginate_queryset`: `rows` are HistoryRows sorted
    newest first by their `position`."""

    def paginate_list(self, rows: list, request) -> list:
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        cursor = self._decode(request)
        # Ascending keys, so bisect can find a position; the index maps back to `rows`.
        keys = [r.position for r in reversed(rows)]
        total = len(rows)

        if cursor is None:
            start, stop = 0, min(self.page_size, total)
        elif cursor["r"]:  # back: the rows newer than the position, the last page_size of them
            newer = total - bisect.bisect_right(keys, cursor["p"])
            start, stop = max(0, newer - self.page_size), newer
        else:  # on: the rows older than the position
            older_from = total - bisect.bisect_left(keys, cursor["p"])
            start, stop = older_from, min(older_from + self.page_size, total)

        self.page = rows[start:stop]
        self._has_next = stop < total
        self._has_previous = start > 0
        return self.page

    def get_next_link(self):
        if not self._has_next or not self.page:
            return None
        return self._link(self.page[-1].position, reverse=False)

    def get_previous_link(self):
        if not self._has_previous or not self.page:
            return None
        return self._link(self.page[0].position, reverse=True)

    def get_paginated_response(self, data):
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def _link(self, position: tuple, *, reverse: bool) -> str:
        at, kind, history_id = position
        token = json.dumps(
            {"p": [at.isoformat(), kind, history_id], "r": int(reverse)}, separators=(",", ":")
        )
        encoded = base64.urlsafe_b64encode(token.encode()).decode()
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def _decode(self, request):
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii")).decode("utf-8"))
            at, kind, history_id = data["p"]
            reverse = data.get("r", 0)
            if (
                not isinstance(kind, int)
                or not isinstance(history_id, int)
                or isinstance(history_id, bool)
                or reverse not in (0, 1)
                or isinstance(reverse, bool)
            ):
                raise ValueError
            at = dt.datetime.fromisoformat(at)
            if at.tzinfo is None:
                raise ValueError
        except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
            raise self._invalid_cursor() from None
        return {"p": (at, kind, history_id), "r": bool(reverse)}
