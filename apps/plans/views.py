"""The care plan pages: the person's plan, one version (with the review), the review queue
and the printable plan. Every rule lives in the services; these views fetch through the
selectors (404 out of scope), call a service and redirect, or show its refusal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from apps.audit.recorder import note_read
from apps.core.exceptions import ConflictError, VersionMismatch
from apps.core.web import STALE, forbidden, refusal_message, refusals_forbidden, run_service
from apps.organisations.permissions import abilities
from apps.plans import lifecycle
from apps.plans.choices import OPEN_STATUSES, PlanVersionStatus
from apps.plans.forms import ApproveForm, ReturnForm, SummaryForm
from apps.plans.pdf import pdf_available, pdf_filename, render_plan_pdf
from apps.plans.presentation import present_content, present_diff
from apps.plans.printed import present_for_person
from apps.plans.selectors import (
    approved_summary,
    content_fingerprint,
    latest_approved_version,
    plan_diff_since_last_approved,
    plan_preview,
    plan_version_get,
    plan_versions_for,
    plans_to_review,
    reviews_plans,
    technologies_needing_consent,
    version_in_force,
)
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_return,
    plan_version_submit,
    plan_version_update,
)
from apps.recipients.selectors import recipient_get

PAGE_SIZE = 25


class _Actor:
    """What the signed-in user may do with the plans of one unit (one query)."""

    def __init__(self, user, unit_id):
        self.user = user
        self.abilities = abilities(user, unit_id)
        self.roles = self.abilities.roles
        self.is_superuser = self.abilities.is_superuser

    def actions(self, version) -> list[str]:
        return lifecycle.allowed_actions(version, self.user, roles=(self.roles, self.is_superuser))

    @property
    def may_start(self) -> bool:
        return self.abilities.can_start_plan


def _to_recipient_page(recipient):
    return redirect("plans:recipient", recipient_pk=recipient.pk)


# --- The person's plan -------------------------------------------------------------------


def _recipient_context(request, recipient, *, summary_form=None) -> dict:
    versions = list(plan_versions_for(user=request.user, recipient=recipient))
    current = next((v for v in versions if v.status in OPEN_STATUSES), None)
    in_force = version_in_force(versions)
    shown = current or in_force
    actor = _Actor(request.user, recipient.unit_id)
    actions = actor.actions(current)
    if current is not None and lifecycle.UPDATE in actions and summary_form is None:
        summary_form = SummaryForm(
            initial={"summary": current.summary, "row_version": current.version}
        )
    note_read(request, [recipient.pk])
    return {
        "recipient": recipient,
        "versions": versions,
        "current": current,
        "in_force": in_force,
        "shown": shown,
        "plan": present_content(plan_preview(shown)) if shown else None,
        "actions": actions,
        "can_start": current is None and actor.may_start,
        "summary_form": summary_form,
    }


@require_safe
def plan_recipient_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    return render(request, "plans/recipient.html", _recipient_context(request, recipient))


def _render_recipient_page(request, recipient, form):
    context = _recipient_context(request, recipient, summary_form=form)
    template = "plans/recipient.html#summary" if request.htmx else "plans/recipient.html"
    return render(request, template, context)


@require_POST
@refusals_forbidden
def plan_start_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    try:
        plan_start_draft(actor=request.user, recipient=recipient)
    except ConflictError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("En ny version av planen har påbörjats."))
    return _to_recipient_page(recipient)


def _keep_text_on_stale(request, form_class, version, **kwargs):
    """The row changed under the user: keep what they typed, point the form at the current
    row version, and say so next to the form."""
    data = request.POST.copy()
    data[form_class(**kwargs).add_prefix("row_version")] = version.version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, ValidationError(STALE, code="version_mismatch"))
    return form


@require_POST
@refusals_forbidden
def plan_summary_view(request, pk):
    version = plan_version_get(user=request.user, pk=pk)
    recipient = version.plan.recipient
    form = SummaryForm(request.POST)
    if form.is_valid():
        done = run_service(
            request,
            form,
            lambda: plan_version_update(
                actor=request.user,
                version=version,
                expected_version=form.cleaned_data["row_version"],
                summary=form.cleaned_data["summary"],
            ),
            refusal_on_form=False,
        )
        if done.response:
            return done.response
        if isinstance(done.refused, VersionMismatch):
            version.refresh_from_db(fields=["version"])
            form = _keep_text_on_stale(request, SummaryForm, version)
        elif done.refused:
            messages.error(request, done.refused.message)
            return _to_recipient_page(recipient)
        elif done.ok:
            if request.htmx:
                context = _recipient_context(request, recipient)
                return render(
                    request, "plans/recipient.html#summary", {**context, "summary_saved": True}
                )
            messages.success(request, _("Texten har sparats."))
            return _to_recipient_page(recipient)
    return _render_recipient_page(request, recipient, form)


@require_POST
@refusals_forbidden
def plan_submit_view(request, pk):
    """Submit, saving the summary first when the form sent a changed one ("Spara och skicka
    in"), both or neither."""
    version = plan_version_get(user=request.user, pk=pk)
    recipient = version.plan.recipient
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return _render_recipient_page(request, recipient, form)

    @transaction.atomic
    def save():
        current, expected = version, form.cleaned_data["row_version"]
        summary = form.cleaned_data["summary"]
        if "summary" in request.POST and summary != current.summary:
            current = plan_version_update(
                actor=request.user, version=current, expected_version=expected, summary=summary
            )
            expected = current.version
        plan_version_submit(actor=request.user, version=current, expected_version=expected)

    done = run_service(request, form, save, refusal_on_form=False)
    if done.response:
        return done.response
    if isinstance(done.refused, VersionMismatch):
        version.refresh_from_db(fields=["version"])
        form = _keep_text_on_stale(request, SummaryForm, version)
    elif done.refused:
        messages.error(request, done.refused.message)
        return _to_recipient_page(recipient)
    if not done.ok:
        return _render_recipient_page(request, recipient, form)
    messages.success(request, _("Planen har skickats in för granskning."))
    return _to_recipient_page(recipient)


# --- One version and its review ----------------------------------------------------------


def _version_context(request, version, *, approve_form=None, return_form=None) -> dict:
    recipient = version.plan.recipient
    actions = _Actor(request.user, recipient.unit_id).actions(version)
    content = plan_preview(version)
    diff = summary_before = None
    if version.status in OPEN_STATUSES:
        raw = plan_diff_since_last_approved(version, content=content)
        diff = present_diff(raw, content)
        summary_before = approved_summary(raw["compared_with"])
    if lifecycle.APPROVE in actions and approve_form is None:
        approve_form = ApproveForm(
            prefix="approve",
            initial={"row_version": version.version, "content": content_fingerprint(content)},
        )
    if lifecycle.RETURN in actions and return_form is None:
        return_form = ReturnForm(prefix="return", initial={"row_version": version.version})
    note_read(request, [recipient.pk])
    return {
        "recipient": recipient,
        "version": version,
        "in_force": version_in_force([version]),
        "plan": present_content(content),
        "diff": diff,
        "summary_before": summary_before,
        "summary_changed": summary_before is not None and summary_before != version.summary,
        "actions": actions,
        "approve_form": approve_form if lifecycle.APPROVE in actions else None,
        "return_form": return_form if lifecycle.RETURN in actions else None,
    }


@require_safe
def plan_version_view(request, pk):
    version = plan_version_get(user=request.user, pk=pk)
    return render(request, "plans/version.html", _version_context(request, version))


def _decide(request, version, form, decide, done_message):
    """Approve or return through the service: the redirect to follow, or None when the form
    got an error to show."""
    done = run_service(
        request,
        form,
        lambda: decide(
            actor=request.user,
            version=version,
            expected_version=form.cleaned_data["row_version"],
            comment=form.cleaned_data["comment"],
        ),
        refusal_on_form=False,
    )
    if done.response or done.invalid:
        return done.response
    if done.refused:
        messages.error(request, refusal_message(done.refused))
        return redirect("plans:version", pk=version.pk)
    messages.success(request, done_message)
    if reviews_plans(request.user):
        return redirect("plans:review-list")
    return redirect("plans:version", pk=version.pk)


@require_POST
@refusals_forbidden
def plan_approve_view(request, pk):
    version = plan_version_get(user=request.user, pk=pk)
    form = ApproveForm(request.POST, prefix="approve")
    if form.is_valid():
        shown = form.cleaned_data["content"]
        current = content_fingerprint(plan_preview(version))
        if shown and shown != current and version.status == PlanVersionStatus.SUBMITTED:
            data = request.POST.copy()
            data[form.add_prefix("content")] = current
            form = ApproveForm(data, prefix="approve")
            form.is_valid()
            message = _(
                "Planens innehåll har ändrats medan du granskade den. Se ändringarna "
                "nedan och godkänn igen."
            )
            form.add_error(None, ValidationError(message, code="content_changed"))
        else:
            done = _decide(request, version, form, plan_version_approve, _("Planen är godkänd."))
            if done:
                return done
    context = _version_context(request, version, approve_form=form)
    return render(request, "plans/version.html", context)


@require_POST
@refusals_forbidden
def plan_return_view(request, pk):
    version = plan_version_get(user=request.user, pk=pk)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        done_message = _("Planen har återsänts med din kommentar.")
        done = _decide(request, version, form, plan_version_return, done_message)
        if done:
            return done
    context = _version_context(request, version, return_form=form)
    return render(request, "plans/version.html", context)


# --- The review queue --------------------------------------------------------------------


@require_safe
def plan_review_list_view(request):
    if not reviews_plans(request.user):
        return forbidden(request, _("Det är enhetschefer som granskar planer."))
    page = Paginator(plans_to_review(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    note_read(request, (v.plan.recipient_id for v in page.object_list))
    return render(request, "plans/review_list.html", {"page": page})


# --- The printable plan ------------------------------------------------------------------


def _approved_for_print(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    version = latest_approved_version(user=request.user, recipient=recipient)
    if version is not None:
        note_read(request, [recipient.pk])
    return recipient, version


def _person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _print_context(recipient, version) -> dict:
    snapshot = version.snapshot
    return {
        "recipient": recipient,
        "unit": recipient.unit,
        "version": version,
        "plan": present_content(snapshot),
        "person": present_for_person(
            snapshot,
            today=timezone.localdate(),
            author_name=_person_name(version.submitted_by or version.created_by),
            consent_codes=technologies_needing_consent(snapshot),
        ),
        "approved_by": version.reviewed_by,
        "pdf_available": pdf_available(),
    }


def _nothing_to_print(request, recipient):
    """A page that says so, with the way back; not a redirect with a message that would read
    like a success. 200: the address is right and will print once a version is approved."""
    return render(request, "plans/print_nothing.html", {"recipient": recipient})


@require_safe
@never_cache
def plan_print_view(request, recipient_pk):
    recipient, version = _approved_for_print(request, recipient_pk)
    if version is None:
        return _nothing_to_print(request, recipient)
    return render(request, "plans/print.html", _print_context(recipient, version))


@require_safe
@never_cache
def plan_print_pdf_view(request, recipient_pk):
    recipient, version = _approved_for_print(request, recipient_pk)
    if version is None:
        return _nothing_to_print(request, recipient)
    context = _print_context(recipient, version)
    if not context["pdf_available"]:
        messages.error(request, _("PDF kan inte skapas just nu. Skriv ut sidan i stället."))
        return redirect("plans:print", recipient_pk=recipient.pk)
    response = HttpResponse(render_plan_pdf(request, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(version)}"'
    return response
