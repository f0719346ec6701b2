import json
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
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
        # Kept until the response is closed (request_finished clears it), not reset when the
        # chain returns: Django logs a 4xx/5xx ("django.request") after the middleware, and
        # that line must carry the id the client was given.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    request_id_var.set("")


class BodySizeLimitMiddleware:
    """Refuse, before any view reads it, a request that no view can serve:

    - a body larger than MAX_REQUEST_BODY_BYTES: 413. Care records are text: a megabyte is far
      more than any real request needs;
    - a NUL character in the path or the query string: 400. No address or parameter of ours
      means it, PostgreSQL cannot store or compare text with it, and the admin's list filters
      (and the access log, which keeps the path) hand it straight to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            drain(request, length)
            return too_large(request)
        if "\x00" in request.path:
            return refuse_nul(request, "path")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return refuse_nul(request, key)
        return self.get_response(request)


def _early_problem(request, status: int, kind: str, title: str, detail: str, **members):
    """An API refusal as problem+json, or None for a page (then the caller answers in text)."""
    if not request.path.startswith("/api/"):
        return None
    body = {
        "type": f"urn:carecenter:problem:{kind}",
        "code": kind.replace("-", "_"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **members,
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def refuse_nul(request, parameter: str) -> HttpResponse:
    """400 naming the query parameter (or `path`) that holds a NUL character."""
    # Answered before sessions and language are known, like too_large(): no templates.
    message = "Null-tecken är inte tillåtna."
    error = {"field": parameter, "code": "null_characters_not_allowed", "detail": message}
    problem = _early_problem(
        request,
        400,
        "validation-error",
        "Ogiltig begäran",
        f"{parameter}: {message}",
        errors=[error],
    )
    if problem is not None:
        return problem
    # Not echoed on pages: this answer goes out without the security headers of the later
    # middleware, so it carries nothing the client sent.
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


# A refused body is read and thrown away, up to this many times the limit, so that the
# connection can serve the client's next request (a server that finds unread bytes after a
# keep-alive response closes the connection under the client's feet). Reading costs no memory.
DRAIN_FACTOR = 16


def drain(request, length: int) -> None:
    """Read and discard the request body, in small pieces, unless it is absurdly large."""
    if length > DRAIN_FACTOR * settings.MAX_REQUEST_BODY_BYTES:
        return
    try:
        while request.read(64 * 1024):
            pass
    except OSError:  # the client went away: nothing left to serve
        pass


def too_large(request) -> HttpResponse:
    limit = settings.MAX_REQUEST_BODY_BYTES
    response = _early_problem(
        request,
        413,
        "payload-too-large",
        "För stor begäran",
        f"Begäran får vara högst {limit} byte.",
    )
    if response is None:
        response = HttpResponse(
            f"Begäran får vara högst {limit} byte.",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    # Answered before CommonMiddleware: without a length the server falls back to chunked
    # framing, which some clients mishandle on a response to a request they are still sending.
    response["Content-Length"] = str(len(response.content))
    return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response except static files: almost every page and
    API response names a person, and a shared or browser cache must keep none of them. A view
    that says more (`never_cache`, an export) keeps its own header, as long as it says
    no-store."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


class ApiNotFoundMiddleware:
    """Under /api/ every 404 is problem+json, also for an address no route knows and also with
    DEBUG on (when Django would otherwise answer its HTML debug page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/problem+json")
        ):
            from apps.core.views import api_not_found

            return api_not_found(request)
        return response
