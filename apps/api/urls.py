"""/api/v1/: one router collecting every app's `api/urls.py` routes, plus schema and docs."""

from importlib import import_module

from django.urls import include, path
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

API_APPS = [
    "apps.people",  # the recipients resource, with the person's overview
    "apps.catalogue",
    "apps.whatmatters",
    "apps.interventions",
    "apps.assessments",
    "apps.followups",
    "apps.plans",
    "apps.privacy",
    "apps.organisations",
    "apps.accounts",
]

router = DefaultRouter(trailing_slash=True)
router.include_root_view = True
for app in API_APPS:
    try:
        module = import_module(f"{app}.api.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api.urls" and exc.name != f"{app}.api":
            raise
        continue
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)


class SchemaView(SpectacularAPIView):
    """The schema in English (the API's language, as its error codes are) unless `?lang=`
    asks for another; descriptions drawn from the translated labels follow it."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override(request.GET.get("lang") or "en"):
            return super().get(request, *args, **kwargs)


app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    # The schema and docs describe the API, not anyone's data: readable without signing in.
    path("schema/", SchemaView.as_view(permission_classes=[AllowAny]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="docs",
    ),
]
