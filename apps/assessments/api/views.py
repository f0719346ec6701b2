from drf_spectacular.utils import extend_schema_view

from apps.api import schema
from apps.api.viewsets import AppendOnlyScopedViewSet
from apps.assessments.api.serializers import AssessmentCreateSerializer, AssessmentSerializer
from apps.assessments.filters import AssessmentFilterSet
from apps.assessments.selectors import assessment_list
from apps.assessments.services import assessment_record


@extend_schema_view(
    list=schema.list_operation(
        "List professional assessments",
        'Assessments ("bedömningar") of interventions by licensed staff: suitability, risk '
        "and trial evaluations. Filter by intervention, recipient, unit, kind and decision.",
    ),
    retrieve=schema.read_operation("Read one assessment"),
    create=schema.create_operation(
        "Record a professional assessment",
        "A judgement of an intervention with its profession, decision and rationale. An "
        "assessment is never changed: a new judgement is a new assessment.",
        roles=schema.ROLES_LICENSED,
    ),
)
class AssessmentViewSet(AppendOnlyScopedViewSet):
    """Professional assessments (bedömningar) by licensed staff. An assessment is a record of a
    judgement and is never changed: a new judgement is a new assessment (so no PATCH)."""

    output_serializer_class = AssessmentSerializer
    input_serializer_classes = {"create": AssessmentCreateSerializer}
    filterset_class = AssessmentFilterSet
    ordering_fields = ("assessed_at", "created_at", "updated_at")
    selector = staticmethod(assessment_list)

    def perform_create_with_service(self, data):
        return assessment_record(actor=self.request.user, **data)
