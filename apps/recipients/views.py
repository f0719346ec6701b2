from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.core.exceptions import PermissionDeniedError
from apps.organisations.permissions import can_edit_recipients_in
from apps.recipients.forms import RecipientFilterForm, RecipientForm
from apps.recipients.selectors import recipient_get, recipient_list
from apps.recipients.services import recipient_create, recipient_update

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
def recipient_list_view(request):
    # Searches go by POST so that names and personal identity numbers never end up in URLs,
    # browser history or server logs; unit, status and page also work as GET parameters.
    data = request.POST if request.method == "POST" else request.GET
    form = RecipientFilterForm(data or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = recipient_list(
        user=request.user,
        q=filters.get("q", ""),
        unit=filters.get("unit"),
        status=filters.get("status", ""),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(data.get("page"))
    context = {"form": form, "page": page, "searching": bool(filters.get("q"))}
    template = "recipients/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def recipient_detail_view(request, pk):
    recipient = recipient_get(user=request.user, pk=pk)
    contacts = recipient.contacts.all()
    return render(
        request,
        "recipients/detail.html",
        {
            "recipient": recipient,
            "contacts": contacts,
            "can_edit": can_edit_recipients_in(request.user, recipient.unit),
        },
    )


def _apply_form(request, form, save):
    if form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDeniedError as exc:
            form.add_error(None, exc.message)
    return None


@require_http_methods(["GET", "POST"])
def recipient_create_view(request):
    form = RecipientForm(request.POST or None, user=request.user)
    if request.method == "POST":
        recipient = _apply_form(
            request, form, lambda data: recipient_create(actor=request.user, **data)
        )
        if recipient:
            messages.success(request, _("Omsorgstagaren har lagts till."))
            return redirect("recipients:detail", pk=recipient.pk)
    return render(request, "recipients/form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def recipient_update_view(request, pk):
    recipient = recipient_get(user=request.user, pk=pk)
    if not can_edit_recipients_in(request.user, recipient.unit):
        return HttpResponseForbidden(_("Du får inte ändra uppgifterna för den här omsorgstagaren."))
    form = RecipientForm(request.POST or None, instance=recipient, user=request.user)
    if request.method == "POST":
        # The ModelForm has already copied the posted values onto the instance; the service
        # re-validates and saves them under its own rules.
        saved = _apply_form(
            request,
            form,
            lambda data: recipient_update(actor=request.user, recipient=recipient, **data),
        )
        if saved:
            messages.success(request, _("Uppgifterna har sparats."))
            return redirect("recipients:detail", pk=saved.pk)
    return render(request, "recipients/form.html", {"form": form, "recipient": recipient})
