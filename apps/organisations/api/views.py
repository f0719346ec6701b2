from drf_spectacular.utils import extend_schema_view

from apps.api.filters import StrictDjangoFilterBackend
from apps.api.pagination import SignedCursorPagination
from apps.api.schema import ERRORS, operation
from apps.api.viewsets import ReadOnlyScopedViewSet
from apps.organisations.api.serializers import UnitSerializer
from apps.organisations.filters import UnitFilterSet
from apps.organisations.selectors import unit_list

UNIT_SCOPE = (
    "The units the caller holds a membership in (with a token limited to some units, only "
    "those). Not a read of anyone's care records: not recorded in the access log."
)
PAGED = "Cursor-paginated: follow `next`/`previous`; `page_size` up to 200."
NOT_FOUND = (
    "404 when there is no such {what} or it is outside the caller's scope: the two are not "
    "told apart."
)


class UnitPagination(SignedCursorPagination):
    ordering = ("name", "id")


@extend_schema_view(
    list=operation(
        "List the caller's units",
        UNIT_SCOPE + " Ordered by name. Filter by kind and whether the unit is active.",
        PAGED,
        ERRORS,
    ),
    retrieve=operation("Read one of the caller's units", NOT_FOUND.format(what="unit")),
)
class UnitViewSet(ReadOnlyScopedViewSet):
    """The caller's units (enheter): read-only, not about any care recipient."""

    output_serializer_class = UnitSerializer
    audit_recipient = None
    filterset_class = UnitFilterSet
    filter_backends = [StrictDjangoFilterBackend]
    pagination_class = UnitPagination
    selector = staticmethod(unit_list)
