from django.urls import path

from apps.core.views import placeholder_view

app_name = "followups"

urlpatterns = [
    path("uppfoljningar/mina/", placeholder_view, name="mine"),
    path("omsorgstagare/<uuid:recipient_pk>/uppfoljningar/ny/", placeholder_view, name="schedule"),
    path("uppfoljningar/<uuid:pk>/genomfor/", placeholder_view, name="complete"),
]
