import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from apps.accounts import mfa
from apps.accounts.middleware import LAST_SEEN


@receiver(user_logged_in)
def stamp_session_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_SEEN] = int(time.time())
    step = mfa.pending_step(user)
    if step:
        request.session[mfa.SESSION_KEY] = step
    else:
        request.session.pop(mfa.SESSION_KEY, None)
