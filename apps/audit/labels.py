"""What a log row means, in words a reviewing manager understands.

The log stores the URL name in `what` (stable, exact) and the HTTP method; the review pages
and the export show a label for it: a page's own label, an API call as resource and action,
an admin screen as the model's name and the action. A name with no label falls back to the
stored name, so a new page is never hidden; tests/audit/test_labels.py walks the URL conf and
fails when a route that can be logged has no label.

The kind of access (`access_label`) follows from the outcome and the method: a refused lookup
is "Nekad", a GET (or HEAD) a read, anything else a write (a saved conversation, a decision).
"""

from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.audit.choices import Outcome

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

PAGE_LABELS = {
    "recipients:list": gettext_lazy("Lista över omsorgstagare"),
    "recipients:create": gettext_lazy("Ny omsorgstagare"),
    "recipients:detail": gettext_lazy("Omsorgstagarens sida"),
    "recipients:update": gettext_lazy("Ändra omsorgstagarens uppgifter"),
    "whatmatters:conversation-create": gettext_lazy("Nytt samtal om vad som är viktigt"),
    "whatmatters:goal-create": gettext_lazy("Nytt mål"),
    "whatmatters:goal-update": gettext_lazy("Ändra mål"),
    "whatmatters:answer-supersede": gettext_lazy("Ändrat svar"),
    "interventions:propose": gettext_lazy("Föreslå insats"),
    "interventions:detail": gettext_lazy("Insats"),
    "interventions:accept": gettext_lazy("Insats: acceptera"),
    "interventions:decline": gettext_lazy("Insats: avböj"),
    "interventions:start-trial": gettext_lazy("Insats: starta utprovning"),
    "interventions:evaluate": gettext_lazy("Insats: utvärdera"),
    "interventions:start": gettext_lazy("Insats: starta"),
    "interventions:end": gettext_lazy("Insats: avsluta"),
    "interventions:consent-create": gettext_lazy("Registrera samtycke"),
    "interventions:consent-withdraw": gettext_lazy("Återkalla samtycke"),
    "assessments:record": gettext_lazy("Professionell bedömning"),
    # The same page's name in rows logged before it moved to apps/assessments/urls.py.
    "interventions:assess": gettext_lazy("Professionell bedömning"),
    "followups:mine": gettext_lazy("Mina uppföljningar"),
    "followups:schedule": gettext_lazy("Planera uppföljning"),
    "followups:complete": gettext_lazy("Genomför uppföljning"),
    "plans:recipient": gettext_lazy("Genomförandeplan"),
    "plans:start": gettext_lazy("Genomförandeplan: påbörja en ny version"),
    "plans:print": gettext_lazy("Plan för utskrift"),
    "plans:print-pdf": gettext_lazy("Plan som PDF"),
    "plans:review-list": gettext_lazy("Planer att granska"),
    "plans:version": gettext_lazy("Planversion"),
    "plans:update-summary": gettext_lazy("Genomförandeplan: ändra texten i klartext"),
    "plans:submit": gettext_lazy("Genomförandeplan: skicka in för granskning"),
    "plans:approve": gettext_lazy("Genomförandeplan: godkänn"),
    "plans:return": gettext_lazy("Genomförandeplan: skicka tillbaka med kommentar"),
    "insights:overview": gettext_lazy("Översikt för chefer"),
    "audit:review": gettext_lazy("Loggranskning"),
    "audit:by-recipient": gettext_lazy("Loggranskning per omsorgstagare"),
    "audit:by-user": gettext_lazy("Loggranskning per användare"),
    "audit:export": gettext_lazy("Export av åtkomstlogg"),
    "audit:sample": gettext_lazy("Stickprov ur åtkomstloggen"),
    "audit:checks": gettext_lazy("Logguppföljningar"),
    "audit:check-create": gettext_lazy("Dokumentera en logguppföljning"),
    "privacy:recipient-history": gettext_lazy("Ändringshistorik för omsorgstagaren"),
    "privacy:extract": gettext_lazy("Registerutdrag"),
    "privacy:extract-print": gettext_lazy("Registerutdrag för utskrift"),
    "privacy:extract-json": gettext_lazy("Registerutdrag som fil (JSON)"),
    # Not a URL name: apps.privacy.extract.EXTRACT_WHAT, the download of a register extract
    # (spelled out here: the extract imports this module to show its own access log).
    "registerutdrag": gettext_lazy("Registerutdrag, framtaget"),
}

# The router's basenames (apps/*/api/urls.py), longest first when one starts another.
API_RESOURCES = {
    "recipient-history": pgettext_lazy("api resource", "ändringshistorik för omsorgstagare"),
    "recipient": pgettext_lazy("api resource", "omsorgstagare"),
    "technology": pgettext_lazy("api resource", "teknik i katalogen"),
    "life-area": pgettext_lazy("api resource", "livsområde"),
    "conversation": pgettext_lazy("api resource", "samtal"),
    "answer": pgettext_lazy("api resource", "svar om vad som är viktigt"),
    "goal": pgettext_lazy("api resource", "mål"),
    "intervention": pgettext_lazy("api resource", "insats"),
    "consent": pgettext_lazy("api resource", "samtycke"),
    "assessment": pgettext_lazy("api resource", "bedömning"),
    "follow-up": pgettext_lazy("api resource", "uppföljning"),
    "care-plan": pgettext_lazy("api resource", "genomförandeplan"),
    "unit": pgettext_lazy("api resource", "enhet"),
    "user": pgettext_lazy("api resource", "personal i enheterna"),
}

