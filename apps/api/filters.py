import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter

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


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter, but a filter parameter that is present and empty (`?status=`), or a
    yes/no filter with another value than true/false, is a 400 rather than silently meaning
    "no filter": a client that sends it meant something."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            errors = {}
            for name, flt in filterset_class.base_filters.items():
                values = request.query_params.getlist(name)
                if any(value.strip() == "" for value in values):
                    errors[name] = [_("Tomt värde. Utelämna parametern om du inte vill filtrera.")]
                elif isinstance(flt, django_filters.BooleanFilter) and any(
                    value.lower() not in BOOLEAN_VALUES for value in values
                ):
                    errors[name] = [_("Ange true eller false.")]
            if errors:
                raise exceptions.ValidationError(errors)
        return super().filter_queryset(request, queryset, view)
