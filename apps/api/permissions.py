from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsAuthenticatedWithinTokenScope(BasePermission):
    """Signed in (session or token), and a read-only token may only read."""

    message = _("Denna token får bara läsa (read-only).")

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        token = request.auth
        if getattr(token, "read_only", False) and request.method not in SAFE_METHODS:
            # POST actions that only read (a search by personal identity number) are allowed.
            return getattr(view, "action", None) in getattr(view, "read_only_actions", ())
        return True
