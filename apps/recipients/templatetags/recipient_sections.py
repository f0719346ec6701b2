from django import template

from apps.recipients.sections import SECTIONS

register = template.Library()


@register.simple_tag
def section(name: str) -> str:
    """The anchor of a section of the recipient's page (apps/recipients/sections.py); an
    unknown name fails loudly instead of linking nowhere."""
    return SECTIONS[name]
