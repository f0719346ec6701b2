import logging
import uuid

from django.db import DatabaseError
from django.db.models import Exists, OuterRef

from apps.audit import recorder
from apps.audit.choices import Outcome
from apps.audit.models import AccessLog
from apps.core.client_address import client_ip
from apps.core.unavailable import service_unavailable
from apps.organisations.models import Membership
from apps.recipients.models import CareRecipient

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
            write(request, buffer)
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


def write(request, buffer) -> int:
    """Write the buffered accesses: one query for the recipients' units (and whether each is
    one of the user's own units), one INSERT."""
    read_ids = list(buffer["read"])
    denied = list(buffer["denied"])
    if not read_ids and not denied:
        return 0
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    units_of, own = {}, set()
    if read_ids:
        own_unit = Membership.objects.filter(user=user, unit_id=OuterRef("unit_id"))
        rows = (
            CareRecipient.objects.filter(id__in=read_ids)
            .annotate(own=Exists(own_unit))
            .values_list("id", "unit_id", "own")
        )
        for recipient_id, unit_id, is_own in rows:
            units_of[recipient_id] = unit_id
            if is_own:
                own.add(recipient_id)
    token = getattr(getattr(request, "user", None), "api_token", None)
    match = getattr(request, "resolver_match", None)
    common = {
        "user": user,
        "channel": recorder.channel_for(request, buffer),
        "what": (buffer.get("what") or (match.view_name if match else "") or "")[:200],
        "method": request.method[:10],
        "path": request.path[:500],
        "ip_address": client_ip(request),
        "token_key": getattr(token, "token_key", "") or "",
        "request_id": getattr(request, "request_id", "")[:36],
    }
    rows = [
        AccessLog(
            recipient_id=rid,
            unit_id=units_of.get(rid),
            outside_own_units=rid not in own,
            outcome=Outcome.ALLOWED,
            **common,
        )
        for rid in read_ids
    ]
    rows += [AccessLog(recipient_id=rid, outcome=Outcome.DENIED, **common) for rid in denied]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
