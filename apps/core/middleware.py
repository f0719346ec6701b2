import json
import uuid

from django.conf import settings
from django.http import HttpResponse

from apps.core.logging import request_id_var


class RequestIdMiddleware:
    """Give each request an id (or keep a well-formed X-Request-ID from the proxy) for the
    logs, the access log and the change history; echo it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        try:
            request_id = str(uuid.UUID(incoming))
        except ValueError:
            request_id = str(uuid.uuid4())
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class BodySizeLimitMiddleware:
    """Refuse a request body larger than MAX_REQUEST_BODY_BYTES with 413, before reading it.
    Care records are text: a megabyte is far more than any real request needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return too_large(request)
        return self.get_response(request)


def too_large(request) -> HttpResponse:
    limit = settings.MAX_REQUEST_BODY_BYTES
    if request.path.startswith("/api/"):
        body = {
            "type": "urn:carecenter:problem:payload-too-large",
            "title": "För stor begäran",
            "status": 413,
            "detail": f"Begäran får vara högst {limit} byte.",
            "instance": request.path,
        }
        return HttpResponse(json.dumps(body), status=413, content_type="application/problem+json")
    return HttpResponse(
        f"Begäran får vara högst {limit} byte.",
        status=413,
        content_type="text/plain; charset=utf-8",
    )
