"""Domain errors raised by services; pages show them as messages, the API maps them to HTTP."""


class ApplicationError(Exception):
    """A business rule refused the request. `extra` carries machine-readable detail."""

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    """The user may see the record but their role does not allow this change."""
