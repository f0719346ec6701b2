from drf_spectacular.utils import extend_schema_view

from apps.accounts.models import User
from apps.api.filters import StrictDjangoFilterBackend
from apps.api.pagination import SignedCursorPagination
from apps.api.schema import ERRORS, operation
from apps.api.viewsets import ReadOnlyScopedViewSet
from apps.organisations.api.serializers import ColleagueSerializer, UnitSerializer
from apps.organisations.filters import ColleagueFilterSet, UnitFilterSet
from apps.organisations.models import Unit
from apps.organisations.selectors import colleague_list, unit_list

UNIT_SCOPE = (
    "The units the caller holds a membership in (with a token limited to some units, only "
    "those). Not a read of anyone's care records: not recorded in the access log."
)
COLLEAGUE_SCOPE = (
    "Active users who hold a membership in one of the caller's units (with a token limited "
    "to some units, only those), integrations included (`is_integration`), with their role "
    "in each of those units — never their roles elsewhere or e-mail. `id` is "
    "what a follow-up's `responsible` takes; whether someone may be responsible for a "
    "particular person is checked when the follow-up is scheduled. Not a read of anyone's "
    "care records: not recorded in the access log."
)
PAGED = "Cursor-paginated: follow `next`/`previous`; `page_size` up to 200."
NOT_FOUND = (
    "404 when there is no such {what} or it is outside the caller's scope: the two are not "
    "told apart."
)


class UnitPagination(SignedCursorPagination):
    ordering = ("name", "id")


class ColleaguePagination(SignedCursorPagination):
    ordering = ("last_name", "first_name", "id")


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
    queryset = Unit.objects.none()

    selector = staticmethod(unit_list)


@extend_schema_view(
    list=operation(
        "List the staff of the caller's units",
        COLLEAGUE_SCOPE + " Ordered by family name, then given name.",
        "Filter by `unit` and `role` (together: that role in that unit) and search given "
        "and family names with `q` (every word must match).",
        PAGED,
        ERRORS,
    ),
    retrieve=operation(
        "Read one user of the caller's units",
        "Their name and roles in the caller's units. " + NOT_FOUND.format(what="user"),
    ),
)
class ColleagueViewSet(ReadOnlyScopedViewSet):
    """Staff of the caller's units: read-only, no personal details beyond a name."""

    output_serializer_class = ColleagueSerializer
    audit_recipient = None
    filterset_class = ColleagueFilterSet
    filter_backends = [StrictDjangoFilterBackend]
    pagination_class = ColleaguePagination
    queryset = User.objects.none()

    selector = staticmethod(colleague_list)
