from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action

from apps.api import schema
from apps.api.viewsets import ScopedViewSet
from apps.audit.recorder import note_search
from apps.recipients.api.serializers import (
    RecipientSearchSerializer,
    RecipientSerializer,
    RecipientWriteSerializer,
)
from apps.recipients.filters import RecipientFilterSet
from apps.recipients.selectors import recipient_list
from apps.recipients.services import recipient_create, recipient_update


@extend_schema_view(
    list=schema.list_operation(
        "List care recipients",
        "The people receiving care in the caller's units, with their contacts. Filter by "
        "unit and status; `updated_since` for incremental sync. To find someone by personal "
        "identity number, use POST /recipients/search/ (the number never goes in a URL).",
    ),
    retrieve=schema.read_operation("Read one care recipient", conditional=True),
    create=schema.create_operation(
        "Register a care recipient",
        "In one of the caller's units, with a valid Swedish personal identity or "
        "coordination number (stored as YYYYMMDD-NNNN; 400 says what is wrong with it).",
        roles=schema.ROLES_EDITORS,
    ),
    partial_update=schema.update_operation(
        "Change a care recipient's registration data",
        "Moving the person to another unit needs the same role in that unit (403 otherwise).",
        roles=schema.ROLES_EDITORS,
    ),
    search=schema.operation(
        "Find a care recipient by personal identity number",
        'Send `{"personal_number": "YYYYMMDD-NNNN"}`. Answers a page of matches among the '
        "people the caller may see: an empty `results` when there is none or the person is "
        "outside the caller's scope (the two are not told apart). A person found is recorded "
        "in the access log. Allowed with a read-only token.",
        schema.ERRORS,
        responses=RecipientSerializer(many=True),
    ),
)
class RecipientViewSet(ScopedViewSet):
    """Care recipients (omsorgstagare) in the caller's units. Search by personal identity
    number with POST /recipients/search/, so that the number never appears in a URL."""

    output_serializer_class = RecipientSerializer
    input_serializer_classes = {
        "create": RecipientWriteSerializer,
        "partial_update": RecipientWriteSerializer,
        "search": RecipientSearchSerializer,
    }
    filterset_class = RecipientFilterSet
    ordering_fields = ("created_at", "updated_at", "family_name")
    read_only_actions = ("search",)
    selector_filtered_actions = ("list", "search")
    audit_recipient = "pk"
    selector = staticmethod(recipient_list)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("contacts")

    def perform_create_with_service(self, data):
        return recipient_create(actor=self.request.user, **data)

    def perform_update_with_service(self, instance, data, expected_version):
        return recipient_update(
            actor=self.request.user, recipient=instance, expected_version=expected_version, **data
        )

    @action(detail=False, methods=["post"])
    def search(self, request):
        serializer = RecipientSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        queryset = self.filter_queryset(self.get_queryset()).search(
            serializer.validated_data["personal_number"]
        )
        page = self.paginate_queryset(queryset)
        note_search(request, (recipient.pk for recipient in page))  # logged even if empty
        data = RecipientSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
