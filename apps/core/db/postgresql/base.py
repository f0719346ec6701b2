"""Django's PostgreSQL backend, with aware date-times moved to UTC before they are sent.

Python accepts a UTC offset of up to ±23:59 (2026-01-01T10:00+19:56 is a valid ISO 8601
date-time that a client may send in a filter, a body or a form), PostgreSQL only up to
±15:59: without this, such a value is a server error instead of the same instant. SQLite's
backend already converts aware values to UTC; this does the same for PostgreSQL."""

import datetime as dt

from django.db.backends.postgresql import base
from django.db.backends.postgresql.operations import DatabaseOperations as BaseOperations


class DatabaseOperations(BaseOperations):
    def adapt_datetimefield_value(self, value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return super().adapt_datetimefield_value(value)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
