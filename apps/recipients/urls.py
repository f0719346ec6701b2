from django.urls import path

from apps.recipients import views

app_name = "recipients"

urlpatterns = [
    path("", views.recipient_list_view, name="list"),
    path("ny/", views.recipient_create_view, name="create"),
    path("<uuid:pk>/", views.recipient_detail_view, name="detail"),
    path("<uuid:pk>/andra/", views.recipient_update_view, name="update"),
]
