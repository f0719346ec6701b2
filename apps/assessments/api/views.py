from apps.api.viewsets import ScopedViewSet
from apps.assessments.api.serializers import AssessmentCreateSerializer, AssessmentSerializer
from apps.assessments.filters import AssessmentFilterSet
from apps.assessments.models import Assessment
from apps.assessments.selectors import assessment_list
from apps.assessments.services import assessment_record


class AssessmentViewSet(ScopedViewSet):
    """Professional assessments (bedömningar) by licensed staff. An assessment is a record of a
    judgement and is never changed: a new judgement is a new assessment (so no PATCH)."""

    http_method_names = ["get", "post", "head", "options"]
    output_serializer_class = AssessmentSerializer
    input_serializer_classes = {"create": AssessmentCreateSerializer}
    filterset_class = AssessmentFilterSet
    ordering_fields = ("assessed_at", "created_at", "updated_at")
    queryset = Assessment.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        return assessment_list(user=self.request.user)

    def perform_create_with_service(self, data):
        return assessment_record(actor=self.request.user, **data)
