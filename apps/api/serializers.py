"""Shared serializer pieces for every API input."""

import contextlib
import decimal

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import serializers

from apps.core.dates import BoundedDateSerializerField, BoundedDateTimeSerializerField


class StrictInputMixin:
    # Unknown fields in a JSON body are a 400 that names them, instead of being ignored
    # (a misspelt field silently dropped is data lost). (A comment, not a docstring, so that
    # it does not become every request schema's description.)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Okänt fält.")] for name in unknown}, code="unknown_field"
                )
        return super().to_internal_value(data)


class StrictSerializer(StrictInputMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictInputMixin, serializers.ModelSerializer):
    # A model's dates and date-times are taken in the years 1900–2999 (apps/core/dates.py).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: BoundedDateSerializerField,
        models.DateTimeField: BoundedDateTimeSerializerField,
    }


class RoundedDecimalField(serializers.DecimalField):
    """A decimal that is rounded to its places (2.25 → 2.3) instead of refused for having
    more digits than stored; max_digits then applies to the rounded value."""

    def to_internal_value(self, data):
        if isinstance(data, (int, float, str)) and self.decimal_places is not None:
            try:
                value = decimal.Decimal(str(data).strip())
            except decimal.InvalidOperation:
                return super().to_internal_value(data)
            if value.is_finite():
                step = decimal.Decimal(1).scaleb(-self.decimal_places)
                # Too many digits to round (1e400): left as it is, for the checks below to refuse.
                with contextlib.suppress(decimal.InvalidOperation):
                    data = str(value.quantize(step, rounding=decimal.ROUND_HALF_UP))
        return super().to_internal_value(data)
