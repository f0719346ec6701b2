from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from apps.api.viewsets import ScopedViewSet, parse_if_match
from apps.interventions.api.serializers import (
    ConsentCreateSerializer,
    ConsentSerializer,
    ConsentWithdrawSerializer,
    EndSerializer,
    InterventionDetailSerializer,
    InterventionProposeSerializer,
    InterventionSerializer,
    InterventionWriteSerializer,
    StartTrialSerializer,
    TransitionSerializer,
    TransitionWithReasonSerializer,
)
from apps.interventions.choices import InterventionAction
from apps.interventions.filters import ConsentFilterSet, InterventionFilterSet
from apps.interventions.models import Consent, Intervention
from apps.interventions.selectors import (
    consent_list,
    intervention_detail_queryset,
    intervention_list,
)
from apps.interventions.services import (
    consent_record,
    consent_withdraw,
    intervention_propose,
    intervention_transition,
    intervention_update,
)


def optional_if_match(request) -> int | None:
    """Lifecycle actions accept If-Match (then it must match: 412) but do not require it:
    the transition table already refuses a stale action with 409."""
    return parse_if_match(request) if request.headers.get("If-Match", "").strip() else None


def _transition_schema(request_serializer, description):
    return extend_schema(
        request=request_serializer, responses=InterventionDetailSerializer, description=description
    )


@extend_schema_view(
    create=extend_schema(
        request=InterventionProposeSerializer,
        responses={201: InterventionDetailSerializer},
        description="Föreslå en insats. Den måste svara mot minst ett aktuellt svar eller "
        "pågående mål för samma person. Accepterar Idempotency-Key.",
    ),
    partial_update=extend_schema(
        request=InterventionWriteSerializer,
        responses=InterventionDetailSerializer,
        description='Ändra en föreslagen insats. Kräver If-Match: "v<version>".',
    ),
)
class InterventionViewSet(ScopedViewSet):
    """Interventions (insatser) for the people the caller may see, and their lifecycle:
    POST .../{id}/accept/, decline/, start-trial/, evaluate/, start/, end/. An action the
    current status does not allow answers 409 with `current_status` and `allowed_actions`.
    `allowed_actions` names actions as the lifecycle does (start_trial for start-trial/);
    withdraw_consent happens through POST /consents/{id}/withdraw/."""

    output_serializer_class = InterventionDetailSerializer
    input_serializer_classes = {
        "list": InterventionSerializer,
        "create": InterventionProposeSerializer,
        "partial_update": InterventionWriteSerializer,
        "accept": TransitionSerializer,
        "decline": TransitionWithReasonSerializer,
        "start_trial": StartTrialSerializer,
        "evaluate": TransitionSerializer,
        "start": TransitionSerializer,
        "end": EndSerializer,
    }
    filterset_class = InterventionFilterSet
    ordering_fields = ("created_at", "updated_at")
    queryset = Intervention.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        if self.action == "list":
            return intervention_list(user=self.request.user)
        return intervention_detail_queryset(user=self.request.user)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = InterventionSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def _fresh(self, instance):
        """The changed row read again with everything the detail shows."""
        return self.get_queryset().get(pk=instance.pk)

    def perform_create_with_service(self, data):
        return self._fresh(intervention_propose(actor=self.request.user, **data))

    def perform_update_with_service(self, instance, data, expected_version):
        updated = intervention_update(
            actor=self.request.user,
            intervention=instance,
            expected_version=expected_version,
            **data,
        )
        return self._fresh(updated)

    def _transition(self, request, action_name: str):
        instance = self.get_object()
        expected_version = optional_if_match(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intervention_transition(
            actor=request.user,
            intervention=instance,
            action=action_name,
            expected_version=expected_version,
            **serializer.validated_data,
        )
        return self.respond(self._fresh(instance))

    @_transition_schema(
        TransitionSerializer,
        "föreslagen → accepterad. Teknik som kräver samtycke: gällande samtycke från personen "
        "eller företrädaren; övervakande teknik i delat hem: även från samboende närstående.",
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._transition(request, InterventionAction.ACCEPT)

    @_transition_schema(TransitionWithReasonSerializer, "föreslagen → avböjd. Skäl krävs.")
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._transition(request, InterventionAction.DECLINE)

    @_transition_schema(
        StartTrialSerializer, "accepterad → utprovning, med start- och slutdatum (högst 90 dagar)."
    )
    @action(detail=True, methods=["post"], url_path="start-trial")
    def start_trial(self, request, pk=None):
        return self._transition(request, InterventionAction.START_TRIAL)

    @_transition_schema(
        TransitionSerializer,
        "utprovning → pågående. Teknik som kräver samtycke: den senaste bedömningen måste "
        "vara godkännande.",
    )
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self._transition(request, InterventionAction.EVALUATE)

    @_transition_schema(
        TransitionSerializer, "accepterad → pågående utan utprovning; samma krav som evaluate."
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._transition(request, InterventionAction.START)

    @_transition_schema(EndSerializer, "accepterad/utprovning/pågående → avslutad. Skäl krävs.")
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        return self._transition(request, InterventionAction.END)


@extend_schema_view(
    create=extend_schema(
        request=ConsentCreateSerializer,
        responses={201: ConsentSerializer},
        description="Registrera ett samtycke. Accepterar Idempotency-Key.",
    )
)
class ConsentViewSet(ScopedViewSet):
    """Consents (samtycken) to interventions. Withdrawing one ends an intervention that is
    under way (accepted, trial, active), with end reason 'consent withdrawn'."""

    http_method_names = ["get", "post", "head", "options"]
    output_serializer_class = ConsentSerializer
    input_serializer_classes = {
        "create": ConsentCreateSerializer,
        "withdraw": ConsentWithdrawSerializer,
    }
    filterset_class = ConsentFilterSet
    ordering_fields = ("created_at", "updated_at")
    queryset = Consent.objects.none()

    def get_queryset(self):
        return consent_list(user=self.request.user)

    def perform_create_with_service(self, data):
        consent = consent_record(actor=self.request.user, **data)
        return self.get_queryset().get(pk=consent.pk)

    @extend_schema(request=ConsentWithdrawSerializer, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consent_withdraw(
            actor=request.user, consent=consent, reason=serializer.validated_data["reason"]
        )
        return self.respond(self.get_queryset().get(pk=consent.pk))
