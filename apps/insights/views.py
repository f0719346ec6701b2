from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from apps.audit.recorder import note_read
from apps.core.exceptions import PermissionDeniedError
from apps.core.web import forbidden
from apps.insights.charts import overview_charts
from apps.insights.forms import UnitChoiceForm
from apps.insights.selectors import MIN_ANSWERS, insight_scope, unit_overview
from apps.insights.tables import overview_sections

ASK_ADMINISTRATOR = _("Be din systemförvaltare om behörighet om du behöver se översikten.")


@require_safe
def overview_view(request):
    try:
        scope = insight_scope(user=request.user, unit_id=request.GET.get("unit"))
    except PermissionDeniedError as exc:
        # Not a 404: the page is about units, not a person, so its existence leaks nothing.
        return forbidden(request, exc.message, hint=ASK_ADMINISTRATOR)
    overview = unit_overview(scope)
    # The overdue list names people: that is a read of their records.
    note_read(request, (f.recipient_id for f in overview["overdue"]["oldest"]))
    form = UnitChoiceForm(
        initial={"unit": str(scope.unit.pk) if scope.unit else ""}, units=scope.managed
    )
    return render(
        request,
        "insights/overview.html",
        {
            "scope": scope,
            "form": form,
            "overview": overview,
            "sections": overview_sections(overview, overview_charts(overview), MIN_ANSWERS),
        },
    )
