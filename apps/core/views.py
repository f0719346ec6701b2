from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect


def home_view(request):
    return redirect("recipients:list")


@login_not_required
def healthz_view(request):
    """Liveness: the process answers. Touches no database."""
    return HttpResponse("ok", content_type="text/plain")


def placeholder_view(request, *args, **kwargs):
    """Temporary target for a page whose URL name is agreed but whose view is still being
    built, so that links between apps resolve. Every use is replaced before release."""
    from django.http import Http404

    raise Http404("Sidan finns inte ännu.")
