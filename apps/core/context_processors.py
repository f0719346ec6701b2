from django.utils.functional import SimpleLazyObject


def navigation(request):
    """What the navigation offers the signed-in user: worked out once per page, lazily."""

    def roles():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return {"roles": set(), "is_manager": False, "is_admin": False}
        from apps.organisations.models import Membership

        held = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        return {
            "roles": held,
            "is_manager": "manager" in held or user.is_superuser,
            "is_admin": user.is_staff and ("administrator" in held or user.is_superuser),
        }

    def back_here():
        # Where the language switch returns to: this page with its filters, but never a search
        # term (a name or a personal identity number must not be written into the page).
        query = request.GET.copy()
        for name in SEARCH_PARAMETERS:
            query.pop(name, None)
        return f"{request.path}?{query.urlencode()}" if query else request.path

    return {"nav": SimpleLazyObject(roles), "back_here": SimpleLazyObject(back_here)}


SEARCH_PARAMETERS = ("q", "pn", "term")