# The route's action (the router's `list`/`detail`, or a custom @action's url_path) and, where
# one route serves both a read and a write, the write by method.
API_ACTIONS = {
    "list": pgettext_lazy("api call", "lista"),
    "detail": pgettext_lazy("api call", "visa"),
    "search": pgettext_lazy("api call", "sökning"),
    "overview": pgettext_lazy("api call", "översikt"),
    "supersede": pgettext_lazy("api call", "ersätt med ett nytt svar"),
    "accept": pgettext_lazy("api call", "acceptera"),
    "decline": pgettext_lazy("api call", "avböj"),
    "start-trial": pgettext_lazy("api call", "starta utprovning"),
    "evaluate": pgettext_lazy("api call", "utvärdera"),
    "start": pgettext_lazy("api call", "starta"),
    "end": pgettext_lazy("api call", "avsluta"),
    "withdraw": pgettext_lazy("api call", "återkalla"),
    "cancel": pgettext_lazy("api call", "ställ in"),
    "complete": pgettext_lazy("api call", "genomför"),
    "submit": pgettext_lazy("api call", "skicka in för granskning"),
    "approve": pgettext_lazy("api call", "godkänn"),
    "return": pgettext_lazy("api call", "skicka tillbaka med kommentar"),
}
API_WRITES = {
    ("list", "POST"): pgettext_lazy("api call", "registrera ny"),
    ("detail", "PATCH"): pgettext_lazy("api call", "ändra"),
    ("detail", "PUT"): pgettext_lazy("api call", "ändra"),
    ("detail", "DELETE"): pgettext_lazy("api call", "ta bort"),
}

# ModelAdmin's URL names end in the view; "simple_history" is django-simple-history's page of
# one past version. Longest first, so that "simple_history" is not read as "history".
ADMIN_ACTIONS = {
    "simple_history": pgettext_lazy("admin view", "tidigare version"),
    "changelist": pgettext_lazy("admin view", "lista"),
    "history": pgettext_lazy("admin view", "historik"),
    "change": pgettext_lazy("admin view", "visa"),
    "delete": pgettext_lazy("admin view", "ta bort"),
    "add": pgettext_lazy("admin view", "lägg till"),
}
ADMIN_WRITES = {("change", "POST"): pgettext_lazy("admin view", "ändra")}
ADMIN_SITE_VIEWS = {
    "index": pgettext_lazy("admin view", "startsida"),
    "app_list": pgettext_lazy("admin view", "översikt över en del"),
    "autocomplete": pgettext_lazy("admin view", "sökning i en vallista"),
    "view_on_site": pgettext_lazy("admin view", "visa på webbplatsen"),
}


def is_write(method: str) -> bool:
    return (method or "").upper() in WRITE_METHODS


def access_label(outcome: str, method: str) -> str:
    """The kind of access: refused, a read, or a write."""
    if outcome == Outcome.DENIED:
        return _("Nekad")
    return _("Ändrat") if is_write(method) else _("Läst")


def known_label(what: str, method: str = "GET") -> str | None:
    """The label of a stored `what`, or None when there is none."""
    method = (method or "GET").upper()
    if what in PAGE_LABELS:
        return str(PAGE_LABELS[what])
    if what.startswith("api:"):
        return _api_label(what.removeprefix("api:"), method)
    if what.startswith("admin:"):
        return _admin_label(what.removeprefix("admin:"), method)
    return None


def what_label(what: str, method: str = "GET") -> str:
    return known_label(what, method) or what


def _api_label(name: str, method: str) -> str | None:
    for resource, resource_label in API_RESOURCES.items():
        if not name.startswith(resource + "-"):
            continue
        action = name.removeprefix(resource + "-")
        action_label = API_WRITES.get((action, method)) or API_ACTIONS.get(action)
        if action_label is None:
            continue
        return _("API: %(resource)s, %(action)s") % {
            "resource": resource_label,
            "action": action_label,
        }
    return None


def _admin_label(name: str, method: str) -> str | None:
    if name in ADMIN_SITE_VIEWS:
        return _("Administration: %(view)s") % {"view": ADMIN_SITE_VIEWS[name]}
    for action, action_label in ADMIN_ACTIONS.items():
        model = _models_by_admin_key().get(name.removesuffix("_" + action))
        if name.endswith("_" + action) and model is not None:
            return _("Administration: %(model)s, %(action)s") % {
                "model": model._meta.verbose_name,
                "action": ADMIN_WRITES.get((action, method)) or action_label,
            }
    return None


@lru_cache(maxsize=1)
def _models_by_admin_key() -> dict:
    """{"<app_label>_<model_name>": model}: the prefix of the admin's URL names."""
    from django.apps import apps

    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in apps.get_models()}
