from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from apps.api.viewsets import ScopedViewSet
from apps.recipients.api.serializers import (
    RecipientSearchSerializer,
    RecipientSerializer,
    RecipientWriteSerializer,
)
from apps.recipients.filters import RecipientFilterSet
from apps.recipients.models import CareRecipient
from apps.recipients.services import recipient_create, recipient_update


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
    queryset = CareRecipient.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        return (
            CareRecipient.objects.visible_to(self.request.user)
            .select_related("unit")
            .prefetch_related("contacts")
        )

    def perform_create_with_service(self, data):
        return recipient_create(actor=self.request.user, **data)

    def perform_update_with_service(self, instance, data, expected_version):
        return recipient_update(
            actor=self.request.user, recipient=instance, expected_version=expected_version, **data
        )

    @extend_schema(request=RecipientSearchSerializer, responses=RecipientSerializer(many=True))
    @action(detail=False, methods=["post"])
    def search(self, request):
        serializer = RecipientSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        queryset = self.get_queryset().search(serializer.validated_data["personal_number"])
        page = self.paginate_queryset(queryset)
        data = RecipientSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
