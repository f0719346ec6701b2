import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LAST_SEEN = "last_seen"
WRITE_EVERY = 60  # seconds: refresh the stamp at most once a minute (one session write)


class IdleTimeoutMiddleware:
    """Sign out a browser session that has been idle longer than SESSION_IDLE_TIMEOUT.

    (SESSION_COOKIE_AGE is the absolute limit; this is the idle one. API tokens are not
    sessions and are not affected.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not getattr(user, "api_token", None):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Du har loggats ut efter en stunds inaktivitet."))
                return redirect(settings.LOGIN_URL)
            if last_seen is None or now - last_seen > WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class MfaMiddleware:
    """Until the second factor is given (or set up where required), a signed-in session may
    only reach the two-factor pages, logout and the language switch."""

    ALWAYS_ALLOWED = ("accounts:logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from apps.accounts import mfa

        step = request.session.get(mfa.SESSION_KEY) if hasattr(request, "session") else None
        if step and request.user.is_authenticated:
            from django.urls import resolve
            from django.urls.exceptions import Resolver404

            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            static = "/" + settings.STATIC_URL.lstrip("/")
            own_page = "accounts:mfa-verify" if step == mfa.VERIFY else "accounts:mfa-setup"
            allowed = (*self.ALWAYS_ALLOWED, own_page)
            if name not in allowed and not request.path.startswith(static):
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse(
                        {
                            "type": "urn:carecenter:problem:mfa-required",
                            "code": "mfa_required",
                            "status": 403,
                            "title": _("Tvåstegsverifiering krävs"),
                            "detail": _("Logga in i webben med din andra faktor först."),
                        },
                        status=403,
                        content_type="application/problem+json",
                    )
                return redirect(own_page)
        return self.get_response(request)
