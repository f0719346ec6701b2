"""The site's urlconf with tests.privacy.api_urls in place of apps.api.urls."""

from django.urls import URLResolver, include, path

from carecenter import urls as site

urlpatterns = [
    path("api/", include("tests.privacy.api_urls"))
    if isinstance(p, URLResolver) and str(p.pattern) == "api/"
    else p
    for p in site.urlpatterns
]
handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
