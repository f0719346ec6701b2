from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action

from apps.api import schema
from apps.api.viewsets import AppendOnlyScopedViewSet, ScopedViewSet
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

INTERVENTION_SCOPE = (
    'Interventions ("insatser") for the people in the caller\'s units: welfare technology or '
    "help in person, each serving at least one of the person's current answers or active "
    "goals."
)


def _transition(summary, text):
    return schema.operation(
        summary,
        text,
        schema.who_may(schema.ROLES_DECIDERS),
        schema.ACTION_RULES,
        "`allowed_actions` names actions as the lifecycle does (`start_trial` for start-trial/).",
        schema.ERRORS,
    )


@extend_schema_view(
    list=schema.list_operation(
        "List interventions",
        INTERVENTION_SCOPE,
        "Filter by status, delivery, technology, life area, unit and recipient.",
    ),
    retrieve=schema.read_operation(
        "Read one intervention",
        "The intervention with the answers and goals it serves, its consents, assessments and "
        "lifecycle events, and `allowed_actions`: what the caller may do with it now (the "
        "actions its status allows, kept to the caller's roles in the person's unit).",
        conditional=True,
    ),
    create=schema.create_operation(
        "Propose an intervention",
        "It must serve at least one current answer or active goal of the same person. "
        "Delivered in person (no technology), `digital_first_reason` is required: why "
        "technology does not suit. It starts as proposed.",
        roles=schema.ROLES_DECIDERS,
        responses={201: InterventionDetailSerializer},
    ),
    partial_update=schema.update_operation(
        "Change a proposed intervention",
        "Only a proposed intervention can be changed (409 otherwise).",
        roles=schema.ROLES_DECIDERS,
        responses=InterventionDetailSerializer,
    ),
    accept=_transition(
        "Accept a proposed intervention",
        "proposed → accepted. A technology that requires consent needs a valid consent from "
        "the person or their representative; monitoring technology in a shared home also "
        "from the cohabiting relatives (400 naming what is missing).",
    ),
    decline=_transition(
        "Decline a proposed intervention",
        "proposed → declined. `reason` is required.",
    ),
    start_trial=_transition(
        "Start a trial",
        "accepted → trial, from `trial_start` to `trial_end` (at most 90 days).",
    ),
    evaluate=_transition(
        "Take a trial into use after evaluation",
        "trial → active. For a technology that requires consent, the latest assessment must "
        "find it suitable.",
    ),
    start=_transition(
        "Start without a trial",
        "accepted → active, with the same requirements as evaluate.",
    ),
    end=_transition(
        "End an intervention",
        "accepted, trial or active → ended, with `end_reason` and `reason` (both required). "
        "(Withdrawing the consent "
        "with POST /consents/{id}/withdraw/ also ends it.)",
    ),
)
class InterventionViewSet(ScopedViewSet):
    """Interventions (insatser) for the people the caller may see, and their lifecycle:
    POST .../{id}/accept/, decline/, start-trial/, evaluate/, start/, end/. An action the
    current status does not allow answers 409 with `current_status` and `allowed_actions`.
    `allowed_actions` names actions as the lifecycle does (start_trial for start-trial/);
    withdraw_consent happens through POST /consents/{id}/withdraw/."""

    optional_if_match_actions = ("accept", "decline", "start_trial", "evaluate", "start", "end")
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
    selector = staticmethod(intervention_list)

    def get_queryset(self):
        if self.action == "list":
            return super().get_queryset()
        return intervention_detail_queryset(user=self.request.user)

    def perform_create_with_service(self, data):
        return self.refetch(intervention_propose(actor=self.request.user, **data))

    def perform_update_with_service(self, instance, data, expected_version):
        updated = intervention_update(
            actor=self.request.user,
            intervention=instance,
            expected_version=expected_version,
            **data,
        )
        return self.refetch(updated)

    def _transition(self, request, action_name: str):
        changed = self.act(intervention_transition, target="intervention", action=action_name)
        return self.respond(self.refetch(changed))

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._transition(request, InterventionAction.ACCEPT)

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._transition(request, InterventionAction.DECLINE)

    @action(detail=True, methods=["post"], url_path="start-trial")
    def start_trial(self, request, pk=None):
        return self._transition(request, InterventionAction.START_TRIAL)

    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self._transition(request, InterventionAction.EVALUATE)

    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._transition(request, InterventionAction.START)

    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        return self._transition(request, InterventionAction.END)


@extend_schema_view(
    list=schema.list_operation(
        "List consents",
        'Consents ("samtycken") to interventions, given by the person, a representative or a '
        "cohabiting relative. Filter by intervention, recipient and whether they are still "
        "valid (`active`).",
    ),
    retrieve=schema.read_operation("Read one consent"),
    create=schema.create_operation(
        "Record a consent",
        "Who gave it (`given_by`; a representative or relative also by name), how and when. "
        "A consent is never changed; withdraw it instead.",
        roles=schema.ROLES_CARE,
        responses={201: ConsentSerializer},
    ),
    withdraw=schema.operation(
        "Withdraw a consent",
        "`reason` is required. An intervention under way (accepted, trial or active) that "
        "needed this consent ends, with end reason `consent_withdrawn`. Withdrawing a consent "
        "already withdrawn is 409. Send `Idempotency-Key` to retry safely.",
        schema.who_may(schema.ROLES_CARE),
        schema.ERRORS,
    ),
)
class ConsentViewSet(AppendOnlyScopedViewSet):
    """Consents (samtycken) to interventions. Withdrawing one ends an intervention that is
    under way (accepted, trial, active), with end reason 'consent withdrawn'."""

    output_serializer_class = ConsentSerializer
    input_serializer_classes = {
        "create": ConsentCreateSerializer,
        "withdraw": ConsentWithdrawSerializer,
    }
    filterset_class = ConsentFilterSet
    selector = staticmethod(consent_list)

    def perform_create_with_service(self, data):
        return self.refetch(consent_record(actor=self.request.user, **data))

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consent_withdraw(
            actor=request.user, consent=consent, reason=serializer.validated_data["reason"]
        )
        return self.respond(self.refetch(consent))
