from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """Like DRF's, but an unknown ordering field is a 400 that names the allowed ones,
    instead of being silently ignored."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            allowed = {
                name for name, _label in self.get_valid_fields(queryset, view, {"request": request})
            }
            unknown = [f for f in fields if f.lstrip("-") not in allowed]
            if unknown:
                names = ", ".join(sorted(allowed)) or "—"
                message = f"Okänd sortering: {', '.join(unknown)}. Tillåtna: {names}."
                raise exceptions.ValidationError({self.ordering_param: [message]})
        return super().get_ordering(request, queryset, view)


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter, but a filter parameter that is present and empty (`?status=`) is a 400
    rather than silently meaning "no filter": a client that sends it meant something."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            names = set(filterset_class.base_filters)
            empty = sorted(
                name
                for name in request.query_params
                if name in names
                and any(value.strip() == "" for value in request.query_params.getlist(name))
            )
            if empty:
                raise exceptions.ValidationError(
                    {
                        name: ["Tomt värde. Utelämna parametern om du inte vill filtrera."]
                        for name in empty
                    }
                )
        return super().filter_queryset(request, queryset, view)
