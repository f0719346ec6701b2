"""drf-spectacular extensions: describe our token authentication in the OpenAPI schema."""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from apps.api.serializers import StrictInputMixin
from apps.core.dates import Bounded, describe_bounds, with_schema_bounds


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Integration token: `Authorization: Token <token>`. Created by an "
            "administrator; read-only or read-write, optionally limited to some units.",
        }


class StrictFilterExtension(DjangoFilterExtension):
    """Our filter backend refuses empty and malformed values; say so in the schema."""

    target_class = "apps.api.filters.StrictDjangoFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            schema = parameter.get("schema", {})
            target = schema.get("items", schema) if schema.get("type") == "array" else schema
            if target.get("type") == "string" and "enum" not in target:
                target.setdefault("minLength", 1)
        return parameters

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if isinstance(filter_field, Bounded):  # dates in the years the server takes
            for parameter in parameters:
                with_schema_bounds(parameter["schema"])
                parameter["description"] = describe_bounds(parameter.get("description"))
        return parameters


class ProblemFieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details. 409 adds `current_status` and `allowed_actions`; 412 adds
    `current_version`; other members may appear."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(allow_null=True)
    errors = ProblemFieldErrorSerializer(many=True, required=False)
    current_status = serializers.CharField(required=False)
    allowed_actions = serializers.ListField(child=serializers.CharField(), required=False)
    current_version = serializers.IntegerField(required=False)


def _model_field(field):
    """The model field behind a ModelSerializer field, when it maps to exactly one."""
    serializer = getattr(field, "parent", None)
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        return model._meta.get_field(source)
    except FieldDoesNotExist:  # a serializer-only attribute: nothing to learn
        return None


class AutoSchema(BaseAutoSchema):
    """Every operation documents its errors: a `default` response in application/problem+json
    (400 validation, 401, 403, 404, 405, 409 illegal transition, 412 stale If-Match, 413,
    415, 422 reused Idempotency-Key, 428 missing If-Match, 503)."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(serializer, StrictInputMixin):
            schema["additionalProperties"] = False  # unknown fields are refused (400)
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = self._map_field_with_model_nullability(field, direction, bypass_extensions)
        if isinstance(field, serializers.ManyRelatedField) and not field.allow_empty:
            schema["minItems"] = 1
        if isinstance(field, serializers.ListField) and field.min_length:
            schema["minItems"] = field.min_length
        if isinstance(field, Bounded) and not field.read_only:
            with_schema_bounds(schema)
            schema["description"] = describe_bounds(schema.get("description"))
        return schema

    def _map_field_with_model_nullability(self, field, direction, bypass_extensions):
        # DRF drops allow_null/allow_blank from read-only model fields, so the schema would
        # claim a value is always present. Restore what the model allows.
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not field.read_only:
            return schema
        model_field = _model_field(field)
        if model_field is None:
            return schema
        if model_field.null:
            schema["nullable"] = True
        if (
            isinstance(field, serializers.ChoiceField)
            and model_field.blank
            and not model_field.null
        ):
            read_only = schema.pop("readOnly", None)
            title = schema.pop("title", None)
            schema = {"oneOf": [schema, {"type": "string", "enum": [""]}]}
            if read_only:
                schema["readOnly"] = True
            if title:
                schema["title"] = title
        return schema

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "PATCH":
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=True,
                    description='The ETag from your last read, e.g. "v3". Missing: 428; '
                    "stale: 412 (read again and retry).",
                    pattern=r'^(W/)?"v[0-9]+"$',
                )
            )
        if self.method == "POST":
            parameters.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description="Send the same key again to retry safely: the first response is "
                    "replayed (Idempotent-Replayed: true); the same key with another body is 422.",
                )
            )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response" and "default" not in responses:
            problem = self._get_response_for_code(
                ProblemSerializer, "default", media_types=["application/problem+json"]
            )
            problem["description"] = "Fel (RFC 9457 problem details)"
            responses["default"] = problem
        return responses
