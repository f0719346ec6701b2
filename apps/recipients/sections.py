"""The sections of the recipient's page (templates/recipients/detail.html) by their anchor:
the views that send someone back to a section and the templates that render or link to it
name it here, once. Templates: `{% load recipient_sections %}` then `{% section "goals" %}`."""

from django.urls import reverse

SECTIONS = {
    "main": "main",  # the layout's <main> (templates/base.html): the top of the page
    "what_matters": "vad-ar-viktigt",
    "goals": "mal",
    "interventions": "insatser",
    "consents": "samtycken",
    "assessments": "bedomningar",
    "follow_ups": "uppfoljningar",
    "plan": "plan",
    "contacts": "kontakter",
    "history": "historik",
}


def recipient_page_url(recipient_pk, section: str) -> str:
    """The address of one section of the recipient's page."""
    return f"{reverse('recipients:detail', args=[recipient_pk])}#{SECTIONS[section]}"
