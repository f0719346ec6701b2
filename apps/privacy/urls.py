from django.urls import path

from apps.privacy import views

app_name = "privacy"

urlpatterns = [
    path(
        "omsorgstagare/<uuid:recipient_pk>/historik/",
        views.recipient_history_view,
        name="recipient-history",
    ),
    path(
        "omsorgstagare/<uuid:recipient_pk>/registerutdrag/",
        views.extract_view,
        name="extract",
    ),
    path(
        "omsorgstagare/<uuid:recipient_pk>/registerutdrag/utskrift/",
        views.extract_print_view,
        name="extract-print",
    ),
    path(
        "omsorgstagare/<uuid:recipient_pk>/registerutdrag/json/",
        views.extract_json_view,
        name="extract-json",
    ),
]
