from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from apps.audit.recorder import note_read, note_search
from apps.core.web import ASK_UNIT_MANAGER, forbidden, run_service
from apps.organisations.permissions import (
    CARE_ROLES,
    INTERVENTION_DECIDERS,
    RECIPIENT_EDITORS,
    can_edit_recipients_in,
    roles_in_unit,
)
from apps.recipients.forms import RecipientFilterForm, RecipientForm
from apps.recipients.selectors import (
    FOLLOWUP_HISTORY_SHOWN,
    recipient_get,
    recipient_list_with_followups,
    recipient_overview,
    units_for_new_recipients,
)
from apps.recipients.services import recipient_create, recipient_update

PAGE_SIZE = 25


def page_permissions(user, unit) -> dict[str, bool]:
    """What the user's roles in the unit let them do on the pages (one query). The services
    check again; this only decides which buttons to show."""
    superuser = bool(user.is_superuser and user.is_active)
    held = roles_in_unit(user, unit)

    def may(roles) -> bool:
        return superuser or bool(held & {str(role) for role in roles})

    return {
        "edit": may(RECIPIENT_EDITORS),
        "care": may(CARE_ROLES),
        "decide": may(INTERVENTION_DECIDERS),
    }


@require_http_methods(["GET", "POST"])
def recipient_list_view(request):
    # Searches go by POST so that names and personal identity numbers never end up in URLs,
    # browser history or server logs; unit, status and page also work as GET parameters. A
    # search term in the address (a hand-made link) is not run and not echoed back.
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET.copy()
        data.pop("q", None)
    form = RecipientFilterForm(data or None, user=request.user)
    search = form.search()
    qs = recipient_list_with_followups(
        user=request.user, today=timezone.localdate(), filters=form.filters(), search=search
    )
    page = Paginator(qs, PAGE_SIZE).get_page(data.get("page"))
    if search:
        note_search(request, (r.pk for r in page.object_list))  # logged even if empty
    else:
        note_read(request, (r.pk for r in page.object_list))
    context = {
        "form": form,
        "page": page,
        "searching": bool(search),
        "can_create": units_for_new_recipients(user=request.user).exists(),
    }
    template = "recipients/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_safe
def recipient_detail_view(request, pk):
    """The hub: what matters to the person first, then everything that serves it."""
    recipient = recipient_get(user=request.user, pk=pk)
    note_read(request, [recipient.pk])
    return render(
        request,
        "recipients/detail.html",
        {
            "recipient": recipient,
            "overview": recipient_overview(user=request.user, recipient=recipient),
            "may": page_permissions(request.user, recipient.unit_id),
            "today": timezone.localdate(),
            "history_shown": FOLLOWUP_HISTORY_SHOWN,
        },
    )


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
    if not can_edit_recipients_in(request.user, recipient.unit):
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
