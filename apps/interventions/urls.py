from django.urls import path

from apps.core.views import placeholder_view

app_name = "interventions"

urlpatterns = [
    path("omsorgstagare/<uuid:recipient_pk>/insatser/ny/", placeholder_view, name="propose"),
    path("insatser/<uuid:pk>/", placeholder_view, name="detail"),
]
