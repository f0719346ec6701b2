"""The API urlconf with this app's routes, for as long as `apps.privacy` is not yet in
`apps.api.urls.API_APPS` (once it is, this builds the same router as the site's)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from apps.api import urls as site_api
from apps.privacy.api.urls import routes

app_name = "api"

router = DefaultRouter(trailing_slash=True)
for prefix, viewset, basename in site_api.router.registry:
    router.register(prefix, viewset, basename=basename)
registered = {basename for _prefix, _viewset, basename in site_api.router.registry}
for prefix, viewset, basename in routes:
    if basename not in registered:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("v1/", include(router.urls)),
    *[p for p in site_api.urlpatterns if str(p.pattern) != "v1/"],
]
