"""Recording a professional assessment, as a form in the intervention page's status panel."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.assessments.forms import AssessmentForm
from apps.assessments.services import assessment_record
from apps.core.web import forbidden, posted
from apps.interventions.selectors import intervention_page_get
from apps.interventions.views import Panel, handle_panel
from apps.organisations.permissions import can_assess


@require_http_methods(["GET", "POST"])
def assessment_record_view(request, pk):
    intervention = intervention_page_get(user=request.user, pk=pk)
    if not can_assess(request.user, intervention.recipient):
        return forbidden(
            request, _("Bara legitimerad personal i omsorgstagarens enhet får göra bedömningar.")
        )
    panel = Panel(
        title=_("Gör en professionell bedömning"),
        url=reverse("assessments:record", args=[pk]),
        form=AssessmentForm(posted(request)),
        submit_label=_("Spara bedömningen"),
    )

    def save(form):
        assessment_record(actor=request.user, intervention=intervention, **form.service_kwargs())

    return handle_panel(request, intervention, panel, save, _("Bedömningen är sparad."))
