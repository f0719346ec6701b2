"""The recipients' pages under one namespace ("recipients"): the person's page and the list,
which read across apps (here), plus the recipients app's own pages (registering and changing
a person), composed from apps.recipients.urls. carecenter/urls.py includes this module."""

from django.urls import path

from apps.people import views
from apps.recipients.urls import urlpatterns as recipient_urlpatterns

app_name = "recipients"

urlpatterns = [
    path("", views.recipient_list_view, name="list"),
    path("<uuid:pk>/", views.recipient_detail_view, name="detail"),
    *recipient_urlpatterns,
]
