import logging
import uuid

from django.db import DatabaseError

from apps.audit import recorder
from apps.core.unavailable import service_unavailable

logger = logging.getLogger("carecenter.audit")


class AccessLogMiddleware:
    """Writes the access-log rows a request collected (see recorder.py), after the view.

    If the log cannot be written, the response is withheld (503): no read without a log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        note_denied_page(request, response)
        buffer = recorder.pending(request)
        if not buffer:
            return response
        try:
            recorder.write(request, buffer)
        except DatabaseError:
            logger.exception("access log could not be written; response withheld")
            return service_unavailable(request)
        return response


def note_denied_page(request, response) -> None:
    """A page about someone's records that answered 404 is a denied read, as in the API (which
    notes its own in `get_object`, and the admin in its mixin): the pages fetch through
    `visible_to` and answer 404 without telling the log, so it is noted here, for every page at
    once. The person is known when the address names them (`recipient_pk`, or the recipient
    pages' `pk`); for a record's own id (an intervention, a goal) it is not."""
    if response.status_code != 404 or recorder.pending(request) is not None:
        return
    if request.path.startswith(("/api/", "/admin/")):
        return
    match = getattr(request, "resolver_match", None)
    if match is None:
        return
    kwargs = match.kwargs
    if isinstance(kwargs.get("recipient_pk"), uuid.UUID):
        recorder.note_denied(request, kwargs["recipient_pk"])
    elif isinstance(kwargs.get("pk"), uuid.UUID):
        is_person = match.namespace == "recipients"
        recorder.note_denied(request, kwargs["pk"] if is_person else None)
