from apps.assessments.api.views import AssessmentViewSet

routes = [("assessments", AssessmentViewSet, "assessment")]
