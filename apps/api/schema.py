"""drf-spectacular extensions: the schema says what the server enforces — token
authentication, If-Match (from the same rule the viewsets apply), ETag and Location headers,
304 on a matching If-None-Match, problem+json errors — and is served in English."""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from apps.api.serializers import StrictInputMixin
from apps.api.viewsets import IF_MATCH_PATTERN, IF_MATCH_REQUIRED, if_match_rule
from apps.core.dates import Bounded, describe_bounds, with_schema_bounds
from apps.core.models import VersionedModel

ETAG_HEADER = {
    "description": 'The version you now hold, e.g. "v3": send it as If-Match to change the '
    "record, or as If-None-Match to read it only when it has changed.",
    "required": True,
    "schema": {"type": "string", "pattern": r'^"v[0-9]+"$'},
}
LOCATION_HEADER = {
    "description": "The address of the created record.",
    "required": True,
    "schema": {"type": "string"},
}
REPLAYED_HEADER = {
    "description": "`true` when this is the stored response to an earlier request with the "
    "same Idempotency-Key (replayed byte for byte); absent otherwise.",
    "schema": {"type": "string", "enum": ["true"]},
}


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
    """Our filter backend refuses empty (or blank) and malformed values; say so in the schema."""

    target_class = "apps.api.filters.StrictDjangoFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            schema = parameter.get("schema", {})
            target = schema.get("items", schema) if schema.get("type") == "array" else schema
            if target.get("type") == "string" and "enum" not in target:
                target.setdefault("minLength", 1)
                if "format" not in target:  # blanks only are empty too
                    target.setdefault("pattern", r"\S")
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
    code = serializers.CharField(
        help_text="Stable machine-readable reason (snake_case English): the rule that refused "
        "(e.g. `consent_missing`, `illegal_transition`, `version_mismatch`) or the kind of "
        "problem (`not_found`, `validation_error`, `permission_denied`). Branch on this, "
        "not on `title` or `detail`."
    )
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

    def get_response_serializers(self):
        # A lifecycle action (a POST on one record) answers the record with the view's output
        # serializer, as `respond()` does; its request body is the action's input serializer
        # (`get_serializer_class`). So neither is repeated on each action's `extend_schema`.
        output = getattr(self.view, "output_serializer_class", None)
        if self.method == "POST" and getattr(self.view, "detail", False) and output is not None:
            return output
        return super().get_response_serializers()

    def _versioned(self) -> bool:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        return isinstance(model, type) and issubclass(model, VersionedModel)

    def _returns_versioned_record(self) -> bool:
        """The operation answers with one versioned record (and its ETag): a read of one, a
        create, a PATCH, or a lifecycle action on one."""
        if not self._versioned():
            return False
        action = getattr(self.view, "action", None)
        if action in ("retrieve", "create", "partial_update"):
            return True
        return self.method == "POST" and bool(getattr(self.view, "detail", False))

    def _is_versioned_read(self) -> bool:
        return self._versioned() and getattr(self.view, "action", None) == "retrieve"

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        rule = if_match_rule(self.view)
        if rule == IF_MATCH_REQUIRED:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=True,
                    description='The ETag from your last read, e.g. "v3". Missing: 428; '
                    "not of this form: 400; stale: 412 (read again and retry).",
                    pattern=IF_MATCH_PATTERN,
                )
            )
        elif rule is not None:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description='Optional: the ETag from your last read, e.g. "v3". When sent, '
                    "it must match: stale gives 412, not of this form 400. Without it, an action "
                    "the record's current state does not allow still gives 409.",
                    pattern=IF_MATCH_PATTERN,
                )
            )
        if self._is_versioned_read():
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description='The ETag you hold, e.g. "v3": if the record is still that '
                    "version, the answer is 304 with no body (the read is logged all the same).",
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
        if direction != "response":
            return responses
        for code, response in responses.items():
            if code.startswith("2"):
                self._add_success_headers(code, response)
        if self._is_versioned_read():
            responses["304"] = {
                "description": "Not modified: the record is still the version named in "
                "If-None-Match. No body.",
                "headers": {"ETag": ETAG_HEADER},
            }
        if "default" not in responses:
            problem = self._get_response_for_code(
                ProblemSerializer, "default", media_types=["application/problem+json"]
            )
            problem["description"] = "An error, as RFC 9457 problem details."
            responses["default"] = problem
        return responses

    def _add_success_headers(self, code: str, response: dict) -> None:
        headers = response.setdefault("headers", {})
        if self._returns_versioned_record():
            headers["ETag"] = ETAG_HEADER
        if code == "201":
            headers["Location"] = LOCATION_HEADER
        if self.method == "POST":
            headers["Idempotent-Replayed"] = REPLAYED_HEADER
        if not headers:
            del response["headers"]


