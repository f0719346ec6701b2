"""Every API error as application/problem+json (RFC 9457), built on drf-standardized-errors.

    {"type": "urn:carecenter:problem:validation-error", "code": "validation_error",
     "title": "...", "status": 400, "detail": "...", "instance": "/api/v1/...",
     "errors": [{"field", "code", "detail"}]}

`code` is the machine-readable reason, stable and English: for a domain error the code of the
rule that refused (ApplicationError.code, e.g. `consent_missing`, `illegal_transition`), else
the kind of problem (`not_found`, `validation_error`, …); each field error in `errors[]` has
the code of its own rule (e.g. `required`, `in_future`). `title` and `detail` are for people.

Domain errors from services map to statuses here, in one place: NotFoundError 404 (the same
body as any unknown id), PermissionDeniedError 403,
ConflictError / IllegalTransition 409 (with current_status and allowed_actions),
VersionMismatch 412, Django ValidationError 400 with the fields named.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_standardized_errors.formatter import ExceptionFormatter, flatten_errors
from drf_standardized_errors.handler import ExceptionHandler
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response

from apps.core.exceptions import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    VersionMismatch,
)

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemWithMembers(exceptions.APIException):
    """A problem whose body carries members of its own (`extra`: current_status, …)."""

    def __init__(self, detail=None, code=None, extra=None):
        super().__init__(detail, code)
        self.extra = extra or {}


def _with_code(problem: exceptions.APIException, domain_error) -> exceptions.APIException:
    """The problem, carrying the domain error's code into the body's `code`."""
    problem.problem_code = domain_error.code
    return problem


class Conflict(ProblemWithMembers):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Begäran krockar med postens nuvarande läge.")
    default_code = "conflict"


class PreconditionFailed(ProblemWithMembers):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Posten har ändrats sedan du läste den. Läs om den och försök igen.")
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _('Ändringar kräver rubriken If-Match med postens ETag, t.ex. If-Match: "v3".')
    default_code = "precondition_required"


class UnprocessableIdempotencyKey(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("Idempotency-Key har redan använts för en annan begäran.")
    default_code = "idempotency_key_reused"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.")
    default_code = "service_unavailable"


class ProblemExceptionHandler(ExceptionHandler):
    def convert_known_exceptions(self, exc):
        if isinstance(exc, DjangoValidationError):
            # Every error keeps the code of its rule (e.g. `in_future`, or `unchanged` for the
            # request as a whole), so that a client can tell which rule refused.
            detail = exc if hasattr(exc, "error_dict") else {"non_field_errors": exc.error_list}
            return exceptions.ValidationError(get_error_detail(DjangoValidationError(detail)))
        if isinstance(exc, VersionMismatch):
            return _with_code(PreconditionFailed(extra=exc.extra), exc)
        if isinstance(exc, ConflictError):
            return _with_code(Conflict(exc.message, extra=exc.extra), exc)
        if isinstance(exc, NotFoundError):  # before its base class, PermissionDeniedError
            return exceptions.NotFound()  # the body of any unknown id: code `not_found`
        if isinstance(exc, PermissionDeniedError):
            return _with_code(exceptions.PermissionDenied(exc.message), exc)
        from apps.core.unavailable import is_database_unavailable

        if is_database_unavailable(exc):
            return ServiceUnavailable()
        return super().convert_known_exceptions(exc)

    def should_not_handle(self, exc):
        return False  # always answer problem+json, also with DEBUG on

    def get_response(self, exc, data):
        if isinstance(exc, ServiceUnavailable):
            from apps.core.unavailable import service_unavailable

            return service_unavailable(self.context["request"])  # the one 503 of the product
        headers = self.get_headers(exc)
        return Response(
            data, status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE
        )


def problem_exception_handler(exc, context):
    return ProblemExceptionHandler(exc, context).run()


_TITLES = {
    400: _("Ogiltig begäran"),
    401: _("Inte inloggad"),
    403: _("Otillåtet"),
    404: _("Hittades inte"),
    405: _("Metoden stöds inte"),
    406: _("Formatet stöds inte"),
    409: _("Konflikt"),
    412: _("Posten har ändrats"),
    413: _("För stor begäran"),
    415: _("Innehållstypen stöds inte"),
    422: _("Kan inte behandlas"),
    428: _("If-Match krävs"),
    429: _("För många begäranden"),
    500: _("Serverfel"),
    503: _("Tjänsten är otillgänglig"),
}


class ProblemFormatter(ExceptionFormatter):
    def run(self):
        exc = self.exc
        request = self.context.get("request")
        code = getattr(exc, "default_code", "error")
        if isinstance(exc, exceptions.ValidationError):
            code = "validation_error"
        problem = {
            "type": f"urn:carecenter:problem:{str(code).replace('_', '-')}",
            "code": str(getattr(exc, "problem_code", None) or code),
            "title": str(_TITLES.get(exc.status_code, _("Fel"))),
            "status": exc.status_code,
            "detail": self._detail(exc),
            "instance": request.path if request is not None else None,
        }
        if isinstance(exc, exceptions.ValidationError):
            problem["errors"] = [
                {"field": e.attr, "code": e.code, "detail": e.detail}
                for e in flatten_errors(exc.detail)
            ]
        problem.update(getattr(exc, "extra", {}) or {})
        return problem

    @staticmethod
    def _detail(exc) -> str:
        if isinstance(exc, exceptions.ValidationError):
            errors = flatten_errors(exc.detail)
            if len(errors) == 1 and errors[0].attr:
                return f"{errors[0].attr}: {errors[0].detail}"
            if len(errors) == 1:
                return errors[0].detail
            return str(_("Några fält har fel; se errors."))
        detail = exc.detail
        if isinstance(detail, (list, dict)):
            return str(_TITLES.get(exc.status_code, _("Fel")))
        return str(detail)
