"""The access log is append-only on PostgreSQL (migration 0002: a trigger refuses UPDATE, and
DELETE of rows younger than the retention period), whoever connects through Django."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from apps.audit.models import AccessLog
from tests.audit.factories import read

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger is PostgreSQL's (SQLite is for development only)",
)


@postgres_only
def test_an_update_is_refused(world):
    row = read(world.staff_a, world.alma)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).update(what="changed")
    row.refresh_from_db()
    assert row.what == "recipients:detail"


@postgres_only
def test_deleting_a_fresh_row_is_refused_but_culling_an_old_one_is_not(world):
    row = read(world.staff_a, world.alma)
    with pytest.raises(DatabaseError, match="cannot be deleted"), transaction.atomic():
        AccessLog.objects.filter(pk=row.pk).delete()
    assert AccessLog.objects.filter(pk=row.pk).exists()
    old = read(world.staff_a, world.alma, at=timezone.now() - dt.timedelta(days=5 * 366 + 2))
    AccessLog.objects.filter(pk=old.pk).delete()
    assert not AccessLog.objects.filter(pk=old.pk).exists()
