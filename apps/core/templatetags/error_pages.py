"""Tags for the 500 and 503 pages, which must render whatever else is broken."""

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def static_or_plain(path: str) -> str:
    """The static file's URL; its unhashed URL when the manifest lacks it (a deployment that
    skipped collectstatic), so that the error page itself does not fail."""
    try:
        return static(path)
    except ValueError:
        return settings.STATIC_URL + path
