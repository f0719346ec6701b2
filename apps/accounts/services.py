from django.db import transaction
from django.db.models import F

from apps.accounts.models import User


@transaction.atomic
def user_logout_everywhere(*, user: User) -> None:
    """End every session of the user, on every device (the next request of each is signed out)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
