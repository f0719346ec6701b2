"""Domain errors raised by services; pages show them as messages, the API maps them to HTTP."""

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """A business rule refused the request. `extra` carries machine-readable detail."""

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    """The user may see the record but their role does not allow this change (HTTP 403)."""


class NotFoundError(PermissionDeniedError):
    """The record does not exist or is outside the actor's scope; the two are never told apart
    (HTTP 404 on both channels, the same answer as an id that belongs to no one, never 403).
    A refusal like PermissionDeniedError (code that catches refusals catches this too), so
    whoever maps errors to responses checks NotFoundError first. See apps/core/versioning.py."""

    def __init__(self) -> None:
        super().__init__(_("Hittades inte."))


class ConflictError(ApplicationError):
    """The request conflicts with the record's current state (HTTP 409)."""


class IllegalTransition(ConflictError):
    """A lifecycle action that the current state does not allow. `extra` holds
    `current_status` and `allowed_actions` so that a client can recover."""


class VersionMismatch(ApplicationError):
    """The client changed a record from a stale read: If-Match does not match (HTTP 412)."""

    def __init__(self, *, current_version: int) -> None:
        super().__init__(
            "The record has changed since you read it. Read it again and retry.",
            extra={"current_version": current_version},
        )


def check_version(instance, expected_version: int | None) -> None:
    """On a row held locked (select_for_update); apps/core/versioning.py calls it."""
    if expected_version is not None and instance.version != expected_version:
        raise VersionMismatch(current_version=instance.version)
