"""The demo municipality in a test's database, loaded once per test process and copied back.

Loading the demo through the services takes seconds; the first test of each process that
asks loads it and keeps a copy, which later tests copy back (SQLite's backup API, or
PostgreSQL's COPY: a fraction of a second). Used by tests that run with a transactional
database (the browser tests' live server, Schemathesis through the WSGI application); the
database is emptied after each of them as usual."""

import sqlite3

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# The demo database of this test process, copied once loaded: SQLite's whole in-memory
# database, or on PostgreSQL each table's rows (COPY, in PostgreSQL's text format).
_demo_copy: sqlite3.Connection | None = None
_demo_rows: dict[str, bytes] | None = None


def _pg_tables(cursor) -> list[str]:
    return [t for t in connection.introspection.table_names(cursor) if t != "django_migrations"]


def _pg_keep_rows() -> dict[str, bytes]:
    rows = {}
    with connection.cursor() as cursor:
        for table in _pg_tables(cursor):
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                rows[table] = b"".join(bytes(chunk) for chunk in copy)
    return rows


def _pg_restore_rows(rows: dict[str, bytes]) -> None:
    """Empty every table and copy the demo's rows back in one transaction (foreign keys are
    deferred to the commit), then move the id sequences past the copied rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        tables = ", ".join(f'"{table}"' for table in _pg_tables(cursor))
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        for table, data in rows.items():
            if data:
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        models = django_apps.get_models(include_auto_created=True)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def load_demo() -> None:
    """The demo municipality with reference data and demo activity (a transactional db)."""
    global _demo_copy, _demo_rows
    sqlite = connection.vendor == "sqlite" and connection.is_in_memory_db()
    postgres = connection.vendor == "postgresql"
    if sqlite and _demo_copy is not None:
        connection.ensure_connection()
        _demo_copy.backup(connection.connection)
        ContentType.objects.clear_cache()
        return
    if postgres and _demo_rows is not None:
        _pg_restore_rows(_demo_rows)
        ContentType.objects.clear_cache()
        return
    call_command("load_demo", verbosity=0)
    if sqlite:
        _demo_copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_demo_copy)
    elif postgres:
        _demo_rows = _pg_keep_rows()
