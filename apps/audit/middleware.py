import logging

from django.db import DatabaseError
from django.http import HttpResponse

from apps.audit import recorder

logger = logging.getLogger("carecenter.audit")


class AccessLogMiddleware:
    """Writes the access-log rows a request collected (see recorder.py), after the view.

    If the log cannot be written, the response is withheld (503): no read without a log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        buffer = recorder.pending(request)
        if not buffer:
            return response
        try:
            recorder.write(request, buffer)
        except DatabaseError:
            logger.exception("access log could not be written; response withheld")
            return HttpResponse(
                "Tjänsten är tillfälligt otillgänglig.", status=503, content_type="text/plain"
            )
        return response
