"""Idempotency-Key on POST (IETF draft-ietf-httpapi-idempotency-key-header).

- same user + same key + same request → the stored response again, with
  `Idempotent-Replayed: true`; nothing is created twice;
- same key with another method, path or body → 422;
- only successful (2xx) responses are stored: a refused request leaves no trace, so the
  client may correct it and send it again with the same key;
- the replay is the stored response byte for byte (body, Content-Type, Location, ETag), not
  the data serialized again (PostgreSQL's jsonb would reorder the keys).
"""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from apps.api.errors import UnprocessableIdempotencyKey
from apps.api.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
RETENTION = timedelta(hours=24)
REPLAYED_HEADERS = ("Content-Type", "Location", "ETag")


def request_fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(request.path.encode())
    digest.update(json.dumps(request.data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def run_idempotently(view, request, handler, *args, **kwargs):
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return handler(request, *args, **kwargs)
    if len(key) > MAX_KEY_LENGTH:
        raise exceptions.ValidationError(
            {HEADER: [_("Högst %(max)d tecken.") % {"max": MAX_KEY_LENGTH}]}
        )
    fingerprint = request_fingerprint(request)

    with transaction.atomic():
        # A concurrent request with the same key blocks here on the unique index until the
        # first one commits, then reads its stored response.
        existing = _existing(request.user, key)
        if existing is None:
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        user=request.user,
                        key=key,
                        method=request.method,
                        path=request.path,
                        request_hash=fingerprint,
                        response_status=0,
                    )
            except IntegrityError:
                existing = _existing(request.user, key)
        if existing is not None:
            return _replay(existing, fingerprint)

        response = handler(request, *args, **kwargs)
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)  # free the key: nothing was created
            return response
        _render(view, request, response)
        record.response_status = response.status_code
        record.response_content = response.content
        record.response_headers = {
            h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)
        }
        record.save(update_fields=["response_status", "response_content", "response_headers"])
        return response


def _render(view, request, response) -> None:
    """Render the response now (as DRF would after the view), so that its bytes are stored."""
    if isinstance(response, Response) and not response.is_rendered:
        response.accepted_renderer = request.accepted_renderer
        response.accepted_media_type = request.accepted_media_type
        response.renderer_context = view.get_renderer_context()
        response.render()


def _existing(user, key):
    record = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if record is not None and record.created_at < timezone.now() - RETENTION:
        record.delete()  # an expired key may be used again
        return None
    return record


def _replay(record: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if record.request_hash != fingerprint:
        raise UnprocessableIdempotencyKey()
    if record.response_content is None:  # stored before the bytes were kept
        response = Response(record.response_body, status=record.response_status)
    else:
        response = HttpResponse(bytes(record.response_content), status=record.response_status)
    for name, value in record.response_headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response
