from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def home_view(request):
    return redirect("recipients:list")


@login_not_required
def healthz_view(request):
    """Liveness: the process answers. Touches no database."""
    return HttpResponse("ok", content_type="text/plain")


def _problem(request, status: int, title: str, detail: str):
    import json

    from django.http import HttpResponse

    body = {
        "type": f"urn:carecenter:problem:{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def not_found_view(request, exception=None):
    """404: problem+json under /api/, the site's own page elsewhere. Says nothing about why."""
    if request.path.startswith("/api/"):
        return _problem(request, 404, "Not found", _("Hittades inte."))
    from django.shortcuts import render

    return render(request, "404.html", status=404)


def server_error_view(request):
    if request.path.startswith("/api/"):
        return _problem(request, 500, "Server error", _("Ett oväntat fel inträffade. Försök igen."))
    from django.shortcuts import render

    return render(request, "500.html", status=500)


def bad_request_view(request, exception=None):
    if request.path.startswith("/api/"):
        return _problem(request, 400, "Bad request", _("Begäran kunde inte tolkas."))
    from django.shortcuts import render

    return render(request, "400.html", status=400)


def permission_denied_view(request, exception=None):
    if request.path.startswith("/api/"):
        return _problem(request, 403, "Forbidden", _("Du har inte behörighet till detta."))
    from django.shortcuts import render

    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)
