from rest_framework import viewsets

from apps.api.viewsets import ReadOnlyScopedViewSet
from apps.catalogue.api.serializers import LifeAreaSerializer, TechnologySerializer
from apps.catalogue.filters import TechnologyFilterSet
from apps.catalogue.models import LifeArea, Technology
from apps.catalogue.selectors import life_area_list, technology_list


class TechnologyViewSet(ReadOnlyScopedViewSet):
    """The welfare-technology catalogue (not personal data: the same for every user)."""

    output_serializer_class = TechnologySerializer
    audit_recipient = None  # the catalogue is not about anyone
    filterset_class = TechnologyFilterSet
    ordering_fields = ("name_sv", "created_at", "updated_at")
    queryset = Technology.objects.none()

    def get_queryset(self):
        return technology_list(active_only=False)


class LifeAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The life areas (IBIC and the project's own), as data with Swedish and English labels."""

    serializer_class = LifeAreaSerializer
    pagination_class = None
    filter_backends = []
    lookup_field = "code"
    queryset = LifeArea.objects.none()

    def get_queryset(self):
        return life_area_list()
