"""The intervention pages: propose one from what matters, and the intervention page with its
status panel, where each lifecycle action, consent and assessment opens a small form.

Every form works as a plain POST + redirect; with htmx the form opens in, and posts back
to, the status panel ("interventions/detail.html#status-panel")."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from apps.audit.recorder import note_read
from apps.catalogue.selectors import technologies_for_life_area, technology_list
from apps.core.web import forbidden, posted, refusal_message, run_service
from apps.interventions import lifecycle, services
from apps.interventions.choices import InterventionAction
from apps.interventions.forms import (
    ConsentForm,
    ConsentWithdrawForm,
    ProposeForm,
    TransitionForm,
)
from apps.interventions.selectors import (
    consent_contacts,
    consent_get,
    intervention_page_get,
    latest_assessment,
    latest_done_follow_up,
    proposal_choices,
)
from apps.organisations.permissions import abilities, can_care, can_decide, can_propose
from apps.recipients.selectors import recipient_get
from apps.whatmatters.choices import AnswerStatus

PANEL_TEMPLATE = "interventions/detail.html#status-panel"
A = InterventionAction

# URL name of each lifecycle action's form (consent withdrawal has its own, per consent).
ACTION_URL_NAMES = {
    A.ACCEPT: "interventions:accept",
    A.DECLINE: "interventions:decline",
    A.START_TRIAL: "interventions:start-trial",
    A.EVALUATE: "interventions:evaluate",
    A.START: "interventions:start",
    A.END: "interventions:end",
}
ACTION_DONE = {
    A.ACCEPT: gettext_lazy("Insatsen är accepterad."),
    A.DECLINE: gettext_lazy("Insatsen är avböjd."),
    A.START_TRIAL: gettext_lazy("Utprovningen har startat."),
    A.EVALUATE: gettext_lazy("Utprovningen är utvärderad och insatsen pågår."),
    A.START: gettext_lazy("Insatsen har startat."),
    A.END: gettext_lazy("Insatsen är avslutad."),
}


@dataclass
class Panel:
    """A form open in the status panel."""

    title: str
    url: str
    form: object
    submit_label: str
    consent: object = None
    warning: str = ""
    refusal: str = ""
    unmet: str = ""
    # The service's field names that the form calls something else.
    field_map: dict = field(default_factory=dict)


# --- the intervention page --------------------------------------------------------------------


def detail_context(request, intervention, *, panel=None, notice=""):
    recipient = intervention.recipient
    can = abilities(request.user, recipient)
    contacts = consent_contacts(recipient)
    assessment = latest_assessment(intervention)
    status = intervention.status
    closed = lifecycle.is_closed(intervention)
    actions = [
        {
            "name": action,
            "label": A(action).label,
            "url": reverse(ACTION_URL_NAMES[action], args=[intervention.pk]),
            "danger": action in (A.DECLINE, A.END),
        }
        for action in lifecycle.allowed_actions(
            intervention, request.user, roles=(can.roles, can.is_superuser)
        )
        if action in ACTION_URL_NAMES
    ]
    follow_up = latest_done_follow_up(intervention)
    proposes_end = (
        follow_up is not None and follow_up.proposes_end and lifecycle.is_running(intervention)
    )
    note_read(request, [recipient.pk])
    return {
        "intervention": intervention,
        "recipient": recipient,
        "abilities": can,
        "actions": actions,
        "panel": panel,
        "notice": notice,
        "status_tone": lifecycle.STATUS_TONES.get(status, ""),
        "closed": closed,
        "requirements": lifecycle.requirements(
            intervention, contacts=contacts, assessment=assessment
        ),
        "latest_follow_up": follow_up,
        "follow_up_proposes_end": proposes_end,
        "trial_overdue": lifecycle.is_trial_overdue(intervention, timezone.localdate()),
        "end_url": reverse("interventions:end", args=[intervention.pk]),
        "can_record_consent": can.can_care and not closed,
        "can_assess": can.can_assess and not closed,
        "schedule_url": reverse("followups:schedule", args=[recipient.pk])
        + f"?intervention={intervention.pk}",
    }


def render_page(request, intervention, *, panel=None, status=200):
    template = PANEL_TEMPLATE if request.htmx else "interventions/detail.html"
    context = detail_context(request, intervention, panel=panel)
    return render(request, template, context, status=status)


@require_safe
def intervention_detail_view(request, pk):
    intervention = intervention_page_get(user=request.user, pk=pk)
    return render_page(request, intervention)


def handle_panel(request, intervention, panel: Panel, save, done_message):
    """GET shows `panel` open; POST saves through the service: a redirect (or, for htmx, the
    fresh status panel) on success, the form with the service's message otherwise."""
    if request.method == "POST" and panel.form.is_valid():
        done = run_service(
            request,
            panel.form,
            lambda: save(panel.form),
            rename=panel.field_map,
            refusal_on_form=False,
        )
        if done.response:
            return done.response
        if done.ok:
            return changed(request, intervention.pk, done_message)
        if done.refused:
            panel.refusal = refusal_message(done.refused)
            panel.unmet = done.refused.extra.get("unmet_requirement", "")
    # A refusal is a conflict (409) for a plain request; htmx swaps only a 2xx answer.
    status = 409 if panel.refusal and not request.htmx else 200
    return render_page(request, intervention, panel=panel, status=status)


def changed(request, pk, message):
    if not request.htmx:
        messages.success(request, message)
        return redirect("interventions:detail", pk=pk)
    fresh = intervention_page_get(user=request.user, pk=pk)
    context = detail_context(request, fresh, notice=message)
    return render(request, "interventions/changed.html", context)


