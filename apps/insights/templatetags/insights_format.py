from django import template
from django.utils.formats import number_format

from apps.insights import formatting

register = template.Library()

NO_FIGURE = "–"


@register.filter
def percent(share):
    """A share 0–1 as "67 %", or "–" when there is no figure (too few answers)."""
    value = formatting.percent(share)
    return NO_FIGURE if value is None else f"{value}\u00a0%"


@register.filter
def decimal1(value):
    """One decimal in the current locale ("1,5" in Swedish), or "–"."""
    value = formatting.one_decimal(value)
    return NO_FIGURE if value is None else number_format(value, 1)


@register.filter
def signed1(value):
    """A change with its sign: "+1,5", "-0,5", "0,0"; "–" when there is no figure."""
    value = formatting.one_decimal(value)
    if value is None:
        return NO_FIGURE
    return ("+" if value > 0 else "") + number_format(value, 1)
