import uuid

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from apps.audit.recorder import note_denied, note_read
from apps.privacy.api.pagination import HistoryCursorPagination
from apps.privacy.api.serializers import HistoryEntrySerializer
from apps.privacy.kinds import KINDS
from apps.privacy.selectors import recipient_history
from apps.recipients.models import CareRecipient

RECIPIENT_PARAMETER = OpenApiParameter(
    "recipient_pk",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="The care recipient's id.",
)


@extend_schema_view(
    list=extend_schema(
        summary="Read the change history of a care recipient's records",
        description=(
            "Every change to the person's records (registration data, contacts, conversations, "
            "answers, goals, interventions and their links, consents, assessments, follow-ups, "
            "care plans and versions; grants of access to a protected identity only for those "
            "who may grant them), newest first: when, who, from which request, which record, "
            "and each changed field before and after. Record kinds: "
            + ", ".join(kind.key for kind in KINDS)
            + ". Cursor-paginated like every list: follow `next`/`previous` (opaque links that "
            "keep their place when new changes are recorded); `page_size` up to 200. A read of "
            "the person's records: recorded in the access log. 404 when the person does not "
            "exist or is outside the caller's scope: the two are not told apart."
        ),
        parameters=[RECIPIENT_PARAMETER],
    )
)
class RecipientHistoryViewSet(viewsets.GenericViewSet):
    """GET /api/v1/recipients/{recipient_pk}/history/ — a read of the person's records, so it
    is access-logged; out of scope (or no such person) is 404."""

    serializer_class = HistoryEntrySerializer
    pagination_class = HistoryCursorPagination
    filter_backends: list = []
    http_method_names = ["get", "head", "options"]
    queryset = CareRecipient.objects.none()  # for the schema; requests use get_recipient()

    def get_recipient(self) -> CareRecipient:
        raw = self.kwargs.get("recipient_pk")
        try:
            recipient_id = uuid.UUID(str(raw))
        except ValueError:
            note_denied(self.request)
            raise Http404 from None
        recipient = (
            CareRecipient.objects.visible_to(self.request.user)
            .select_related("unit")
            .filter(pk=recipient_id)
            .first()
        )
        if recipient is None:
            note_denied(self.request, recipient_id)
            raise Http404
        return recipient

    def list(self, request, *args, **kwargs):
        recipient = self.get_recipient()
        history = recipient_history(user=request.user, recipient=recipient)
        rows = self.paginator.paginate_list(history.rows, request)
        note_read(request, [recipient.pk])
        data = self.get_serializer(history.describe(rows), many=True).data
        return self.get_paginated_response(data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.setdefault("Cache-Control", "no-store")
        return response
