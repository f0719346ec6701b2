from django.urls import path

from apps.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.review_view, name="review"),
    path("omsorgstagare/<uuid:recipient_pk>/", views.by_recipient_view, name="by-recipient"),
    path("anvandare/<uuid:user_pk>/", views.by_user_view, name="by-user"),
    path("export.csv", views.export_view, name="export"),
    path("stickprov/", views.sample_view, name="sample"),
    path("kontroller/", views.checks_view, name="checks"),
    path("kontroller/ny/", views.check_create_view, name="check-create"),
]
