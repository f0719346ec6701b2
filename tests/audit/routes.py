"""Every route in the URL conf that the access log can record, found by walking the resolver:
the URL name the recorder stores (`resolver_match.view_name`) and the methods it answers.

A route is loggable unless it is listed in NEVER_LOGGED, the few that read no care recipient's
records. A new route is therefore loggable until someone decides otherwise, so the labels test
fails for it until it has a label.
"""

from django.urls import URLPattern, URLResolver, get_resolver

NEVER_LOGGED = {
    # The start page (a redirect), liveness, the language switch, the user's own account.
    "home",
    "healthz",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:logout-everywhere",
    "accounts:account",
    "accounts:mfa-verify",
    "accounts:mfa-setup",
    # The API's root and its description.
    "api:api-root",
    "api:schema",
    "api:docs",
    # The admin's sign-in, password and scripts, and the token/device screens of accounts.
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "admin:auth_user_password_change",
    "admin:otp_totp_totpdevice_config",
    "admin:otp_totp_totpdevice_qrcode",
}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern.callback


def methods_of(callback) -> list[str]:
    """An API viewset route's methods (the router's mapping), else GET and POST (a page may
    answer both: its form and the form's submission)."""
    actions = getattr(callback, "actions", None)
    if actions:
        return sorted(method.upper() for method in actions)
    return ["GET", "POST"]


def loggable_routes() -> dict[str, list[str]]:
    """{URL name: methods} of every route the access log can record."""
    routes = {}
    for name, callback in _walk(get_resolver().url_patterns):
        if name not in NEVER_LOGGED and name not in routes:
            routes[name] = methods_of(callback)
    return routes
