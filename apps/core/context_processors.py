from django.utils.functional import SimpleLazyObject


def navigation(request):
    """What the navigation offers the signed-in user: worked out once per page, lazily."""

    def allowed():
        from apps.organisations.permissions import navigation_abilities

        return navigation_abilities(getattr(request, "user", None))

    def back_here():
        # Where the language switch returns to: this page with its filters, but never a search
        # term (a name or a personal identity number must not be written into the page).
        query = request.GET.copy()
        for name in SEARCH_PARAMETERS:
            query.pop(name, None)
        return f"{request.path}?{query.urlencode()}" if query else request.path

    return {"nav": SimpleLazyObject(allowed), "back_here": SimpleLazyObject(back_here)}


SEARCH_PARAMETERS = ("q", "pn", "term")
