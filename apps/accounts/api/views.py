from drf_spectacular.utils import extend_schema_view

from apps.accounts.api.serializers import ColleagueSerializer
from apps.accounts.filters import ColleagueFilterSet
from apps.accounts.selectors import colleague_list
from apps.api.filters import StrictDjangoFilterBackend
from apps.api.pagination import SignedCursorPagination
from apps.api.schema import ERRORS, operation
from apps.api.viewsets import ReadOnlyScopedViewSet
from apps.organisations.api.views import NOT_FOUND, PAGED

COLLEAGUE_SCOPE = (
    "Active users who hold a membership in one of the caller's units (with a token limited "
    "to some units, only those), integrations included (`is_integration`), with their role "
    "in each of those units — never their roles elsewhere or e-mail. `id` is "
    "what a follow-up's `responsible` takes; whether someone may be responsible for a "
    "particular person is checked when the follow-up is scheduled. Not a read of anyone's "
    "care records: not recorded in the access log."
)


class ColleaguePagination(SignedCursorPagination):
    ordering = ("last_name", "first_name", "id")


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
    selector = staticmethod(colleague_list)
