from django.utils.functional import SimpleLazyObject

from apps.organisations.permissions import navigation_abilities


def navigation(request):
    """What the navigation offers the signed-in user (from their roles in any unit): worked
    out once per page, lazily."""
    return {"nav": SimpleLazyObject(lambda: navigation_abilities(getattr(request, "user", None)))}
