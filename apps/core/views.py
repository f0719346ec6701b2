import json
import sys

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core.unavailable import is_database_unavailable, service_unavailable


def home_view(request):
    return redirect("recipients:list")


@login_not_required
def healthz_view(request):
    """Liveness: the process answers. Touches no database."""
    return HttpResponse("ok", content_type="text/plain")


def _problem(request, status: int, code: str, title: str, detail: str):
    body = {
        "type": f"urn:carecenter:problem:{code}",
        "code": code.replace("-", "_"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def api_not_found(request):
    return _problem(request, 404, "not-found", _("Hittades inte"), _("Hittades inte."))


def not_found_view(request, exception=None):
    """404: problem+json under /api/, the site's own page elsewhere. Says nothing about why."""
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return render(request, "404.html", status=404)


def server_error_view(request):
    # Called while the exception is handled: a database that cannot answer is a 503 (try
    # again), not a 500 (a bug), on every page and in the API alike.
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if request.path.startswith("/api/"):
        return _problem(
            request,
            500,
            "server-error",
            _("Serverfel"),
            _("Ett oväntat fel inträffade. Försök igen."),
        )
    return render(request, "500.html", status=500)


def bad_request_view(request, exception=None):
    if request.path.startswith("/api/"):
        return _problem(
            request, 400, "bad-request", _("Ogiltig begäran"), _("Begäran kunde inte tolkas.")
        )
    return render(request, "400.html", status=400)


def permission_denied_view(request, exception=None):
    if request.path.startswith("/api/"):
        return _problem(
            request, 403, "forbidden", _("Otillåtet"), _("Du har inte behörighet till detta.")
        )
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


# --- CSRF failure ----------------------------------------------------------------------------

# Never echoed, never sent again: what could let someone in (or was meant for one use only).
_WITHHELD = ("pass", "token", "secret", "otp", "csrf", "code")


def _withheld(name: str) -> bool:
    return any(part in name.lower() for part in _WITHHELD)


def _same_origin(request) -> bool:
    """The refused form came from one of our own pages (by Origin, else Referer)."""
    from urllib.parse import urlsplit

    from django.core.exceptions import DisallowedHost

    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    origin = request.headers.get("Origin")
    if origin:
        return origin == own
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" == own


def csrf_failure_view(request, reason=""):
    """A form refused for its CSRF token (typically: the user signed in again in another tab,
    which gives a new token). The page says so in the user's language, shows what they typed
    (never a password or a token) so nothing is lost, and, when the form came from our own
    site, offers to send the same fields again with a fresh token."""
    shown, resend, withheld = [], [], False
    for name, values in request.POST.lists():
        if _withheld(name):
            withheld = withheld or name != "csrfmiddlewaretoken"
            continue
        for value in values:
            resend.append((name, value))
            if value.strip():
                shown.append({"label": name.replace("_", " ").replace("-", " "), "value": value})
    context = {
        "fields": shown,
        "resend": resend if resend and not withheld and _same_origin(request) else None,
        "withheld": withheld,
    }
    return render(request, "403_csrf.html", context, status=403)
