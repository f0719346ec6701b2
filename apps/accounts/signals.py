import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from apps.accounts.middleware import LAST_SEEN


@receiver(user_logged_in)
def stamp_session_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
