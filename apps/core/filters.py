"""The base FilterSets: the filters every list shares, declared once, and the one way a
selector applies an app's FilterSet (NetBox's ChangeLoggedModelFilterSet is the pattern).

A selector scopes first (`visible_to`), then filters: `SomeFilterSet.apply(queryset, filters,
user=user)`. Pages and the API call the same selector, so the same parameters find the same
rows; only the form in front differs (the API takes the query string, a page its own form).
Every filter here is backed by an index (`updated_at` on every tracked model, the foreign keys
to the recipient and the unit).
"""

import copy
from types import SimpleNamespace

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.dates import updated_since_filter


class InvalidFilters(Exception):
    """Filter parameters that do not validate; `errors` is the FilterSet form's ErrorDict (the
    API answers it as a 400 naming each field, as django-filter's backend does)."""

    def __init__(self, errors):
        super().__init__("invalid filters")
        self.errors = errors


class BaseFilterSet(django_filters.FilterSet):
    """Every app's FilterSet derives from this one."""

    @classmethod
    def apply(cls, queryset, filters=None, *, user=None):
        """`queryset` (already scoped) narrowed by `filters` (a dict or QueryDict; parameters
        that are not filters are ignored; None: no filtering). Invalid values raise
        InvalidFilters."""
        if filters is None:
            return queryset
        # Filters that depend on who asks (`responsible=me`, a colleague's units) read
        # `self.request.user`, as they do under django-filter's own backend.
        filterset = cls(filters, queryset=queryset, request=SimpleNamespace(user=user))
        if not filterset.is_valid():
            raise InvalidFilters(filterset.errors)
        return filterset.qs


class ChangeLoggedFilterSet(BaseFilterSet):
    """For every model with `updated_at`: `updated_since`, for incremental sync."""

    updated_since = updated_since_filter()


# Declared once, shared by every subclass; `RecipientOwnedFilterSet.get_filters` gives each
# subclass a copy pointed at its model's path.
_RECIPIENT = django_filters.UUIDFilter(label=_("Omsorgstagare (id)"))
_UNIT = django_filters.UUIDFilter(label=_("Enhet (id)"))


class RecipientOwnedFilterSet(ChangeLoggedFilterSet):
    """For every record that belongs to one care recipient: `recipient` and the recipient's
    `unit`. `recipient_path` is the path from the model to its recipient ("" for the
    recipient itself). A subclass leaves one out by setting it to None."""

    recipient_path = "recipient"

    recipient = _RECIPIENT
    unit = _UNIT

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        path = cls.recipient_path
        field_names = {
            "recipient": (_RECIPIENT, f"{path}_id"),
            "unit": (_UNIT, f"{path}__unit_id" if path else "unit_id"),
        }
        for name, (shared, field_name) in field_names.items():
            if filters.get(name) is shared:
                filters[name] = copy.deepcopy(shared)
                filters[name].field_name = field_name
        return filters


def range_filters(filter_class, field_name: str, *, after, before, inclusive: bool = False):
    """The `<x>_after` and `<x>_before` filters over one column, as a pair: from `after`
    (included) to `before` (excluded, a half-open range; `inclusive`: included, for a "no
    later than" date).

        held_after, held_before = range_filters(BoundedIsoDateTimeFilter, "held_at", ...)
    """
    return (
        filter_class(field_name=field_name, lookup_expr="gte", label=after),
        filter_class(field_name=field_name, lookup_expr="lte" if inclusive else "lt", label=before),
    )


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """One or more of a column's choices (`?status=a&status=b`). Without django-filter's
    DISTINCT: the column is the row's own, so no row can match twice."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)
