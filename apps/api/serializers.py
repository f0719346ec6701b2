"""Shared serializer pieces for every API input."""

from rest_framework import serializers


class StrictInputMixin:
    """Unknown fields in a JSON body are a 400 that names them, instead of being ignored
    (a misspelt field silently dropped is data lost)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Okänt fält."] for name in unknown}, code="unknown_field"
                )
        return super().to_internal_value(data)


class StrictSerializer(StrictInputMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictInputMixin, serializers.ModelSerializer):
    pass
