"""Domain errors raised by services; pages show them as messages, the API maps them to HTTP.

Every error carries a stable machine `code` (snake_case English), the one a client and a test
check; the message is the Swedish (or English) wording for a person. A raise names the rule
that refused (`code="consent_missing"`); without one, the class's `default_code` stands. The
API puts the code in the problem body (`code`), pages in the form error (ValidationError.code).
"""

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """A business rule refused the request. `code` names the rule; `extra` carries
    machine-readable detail."""

    default_code = "refused"

    def __init__(self, message: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    """The user may see the record but their role does not allow this change (HTTP 403)."""

    default_code = "permission_denied"


class NotFoundError(PermissionDeniedError):
    """The record does not exist or is outside the actor's scope; the two are never told apart
    (HTTP 404 on both channels, the same answer as an id that belongs to no one, never 403).
    A refusal like PermissionDeniedError (code that catches refusals catches this too), so
    whoever maps errors to responses checks NotFoundError first. See apps/core/versioning.py."""

    default_code = "not_found"

    def __init__(self) -> None:
        super().__init__(_("Hittades inte."))


class ConflictError(ApplicationError):
    """The request conflicts with the record's current state (HTTP 409)."""

    default_code = "conflict"


class IllegalTransition(ConflictError):
    """A lifecycle action that the current state does not allow. `extra` holds
    `current_status` and `allowed_actions` so that a client can recover."""

    default_code = "illegal_transition"


class VersionMismatch(ApplicationError):
    """The client changed a record from a stale read: If-Match does not match (HTTP 412)."""

    default_code = "version_mismatch"

    def __init__(self, *, current_version: int) -> None:
        super().__init__(
            "The record has changed since you read it. Read it again and retry.",
            extra={"current_version": current_version},
        )


def check_version(instance, expected_version: int | None) -> None:
    """On a row held locked (select_for_update); apps/core/versioning.py calls it."""
    if expected_version is not None and instance.version != expected_version:
        raise VersionMismatch(current_version=instance.version)
