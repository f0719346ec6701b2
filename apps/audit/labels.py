"""What a log row's `what` (a URL name) means, in words a reviewing manager understands.

The log stores the URL name (stable, exact); the review pages show these labels and fall back
to the stored name for anything not listed here, so a new page is never hidden.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PAGE_LABELS = {
    "recipients:list": _("Lista över omsorgstagare"),
    "recipients:detail": _("Omsorgstagarens sida"),
    "recipients:update": _("Ändra omsorgstagarens uppgifter"),
    "whatmatters:conversation-create": _("Nytt samtal om vad som är viktigt"),
    "whatmatters:goal-create": _("Nytt mål"),
    "whatmatters:goal-update": _("Ändra mål"),
    "whatmatters:answer-supersede": _("Ändrat svar"),
    "interventions:propose": _("Föreslå insats"),
    "interventions:detail": _("Insats"),
    "interventions:accept": _("Insats: acceptera"),
    "interventions:decline": _("Insats: avböj"),
    "interventions:start-trial": _("Insats: starta utprovning"),
    "interventions:evaluate": _("Insats: utvärdera"),
    "interventions:start": _("Insats: starta"),
    "interventions:end": _("Insats: avsluta"),
    "interventions:consent-create": _("Registrera samtycke"),
    "interventions:consent-withdraw": _("Återkalla samtycke"),
    "interventions:assess": _("Professionell bedömning"),
    "followups:mine": _("Mina uppföljningar"),
    "followups:schedule": _("Planera uppföljning"),
    "followups:complete": _("Genomför uppföljning"),
    "plans:recipient": _("Genomförandeplan"),
    "plans:print": _("Plan för utskrift"),
    "plans:print-pdf": _("Plan som PDF"),
    "plans:review-list": _("Planer att granska"),
    "plans:version": _("Planversion"),
    "insights:overview": _("Översikt för chefer"),
    "audit:review": _("Loggranskning"),
    "audit:by-recipient": _("Loggranskning per omsorgstagare"),
    "audit:by-user": _("Loggranskning per användare"),
    "audit:export": _("Export av åtkomstlogg"),
}

API_KINDS = {
    "list": pgettext_lazy("api call", "lista"),
    "detail": pgettext_lazy("api call", "post"),
    "overview": pgettext_lazy("api call", "översikt"),
    "search": pgettext_lazy("api call", "sökning"),
}


def what_label(what: str) -> str:
    if what in PAGE_LABELS:
        return str(PAGE_LABELS[what])
    if what.startswith("api:"):
        resource, _sep, kind = what.removeprefix("api:").rpartition("-")
        if resource and kind in API_KINDS:
            return _("API, %(resource)s: %(kind)s") % {
                "resource": resource,
                "kind": API_KINDS[kind],
            }
    if what.startswith("admin:"):
        return _("Administration: %(view)s") % {"view": what.removeprefix("admin:")}
    return what
