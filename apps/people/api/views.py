from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.api import schema
from apps.people.api.serializers import RecipientOverviewSerializer
from apps.people.selectors import person_overview
from apps.recipients.api import views as recipients


@extend_schema_view(
    overview=schema.read_operation(
        "Read a person's whole plan in one call",
        "The recipient with their current answers, goals, interventions and open follow-ups, "
        "their consents, assessments, latest follow-ups and care-plan versions: what the "
        "person's page shows. Recorded in the access log like any read of the person.",
        responses=RecipientOverviewSerializer,
    ),
)
class RecipientViewSet(recipients.RecipientViewSet):
    # The recipients resource, plus the person's overview, which reads across the apps
    # above recipients and so lives here (apps/people/api/urls.py registers this class in
    # the recipients' place). The docstring is the resource's, as the base class says it.
    __doc__ = recipients.RecipientViewSet.__doc__

    @action(detail=True, methods=["get"])
    def overview(self, request, pk=None):
        recipient = self.get_object()  # scoped, and logged in the access log
        overview = person_overview(user=request.user, recipient=recipient)
        return Response(
            RecipientOverviewSerializer(overview, context=self.get_serializer_context()).data
        )
