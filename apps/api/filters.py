from contextlib import contextmanager

import django_filters
from django.utils.translation import gettext as _
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter

from apps.core.filters import InvalidFilters

BOOLEAN_VALUES = {"true", "false"}


class StrictOrderingFilter(OrderingFilter):
    """Like DRF's, but an unknown ordering field is a 400 that names the allowed ones,
    instead of being silently ignored."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is not None and not params.strip():
            raise exceptions.ValidationError(
                {self.ordering_param: [_("Tomt värde. Utelämna parametern för standardsortering.")]}
            )
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            allowed = {
                name for name, _label in self.get_valid_fields(queryset, view, {"request": request})
            }
            unknown = [f for f in fields if f.lstrip("-") not in allowed]
            if unknown:
                names = ", ".join(sorted(allowed)) or "—"
                message = _("Okänd sortering: %(unknown)s. Tillåtna: %(allowed)s.") % {
                    "unknown": ", ".join(unknown),
                    "allowed": names,
                }
                raise exceptions.ValidationError({self.ordering_param: [message]})
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = [
            name for name in getattr(view, "ordering_fields", None) or () if name != "__all__"
        ]
        if fields:
            one = "-?(" + "|".join(fields) + ")"
            for parameter in parameters:
                if parameter["name"] == self.ordering_param:
                    parameter["schema"]["pattern"] = f"^{one}(,{one})*$"
                    parameter["description"] = _(
                        "Sortera efter: %(fields)s (minus före för fallande)."
                    ) % {"fields": ", ".join(fields)}
        return parameters


def check_filter_params(params, filterset_class) -> None:
    """A filter parameter that is present and empty (`?status=`), or a yes/no filter with
    another value than true/false, is a 400 rather than silently meaning "no filter": a client
    that sends it meant something. (The FilterSet itself validates the rest.)"""
    if filterset_class is None:
        return
    errors = {}
    for name, flt in filterset_class.base_filters.items():
        values = params.getlist(name)
        if any(value.strip() == "" for value in values):
            errors[name] = [_("Tomt värde. Utelämna parametern om du inte vill filtrera.")]
        elif isinstance(flt, django_filters.BooleanFilter) and any(
            value.lower() not in BOOLEAN_VALUES for value in values
        ):
            errors[name] = [_("Ange true eller false.")]
    if errors:
        raise exceptions.ValidationError(errors)


@contextmanager
def list_filters(view):
    """The request's filter parameters, for a list's selector, which applies the view's
    FilterSet after scoping (as it does for the pages). Invalid ones are the 400 that
    django-filter's backend gives. None for the actions that are not the view's
    `selector_filtered_actions` (create, a detail: the backend filters a detail).

        def get_queryset(self):
            with list_filters(self) as filters:
                return recipient_list(user=self.request.user, filters=filters)
    """
    if getattr(view, "action", None) not in getattr(view, "selector_filtered_actions", ()):
        yield None
        return
    params = view.request.query_params
    check_filter_params(params, getattr(view, "filterset_class", None))
    try:
        yield params
    except InvalidFilters as exc:
        raise utils.translate_validation(exc.errors) from exc


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter's backend, with `check_filter_params`. It documents every list's filters
    (the OpenAPI parameters come from the view's `filterset_class`); a list's selector applies
    them (`list_filters`), so for the view's `selector_filtered_actions` this backend filters
    nothing. Other actions (a detail) are filtered here, as django-filter always did."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) in getattr(view, "selector_filtered_actions", ()):
            return queryset
        check_filter_params(request.query_params, self.get_filterset_class(view, queryset))
        return super().filter_queryset(request, queryset, view)
