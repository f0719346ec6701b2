from django.urls import path

from apps.assessments.views import assessment_record_view

app_name = "assessments"

urlpatterns = [
    # On the intervention's page (its status panel), under the intervention's address.
    path("insatser/<uuid:pk>/bedomning/ny/", assessment_record_view, name="record"),
]
