from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.services import user_logout_everywhere


@require_POST
def logout_everywhere_view(request):
    user_logout_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("Du är utloggad på alla enheter."))
    return redirect("accounts:login")
