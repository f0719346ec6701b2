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
