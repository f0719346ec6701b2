"""Shared by the completeness tests: the address the reads come from, and the check that a
request wrote exactly one log row with the right facts."""

from apps.audit.models import AccessLog

ADDRESS = "203.0.113.5"


def last_id() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


def rows_since(before) -> list[AccessLog]:
    return list(AccessLog.objects.filter(id__gt=before).order_by("id"))


def assert_one_row(before, *, user, recipient_id, channel, path, outcome="allowed", what=None):
    rows = rows_since(before)
    assert len(rows) == 1, [(r.recipient_id, r.what) for r in rows]
    (row,) = rows
    assert row.user == user
    assert row.recipient_id == recipient_id
    assert row.channel == channel
    assert row.outcome == outcome
    assert row.path == path
    assert row.ip_address == ADDRESS
    assert row.method in ("GET", "POST")
    if what is not None:
        assert row.what == what
    return row
