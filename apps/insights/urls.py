from django.urls import path

from apps.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.overview_view, name="overview"),
]