@require_http_methods(["GET", "POST"])
def intervention_action_view(request, pk, action):
    intervention = intervention_page_get(user=request.user, pk=pk)
    if not can_decide(request.user, intervention.recipient):
        return forbidden(request, _("Din roll i enheten får inte besluta om insatser."))
    form = TransitionForm(posted(request), action=action, initial={"version": intervention.version})
    panel = Panel(
        title=A(action).label,
        url=reverse(ACTION_URL_NAMES[action], args=[pk]),
        form=form,
        submit_label=A(action).label,
    )
    problem = lifecycle.refusal(intervention, action, request.user)
    if problem is not None:
        panel.refusal = problem.message
        return render_page(request, intervention, panel=panel, status=200 if request.htmx else 409)

    def save(form):
        services.intervention_transition(
            actor=request.user, intervention=intervention, action=action, **form.service_kwargs()
        )

    return handle_panel(request, intervention, panel, save, ACTION_DONE[action])


@require_http_methods(["GET", "POST"])
def consent_record_view(request, pk):
    intervention = intervention_page_get(user=request.user, pk=pk)
    if not can_care(request.user, intervention.recipient):
        return forbidden(request, _("Din roll i enheten får inte registrera samtycken."))
    form = ConsentForm(posted(request), recipient=intervention.recipient)
    panel = Panel(
        title=_("Registrera samtycke"),
        url=reverse("interventions:consent-create", args=[pk]),
        form=form,
        submit_label=_("Registrera samtycke"),
    )

    def save(form):
        panel.field_map["contact"] = form.contact_field
        services.consent_record(
            actor=request.user, intervention=intervention, **form.service_kwargs()
        )

    return handle_panel(request, intervention, panel, save, _("Samtycket är registrerat."))


@require_http_methods(["GET", "POST"])
def consent_withdraw_view(request, pk):
    consent = consent_get(user=request.user, pk=pk)
    intervention = intervention_page_get(user=request.user, pk=consent.intervention_id)
    if not can_care(request.user, intervention.recipient):
        return forbidden(request, _("Din roll i enheten får inte återkalla samtycken."))
    warning = ""
    if lifecycle.is_running(intervention):
        warning = _(
            "När samtycket återkallas avslutas insatsen (skäl: samtycket återkallat). "
            "Det går inte att ångra."
        )
    panel = Panel(
        title=_("Återkalla samtycke"),
        url=reverse("interventions:consent-withdraw", args=[consent.pk]),
        form=ConsentWithdrawForm(posted(request)),
        submit_label=_("Återkalla samtycket"),
        consent=consent,
        warning=warning,
    )
    if consent.withdrawn_at is not None:
        panel.refusal = _("Samtycket är redan återkallat.")
        return render_page(request, intervention, panel=panel, status=200 if request.htmx else 409)

    def save(form):
        services.consent_withdraw(
            actor=request.user, consent=consent, reason=form.cleaned_data["reason"]
        )

    return handle_panel(request, intervention, panel, save, _("Samtycket är återkallat."))


# --- propose ----------------------------------------------------------------------------------


def _preselected_answer(request, recipient):
    """The answer named by ?answer=: one of this person's answers that the user may see, or
    404. A superseded answer is named but not ticked."""
    raw = request.GET.get("answer", "").strip()
    if not raw:
        return None
    from apps.whatmatters.models import Answer

    try:
        answer = (
            Answer.objects.visible_to(request.user)
            .select_related("life_area")
            .get(pk=raw, recipient=recipient)
        )
    except (Answer.DoesNotExist, ValidationError, ValueError):
        raise Http404(_("Svaret finns inte.")) from None
    return answer


def _life_area(request, answers, preselected):
    """Technologies for this life area come first: the first ticked answer's, else the
    preselected answer's."""
    ticked = request.POST.getlist("serves_answers") if request.method == "POST" else []
    if ticked:
        first = next((a for a in answers if str(a.pk) in ticked), None)
        if first is not None:
            return first.life_area
    return preselected.life_area if preselected is not None else None


@require_http_methods(["GET", "POST"])
def intervention_propose_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    if not can_propose(request.user, recipient):
        return forbidden(request, _("Din roll i enheten får inte föreslå insatser."))
    note_read(request, [recipient.pk])
    answers, goals = proposal_choices(user=request.user, recipient=recipient)
    preselected = _preselected_answer(request, recipient)
    life_area = _life_area(request, answers, preselected)
    technologies = (
        technologies_for_life_area(life_area)
        if life_area
        else technology_list().order_by("name_sv")
    )
    initial = {}
    if preselected is not None and preselected.status == AnswerStatus.CURRENT:
        initial["serves_answers"] = [preselected.pk]
    form = ProposeForm(
        posted(request),
        initial=initial,
        answers=answers,
        goals=goals,
        technologies=technologies,
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.intervention_propose(
                actor=request.user, recipient=recipient, **form.service_kwargs()
            ),
        )
        if done.response:
            return done.response
        if done.ok:
            messages.success(request, _("Insatsen är föreslagen."))
            return redirect("interventions:detail", pk=done.value.pk)
    return render(
        request,
        "interventions/propose.html",
        {
            "recipient": recipient,
            "form": form,
            "preselected": preselected,
            "life_area": life_area,
            "has_answers": answers.exists(),
            "has_goals": goals.exists(),
        },
    )
