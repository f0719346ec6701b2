from django.urls import include, path

from apps.plans import views

app_name = "plans"

# The person's plan, under omsorgstagare/<id>/plan/.
recipient_plan = [
    path("", views.plan_recipient_view, name="recipient"),
    path("ny-version/", views.plan_start_view, name="start"),
    path("utskrift/", views.plan_print_view, name="print"),
    path("utskrift/pdf/", views.plan_print_pdf_view, name="print-pdf"),
]

urlpatterns = [
    path("omsorgstagare/<uuid:recipient_pk>/plan/", include(recipient_plan)),
    path("planer/att-granska/", views.plan_review_list_view, name="review-list"),
    path("planer/<uuid:pk>/", views.plan_version_view, name="version"),
    path("planer/<uuid:pk>/klartext/", views.plan_summary_view, name="update-summary"),
    path("planer/<uuid:pk>/skicka-in/", views.plan_submit_view, name="submit"),
    path("planer/<uuid:pk>/godkann/", views.plan_approve_view, name="approve"),
    path("planer/<uuid:pk>/atersand/", views.plan_return_view, name="return"),
]
