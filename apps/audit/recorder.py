"""Collect, during a request, which care recipients' records it read; write them once at the end.

Views and API viewsets call `note_read(request, ids)` (or `note_denied`) as they hand out
records; `AccessLogMiddleware` (`apps.audit.middleware.write`, above the apps whose records
it names) turns the collected ids into AccessLog rows with a single INSERT after the
response is built. Reading fifty people in a list is one write, not fifty.
"""

import uuid
from collections.abc import Iterable

from apps.audit.choices import Channel

_BUFFER = "_carecenter_access_log"


def _django_request(request):
    return getattr(request, "_request", request)  # a DRF Request wraps Django's


def _buffer(request) -> dict:
    req = _django_request(request)
    buffer = req.__dict__.get(_BUFFER)
    if buffer is None:
        buffer = {"read": {}, "denied": {}, "channel": None, "what": None}
        req.__dict__[_BUFFER] = buffer
    return buffer


def note_read(
    request, recipient_ids: Iterable, *, what: str | None = None, channel: str | None = None
):
    buffer = _buffer(request)
    for recipient_id in recipient_ids:
        if recipient_id is not None:
            buffer["read"][_as_uuid(recipient_id)] = True
    if what:
        buffer["what"] = what
    if channel:
        buffer["channel"] = channel


def note_denied(request, attempted_id=None, *, what: str | None = None):
    """A request for a record the user may not see (answered 404). `attempted_id` is the
    recipient's id when the request named one."""
    buffer = _buffer(request)
    key = _as_uuid(attempted_id) if attempted_id is not None else None
    buffer["denied"][key] = True
    if what:
        buffer["what"] = what


def note_search(request, found_ids: Iterable, *, what: str | None = None):
    """A search (the list page's, the API's, the admin's): a read of each person found, or,
    when it found no one, one denied row without a person — the same row whether the term
    matched nobody or only people the user may not see, and never the term itself."""
    found = [recipient_id for recipient_id in found_ids if recipient_id is not None]
    if found:
        note_read(request, found, what=what)
    else:
        note_denied(request, None, what=what)


def pending(request) -> dict | None:
    return _django_request(request).__dict__.get(_BUFFER)


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def uuid_or_none(value) -> uuid.UUID | None:
    """The id tried, if it is one (an address may carry anything)."""
    try:
        return _as_uuid(value)
    except ValueError:
        return None


def recipient_id_of(obj, path: str):
    """The recipient's id of a row, by a dotted attribute path from it ("recipient_id",
    "plan.recipient_id", "pk" for the recipient itself)."""
    value = obj
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def channel_for(request, buffer) -> str:
    if buffer.get("channel"):
        return buffer["channel"]
    path = request.path
    if path.startswith("/api/"):
        return (
            Channel.API_TOKEN if getattr(request.user, "api_token", None) else Channel.API_SESSION
        )
    if path.startswith("/admin/"):
        return Channel.ADMIN
    return Channel.WEB
