from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from apps.core.views import healthz_view, home_view

admin.site.site_header = _("carecenter – administration")
admin.site.site_title = _("carecenter")

urlpatterns = [
    path("", home_view, name="home"),
    path("healthz", healthz_view, name="healthz"),
    path("konto/", include("apps.accounts.urls")),
    path("omsorgstagare/", include("apps.people.urls")),  # with apps.recipients.urls
    path("oversikt/", include("apps.insights.urls")),
    path("", include("apps.whatmatters.urls")),
    path("", include("apps.interventions.urls")),
    path("", include("apps.assessments.urls")),
    path("", include("apps.followups.urls")),
    path("", include("apps.plans.urls")),
    path("loggar/", include("apps.audit.urls")),
    path("", include("apps.privacy.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/", include("apps.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "apps.core.views.bad_request_view"
handler403 = "apps.core.views.permission_denied_view"
handler404 = "apps.core.views.not_found_view"
handler500 = "apps.core.views.server_error_view"
