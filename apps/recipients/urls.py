"""The recipients app's own pages. apps/people/urls.py adds the list and the person's page
and is what carecenter/urls.py includes (namespace "recipients")."""

from django.urls import path

from apps.recipients import views

app_name = "recipients"

urlpatterns = [
    path("ny/", views.recipient_create_view, name="create"),
    path("<uuid:pk>/andra/", views.recipient_update_view, name="update"),
]
