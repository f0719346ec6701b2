"""The person's pages: the recipient list (with each person's follow-ups) and the person's
page, the hub. Both read across the apps below, so they live above them; the recipients
app keeps its own pages (registering and changing a person)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from apps.audit.recorder import note_read, note_search
from apps.organisations.permissions import abilities
from apps.people.selectors import (
    FOLLOWUP_HISTORY_SHOWN,
    person_overview,
    recipient_list_with_followups,
)
from apps.recipients.forms import RecipientFilterForm
from apps.recipients.selectors import recipient_get, units_for_new_recipients

PAGE_SIZE = 25


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
            "overview": person_overview(user=request.user, recipient=recipient),
            "abilities": abilities(request.user, recipient),
            "today": timezone.localdate(),
            "history_shown": FOLLOWUP_HISTORY_SHOWN,
        },
    )
