"""Pages for follow-ups: my follow-ups, schedule one, and record one (closing the loop)."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from apps.audit.recorder import note_read
from apps.core.forms import error_summary
from apps.core.web import ASK_UNIT_MANAGER, forbidden, run_service
from apps.followups.choices import FollowUpStatus
from apps.followups.forms import FollowUpCompleteForm, FollowUpScheduleForm
from apps.followups.selectors import (
    followup_get_for_page,
    my_followup_counts,
    my_followups,
    possible_responsibles,
    schedulable_goals,
    schedulable_interventions,
    served_answers,
)
from apps.followups.services import followup_complete, followup_schedule
from apps.interventions.lifecycle import is_running
from apps.organisations.permissions import CARE_ROLES, INTERVENTION_DECIDERS, has_role_in_unit
from apps.recipients.sections import recipient_page_url
from apps.recipients.selectors import recipient_get

PAGE_SIZE = 25


@require_safe
def my_followups_view(request):
    today = timezone.localdate()
    page = Paginator(my_followups(user=request.user, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    note_read(request, {followup.recipient_id for followup in page.object_list})
    return render(
        request,
        "followups/mine.html",
        {
            "page": page,
            "today": today,
            "counts": my_followup_counts(user=request.user, today=today),
        },
    )


def _uuid_or_none(value):
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def _refuse(request):
    return forbidden(
        request,
        _("Din roll i enheten tillåter inte att ändra uppföljningar."),
        hint=ASK_UNIT_MANAGER,
    )


@require_http_methods(["GET", "POST"])
def followup_schedule_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    note_read(request, [recipient.pk])
    if not has_role_in_unit(request.user, recipient.unit_id, CARE_ROLES):
        return _refuse(request)
    goals = schedulable_goals(user=request.user, recipient=recipient)
    interventions = schedulable_interventions(user=request.user, recipient=recipient)
    form = FollowUpScheduleForm(
        request.POST or None,
        goals=goals,
        interventions=interventions,
        responsibles=possible_responsibles(recipient=recipient),
        initial={
            "goal": _uuid_or_none(request.GET.get("goal")),
            "intervention": _uuid_or_none(request.GET.get("intervention")),
            "responsible": request.user.pk,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: followup_schedule(actor=request.user, **form.cleaned_data),
            hint=ASK_UNIT_MANAGER,
        )
        if done.response:
            return done.response
        if done.ok:
            messages.success(request, _("Uppföljningen är planerad."))
            return redirect(recipient_page_url(recipient.pk, "follow_ups"))
    context = {
        "recipient": recipient,
        "form": form,
        "errors": error_summary(form),
        "has_subjects": goals.exists() or interventions.exists(),
    }
    return render(request, "followups/schedule.html", context)


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


def _complete(request, followup, form):
    data = form.cleaned_data
    return followup_complete(
        actor=request.user,
        followup=followup,
        expected_version=data["version"],
        own_words=data["own_words"],
        performance=data["performance"],
        still_matters=data["still_matters"],
        decision=data["decision"],
        goal_outcome=data.get("goal_outcome", ""),
        notes=data["notes"],
        # "End" plans nothing more; the prefilled responsible is then not a choice made.
        next_due_date=data["next_due_date"],
        next_responsible=None if form.ends else data["next_responsible"],
    )


def _tell_what_happened(request, followup, done, *, ended: bool) -> None:
    if done.next_follow_up is not None:
        messages.success(
            request,
            _("Uppföljningen är sparad. Nästa uppföljning senast %(date)s.")
            % {"date": done.next_follow_up.due_date.isoformat()},
        )
    else:
        messages.success(request, _("Uppföljningen är sparad."))
    running = followup.intervention is not None and is_running(followup.intervention)
    may_end = has_role_in_unit(request.user, followup.recipient.unit_id, INTERVENTION_DECIDERS)
    if ended and running and not may_end:
        messages.warning(
            request,
            _(
                "Beslutet att avsluta är sparat. Insatsen pågår tills en biståndshandläggare, "
                "legitimerad personal eller enhetschef avslutar den."
            ),
        )


@require_http_methods(["GET", "POST"])
def followup_complete_view(request, pk):
    followup = followup_get_for_page(user=request.user, pk=pk)
    recipient = followup.recipient
    note_read(request, [recipient.pk])
    if not has_role_in_unit(request.user, recipient.unit_id, CARE_ROLES):
        return _refuse(request)
    context = {
        "recipient": recipient,
        "followup": followup,
        "answers": served_answers(followup),
        "previous": getattr(followup, "previous_follow_up", None),
        "today": timezone.localdate(),
        "next": _safe_next(request),
    }
    if followup.status != FollowUpStatus.SCHEDULED:
        return render(request, "followups/complete.html", context)
    form = FollowUpCompleteForm(
        request.POST or None,
        has_goal=followup.goal_id is not None,
        responsibles=possible_responsibles(recipient=recipient),
        initial={"next_responsible": followup.responsible_id, "version": followup.version},
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request, form, lambda: _complete(request, followup, form), hint=ASK_UNIT_MANAGER
        )
        if done.response:
            return done.response
        if done.ok:
            _tell_what_happened(request, followup, done.value, ended=form.ends)
            return redirect(context["next"] or recipient_page_url(recipient.pk, "follow_ups"))
    context |= {"form": form, "errors": error_summary(form)}
    return render(request, "followups/complete.html", context)
