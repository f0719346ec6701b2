from django.urls import path

from apps.followups import views

app_name = "followups"

urlpatterns = [
    path("uppfoljningar/mina/", views.my_followups_view, name="mine"),
    path(
        "omsorgstagare/<uuid:recipient_pk>/uppfoljningar/ny/",
        views.followup_schedule_view,
        name="schedule",
    ),
    path("uppfoljningar/<uuid:pk>/genomfor/", views.followup_complete_view, name="complete"),
]
