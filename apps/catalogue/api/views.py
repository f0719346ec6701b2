from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets

from apps.api.filters import list_filters
from apps.api.pagination import CursorPagination
from apps.api.schema import ERRORS, operation
from apps.api.viewsets import ReadOnlyScopedViewSet
from apps.catalogue.api.serializers import LifeAreaSerializer, TechnologySerializer
from apps.catalogue.filters import TechnologyFilterSet
from apps.catalogue.models import LifeArea
from apps.catalogue.selectors import life_area_list, technology_list


@extend_schema_view(
    list=operation(
        "List the welfare-technology catalogue",
        "The technologies an intervention may use, with the life areas each serves, whether "
        "it requires consent or monitors (then cohabiting relatives must consent too), its "
        "legal basis and the visit time it replaces. The same for every signed-in caller; "
        "not personal data. Filter by category, life area, consent and whether in use.",
        "Cursor-paginated: follow `next`/`previous`; `page_size` up to 200.",
        ERRORS,
    ),
    retrieve=operation(
        "Read one technology",
        "404 when there is no such technology.",
    ),
)
class TechnologyViewSet(ReadOnlyScopedViewSet):
    """The welfare-technology catalogue (not personal data: the same for every user)."""

    output_serializer_class = TechnologySerializer
    audit_recipient = None  # the catalogue is not about anyone
    filterset_class = TechnologyFilterSet
    ordering_fields = ("name_sv", "created_at", "updated_at")

    def get_queryset(self):
        with list_filters(self) as filters:
            return technology_list(active_only=False, filters=filters)


class LifeAreaPagination(CursorPagination):
    ordering = ("sort_order", "code")


@extend_schema_view(
    list=operation(
        "List the life areas",
        "The life areas that answers, goals and technologies refer to by `code` (IBIC's and "
        "the product's own), with Swedish and English labels, in the order they are presented. "
        "The same for every signed-in caller.",
        "Cursor-paginated like every list: follow `next`/`previous`; `page_size` up to 200.",
        ERRORS,
    ),
    retrieve=operation("Read one life area", "By its `code`; 404 when there is no such code."),
)
class LifeAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The life areas (IBIC and the project's own), as data with Swedish and English labels."""

    serializer_class = LifeAreaSerializer
    pagination_class = LifeAreaPagination
    filter_backends = []
    lookup_field = "code"
    queryset = LifeArea.objects.none()

    def get_queryset(self):
        return life_area_list()
