"""What the lifecycles say, for templates: `{% load lifecycle %}`, then e.g.
`{{ intervention|status_tone }}` or `{% if version|awaits_review %}`. Templates never
compare statuses themselves (a test holds them to that); the rules are in
`apps/interventions/lifecycle.py` and `apps/plans/lifecycle.py`."""

from django import template

from apps.interventions import lifecycle as intervention_lifecycle
from apps.interventions.models import Intervention
from apps.plans import lifecycle as plan_lifecycle
from apps.plans.models import CarePlanVersion

register = template.Library()

_LIFECYCLES = {Intervention: intervention_lifecycle, CarePlanVersion: plan_lifecycle}


def _lifecycle(obj):
    return _LIFECYCLES[obj._meta.concrete_model]


@register.filter
def status_tone(obj) -> str:
    """The badge tone of the status on the record's own pages ("", "ok", "warn", "err")."""
    return _lifecycle(obj).STATUS_TONES.get(obj.status, "")


@register.filter
def list_tone(obj) -> str:
    """The badge tone of the status in the person's overview."""
    return _lifecycle(obj).LIST_TONES.get(obj.status, "")


# The lifecycles' predicates, each a filter of the same name: `{% if version|is_draft %}`.
register.filter("is_closed", intervention_lifecycle.is_closed)
for _name in (
    "is_frozen",
    "is_superseded",
    "awaits_review",
    "is_returned",
    "is_draft",
    "is_editable",
):
    register.filter(_name, getattr(plan_lifecycle, _name))
