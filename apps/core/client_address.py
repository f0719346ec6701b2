"""The client's address, the same for the access log and the login lockout (django-axes).

Behind TRUSTED_PROXY_COUNT reverse proxies that each append to X-Forwarded-For (nginx's
`$proxy_add_x_forwarded_for`), the last entries are written by our proxies and everything to
their left by the client, who can write anything there. The address the outermost trusted
proxy saw is therefore the entry TRUSTED_PROXY_COUNT places from the right; never the
left-most one, which a client chooses itself."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    remote = _valid(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer entries than proxies: the first proxy in the chain wrote the first entry.
    seen = hops[-proxies] if len(hops) >= proxies else hops[0]
    return _valid(seen) or remote


def _valid(value) -> str | None:
    """The address as text when it is one (a port or brackets are stripped), else None."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
