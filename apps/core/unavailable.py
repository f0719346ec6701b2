"""One answer for "the service cannot serve this right now" (503), whatever the cause: the
database is down or its pool is exhausted, a statement ran past `statement_timeout`, or the
access log could not be written. Pages get a page in the user's language, the API gets
problem+json; both say when to try again and are never cached."""

import json

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


def is_database_unavailable(exc) -> bool:
    """The database could not answer (down, pool timeout, cancelled statement); not a bug."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    text = str(exc)
    return isinstance(exc, DatabaseError) and (
        "statement timeout" in text or "canceling statement" in text
    )


def service_unavailable(request) -> HttpResponse:
    """The 503. Touches no database (no user, no session, no navigation): it is what is
    answered when the database cannot be reached."""
    detail = _("Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.")
    if request.path.startswith("/api/"):
        body = {
            "type": "urn:carecenter:problem:service-unavailable",
            "code": "service_unavailable",
            "title": _("Tjänsten är otillgänglig"),
            "status": 503,
            "detail": detail,
            "instance": request.path,
        }
        response = HttpResponse(
            json.dumps(body),  # ASCII: no client can misread the charset
            status=503,
            content_type="application/problem+json",
        )
    else:
        html = render_to_string("503.html", {"was_post": request.method == "POST"})
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