# --- Operation descriptions for integrators ---------------------------------------------------
# Each operation's summary and description is written once, on its view, with `operation()`;
# these are the sentences many operations share.

ROLES_CARE = "care staff, assessors, licensed professionals and managers of the person's unit"
ROLES_DECIDERS = "assessors, licensed professionals and managers of the person's unit"
ROLES_EDITORS = "assessors, managers and administrators of the unit"
ROLES_LICENSED = "licensed professionals of the person's unit"
ROLES_MANAGERS = "managers of the person's unit"

LIST_SCOPE = (
    "Only records of people in the caller's units are listed (a person with protected "
    "identity only for users granted access; with a token limited to some units, only "
    "those). Cursor-paginated: follow `next`/`previous`; `page_size` up to 200. Every row "
    "returned is recorded in the access log."
)
READ_SCOPE = (
    "404 when the record does not exist or is outside the caller's scope: the two are not "
    "told apart. The read is recorded in the access log."
)
CONDITIONAL_READ = (
    "The response carries the record's `ETag`; send it back as `If-None-Match` to get 304 "
    "(no body) while the record is unchanged."
)
CREATE_RULES = (
    "Answers 201 with the record, its `Location` and (for versioned records) its `ETag`. "
    "Send `Idempotency-Key` to retry safely: the first response is replayed; the same key "
    "with another body is 422. A read-only token gets 403."
)
PATCH_RULES = (
    'Requires `If-Match: "v<version>"` with the ETag from your last read: missing 428, '
    "stale 412 (read again and retry). Send only the fields to change; `{}` changes nothing "
    "and answers the record as it is. Answers 200 with the record and its new `ETag`."
)
ACTION_RULES = (
    "`If-Match` is optional; when sent it must match (412 otherwise). An action the current "
    "state does not allow is 409 with `current_status` and `allowed_actions`. Answers 200 "
    "with the record and its new `ETag`. Send `Idempotency-Key` to retry safely."
)
ERRORS = (
    "Errors are `application/problem+json` with a machine-readable `code`: 400 names each "
    "refused field in `errors[]` (each with its own `code`), "
    "403 when the caller's role in the unit does not allow it (or the token is read-only), "
    "404 outside the caller's scope."
)


def who_may(roles: str) -> str:
    return f"Who may call it: {roles}."


def operation(summary: str, *paragraphs: str, **kwargs):
    """extend_schema with an integrator's summary and description (paragraphs joined)."""
    return extend_schema(summary=summary, description="\n\n".join(paragraphs), **kwargs)


# The operations every resource has, each with what every operation of its kind says.
def list_operation(summary: str, *text: str, **kwargs):
    return operation(summary, *text, LIST_SCOPE, ERRORS, **kwargs)


def read_operation(summary: str, *text: str, conditional: bool = False, **kwargs):
    """`conditional`: the record is versioned, so If-None-Match can answer 304."""
    return operation(summary, *text, *([CONDITIONAL_READ] * conditional), READ_SCOPE, **kwargs)


def create_operation(summary: str, *text: str, roles: str, **kwargs):
    return operation(summary, *text, who_may(roles), CREATE_RULES, ERRORS, **kwargs)


def update_operation(summary: str, *text: str, roles: str, **kwargs):
    return operation(summary, *text, who_may(roles), PATCH_RULES, ERRORS, **kwargs)


def action_operation(summary: str, *text: str, roles: str, **kwargs):
    return operation(summary, *text, who_may(roles), ACTION_RULES, ERRORS, **kwargs)
