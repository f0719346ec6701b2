from django.utils.functional import SimpleLazyObject


def back_here(request):
    """Where the language switch returns to: this page with its filters, but never a search
    term (a name or a personal identity number must not be written into the page). What the
    navigation offers the user is `apps.organisations.context_processors.navigation`."""

    def here():
        query = request.GET.copy()
        for name in SEARCH_PARAMETERS:
            query.pop(name, None)
        return f"{request.path}?{query.urlencode()}" if query else request.path

    return {"back_here": SimpleLazyObject(here)}


SEARCH_PARAMETERS = ("q", "pn", "term")
