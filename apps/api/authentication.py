from datetime import timedelta

from django.utils import timezone
from knox.auth import TokenAuthentication

LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """Knox token authentication for integrations, plus our scope:

    - the token's unit list (if any) narrows what its user sees: `user.token_unit_ids`, read
      only through `apps.organisations.permissions.token_units`;
    - `last_used_at` is kept (at most one write a minute per token);
    - an expired token is refused but kept, so that its history stays auditable.
    """

    def _cleanup_token(self, auth_token) -> bool:
        return auth_token.expiry is not None and auth_token.expiry < timezone.now()

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        unit_ids = [u.pk for u in token.units.all()]
        user.token_unit_ids = unit_ids or None
        user.api_token = token
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token
