"""Registering and changing a care recipient. The list and the person's page read across
the apps above this one and live in apps/people (the same "recipients" URL namespace)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.audit.recorder import note_read
from apps.core.web import ASK_UNIT_MANAGER, forbidden, run_service
from apps.organisations.permissions import can_edit_recipient
from apps.recipients.forms import RecipientForm
from apps.recipients.selectors import recipient_get, units_for_new_recipients
from apps.recipients.services import recipient_create, recipient_update


def _apply_form(request, form, save, done_message):
    """The redirect to the person's page once saved, the refusal page, or None (the form
    shows its errors)."""
    if not form.is_valid():
        return None
    done = run_service(request, form, lambda: save(form.cleaned_data), hint=ASK_UNIT_MANAGER)
    if done.ok:
        messages.success(request, done_message)
        return redirect("recipients:detail", pk=done.value.pk)
    return done.response


@require_http_methods(["GET", "POST"])
def recipient_create_view(request):
    if not units_for_new_recipients(user=request.user).exists():
        return forbidden(
            request,
            _("Din roll tillåter inte att lägga till omsorgstagare."),
            hint=ASK_UNIT_MANAGER,
        )
    form = RecipientForm(request.POST or None, user=request.user)
    if request.method == "POST":
        answer = _apply_form(
            request,
            form,
            lambda data: recipient_create(actor=request.user, **data),
            _("Omsorgstagaren har lagts till."),
        )
        if answer:
            return answer
    return render(request, "recipients/form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def recipient_update_view(request, pk):
    recipient = recipient_get(user=request.user, pk=pk)
    note_read(request, [recipient.pk])
    if not can_edit_recipient(request.user, recipient):
        return forbidden(
            request,
            _("Du får inte ändra uppgifterna för den här omsorgstagaren."),
            hint=ASK_UNIT_MANAGER,
        )
    form = RecipientForm(request.POST or None, instance=recipient, user=request.user)
    if request.method == "POST":
        # The ModelForm has already copied the posted values onto the instance; the service
        # re-validates and saves them under its own rules.
        answer = _apply_form(
            request,
            form,
            lambda data: recipient_update(actor=request.user, recipient=recipient, **data),
            _("Uppgifterna har sparats."),
        )
        if answer:
            return answer
    return render(request, "recipients/form.html", {"form": form, "recipient": recipient})
