"""Bounded dates and date-times: every date or date-time a page or the API takes from a user.

Python's and the databases' calendars end at years 1 and 9999; a value near either end cannot
be moved to UTC (0001-01-01T00:00 in Stockholm is in year 0) or given a day more (a period
that ends 9999-12-31), which was a server error. No care record is about a day before 1900 or
after 2999, so the years 1900–2999 are taken (as written, in the value's own offset: a UTC
conversion or the day after the last one stays inside Python's calendar) and anything else is
a form error or an API 400 naming the field, code `date_out_of_range`. The OpenAPI schema
says so with a pattern on the year and a sentence in the description.
"""

import contextlib
import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MIN_YEAR, MAX_YEAR = 1900, 2999
CODE = "date_out_of_range"
# What the OpenAPI schema says: the year as written is 1900–2999.
YEAR_PATTERN = "^(19|2[0-9])[0-9]{2}"
SCHEMA_NOTE = f"Years {MIN_YEAR}–{MAX_YEAR}."


def validate_date_in_range(value) -> None:
    """A date or date-time in the years MIN_YEAR–MAX_YEAR (as written)."""
    if value is None or MIN_YEAR <= value.year <= MAX_YEAR:
        return
    if isinstance(value, dt.datetime):
        message = _("Ange en tidpunkt mellan år %(min)s och %(max)s.")
    else:
        message = _("Ange ett datum mellan år %(min)s och %(max)s.")
    raise ValidationError(message, code=CODE, params={"min": MIN_YEAR, "max": MAX_YEAR})


class Bounded:
    """Marks the fields and filters below, for the schema (apps/api/schema.py)."""


def with_schema_bounds(schema: dict) -> dict:
    """The pattern and the sentence that say which years a date or date-time takes."""
    schema["pattern"] = YEAR_PATTERN
    return schema


def describe_bounds(description: str | None) -> str:
    description = str(description or "").strip()
    return f"{description} {SCHEMA_NOTE}".strip() if SCHEMA_NOTE not in description else description


# --- forms (pages and the FilterSets) ---------------------------------------------------------


class BoundedDateField(Bounded, forms.DateField):
    default_validators = [validate_date_in_range]


class BoundedDateTimeField(Bounded, forms.DateTimeField):
    # Naive values are made aware in the current time zone without conversion, aware ones are
    # kept in their offset: the validator sees the year as written.
    default_validators = [validate_date_in_range]


class BoundedIsoDateTimeField(Bounded, django_filters.fields.IsoDateTimeField):
    default_validators = [validate_date_in_range]


# --- the admin ------------------------------------------------------------------------------


class BoundedSplitDateTimeField(Bounded, forms.SplitDateTimeField):
    """The admin's date and time boxes. The year is checked before the value is made aware in
    the current time zone, which overflows near year 1 (a server error)."""

    def compress(self, data_list):
        if data_list and all(part is not None for part in data_list):
            validate_date_in_range(dt.datetime.combine(*data_list))
        return super().compress(data_list)


# `formfield_overrides` of every ModelAdmin (through AdministratorAccessMixin); Django's admin
# widgets stay, only the form fields are bounded.
ADMIN_FORMFIELD_OVERRIDES = {
    models.DateTimeField: {"form_class": BoundedSplitDateTimeField},
    models.DateField: {"form_class": BoundedDateField},
}


# --- FilterSets -----------------------------------------------------------------------------


class BoundedDateFilter(Bounded, django_filters.DateFilter):
    field_class = BoundedDateField


class BoundedIsoDateTimeFilter(Bounded, django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


def updated_since_filter():
    """`updated_since` of every list: changed at or after this moment, for incremental sync."""
    return BoundedIsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Ändrad sedan (ISO 8601)")
    )


# --- the API's serializers ------------------------------------------------------------------


class BoundedDateSerializerField(Bounded, serializers.DateField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_date_in_range)


class BoundedDateTimeSerializerField(Bounded, serializers.DateTimeField):
    """DRF moves an aware value to the current time zone while parsing; the year is checked
    before that, as written (and before the move can overflow)."""

    def to_internal_value(self, value):
        written = value if isinstance(value, dt.datetime) else None
        if isinstance(value, str):
            with contextlib.suppress(ValueError, TypeError):
                written = parse_datetime(value)
        if written is not None:
            try:
                validate_date_in_range(written)
            except ValidationError as exc:
                raise serializers.ValidationError(exc.messages[0], code=CODE) from exc
        return super().to_internal_value(value)
