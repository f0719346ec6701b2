from django.urls import path

from apps.core.views import placeholder_view

app_name = "plans"

urlpatterns = [
    path("omsorgstagare/<uuid:recipient_pk>/plan/", placeholder_view, name="recipient"),
    path("planer/<uuid:pk>/", placeholder_view, name="version"),
    path("planer/att-granska/", placeholder_view, name="review-list"),
    path("omsorgstagare/<uuid:recipient_pk>/plan/utskrift/", placeholder_view, name="print"),
]
