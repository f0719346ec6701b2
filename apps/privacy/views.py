"""The change history of a care recipient's records, and the register extract (GDPR art. 15).

Every page fetches the person through `recipient_get` (visible_to: 404 when out of scope).
The extract is for administrators of the person's unit; producing it (the printable page or
the JSON download) writes an access-log row with channel "export" — the durable record of
every extract produced, kept as long as the access log (five years).
"""

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from apps.audit.choices import Channel
from apps.audit.recorder import note_read
from apps.core.web import ASK_UNIT_MANAGER, refusals_forbidden
from apps.privacy.extract import EXTRACT_WHAT, build_extract, require_extract_permission
from apps.privacy.selectors import recipient_history
from apps.recipients.selectors import recipient_get

PAGE_SIZE = 25


@require_safe
def recipient_history_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    history = recipient_history(user=request.user, recipient=recipient)
    page = Paginator(history.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    note_read(request, [recipient.pk])
    context = {
        "recipient": recipient,
        "page": page,
        "entries": history.describe(page.object_list),
        "total": len(history.rows),
    }
    return render(request, "privacy/history.html", context)


@require_safe
@never_cache
@refusals_forbidden(hint=ASK_UNIT_MANAGER)
def extract_view(request, recipient_pk):
    """What an extract holds, with the buttons that produce it."""
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    require_extract_permission(request.user, recipient)
    note_read(request, [recipient.pk])
    return render(request, "privacy/extract.html", {"recipient": recipient})


def _produce(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    extract = build_extract(user=request.user, recipient=recipient)
    note_read(request, [recipient.pk], what=EXTRACT_WHAT, channel=Channel.EXPORT)
    return extract


@require_safe
@never_cache
@refusals_forbidden(hint=ASK_UNIT_MANAGER)
def extract_print_view(request, recipient_pk):
    extract = _produce(request, recipient_pk)
    response = render(request, "privacy/extract_print.html", {"extract": extract})
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@refusals_forbidden(hint=ASK_UNIT_MANAGER)
def extract_json_view(request, recipient_pk):
    extract = _produce(request, recipient_pk)
    body = json.dumps(extract.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    # No name and no personal identity number in the file name: it ends up in download lists.
    stamp = timezone.localtime(extract.produced_at).strftime("%Y%m%d-%H%M")
    filename = f"registerutdrag-{extract.recipient.pk}-{stamp}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
