"""Interventions and consents in the admin: scoped by the same `visible_to` chokepoint as
the pages and the API, and read-only. Every change to an intervention goes through the
services (the lifecycle table, its guards and the event log); an admin form would bypass
them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.interventions.models import Consent, Intervention, InterventionEvent
from apps.organisations.admin import (
    AdministratorAccessMixin,
    ReadOnlyAdminMixin,
    is_administrator,
)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)


class InterventionEventInline(ReadOnlyInline):
    model = InterventionEvent
    fields = ["at", "action", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    ordering = ["at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ConsentInline(ReadOnlyInline):
    model = Consent
    fields = ["given_by", "giver_name", "method", "given_at", "withdrawn_at", "withdrawn_reason"]
    readonly_fields = fields


@admin.register(Intervention)
class InterventionAdmin(
    AccessLoggedAdminMixin, ReadOnlyAdminMixin, AdministratorAccessMixin, SimpleHistoryAdmin
):
    list_display = ["title", "recipient", "delivery", "technology", "status", "updated_at"]
    list_filter = ["status", "delivery"]
    list_select_related = ["recipient", "technology"]
    search_fields = ["title"]
    inlines = [ConsentInline, InterventionEventInline]
    readonly_fields = [
        "recipient",
        "title",
        "delivery",
        "technology",
        "in_person_description",
        "serves_answers",
        "serves_goals",
        "rationale",
        "digital_first_reason",
        "visits_replaced_per_week",
        "status",
        "trial_start",
        "trial_end",
        "started_on",
        "ended_on",
        "end_reason",
        "proposed_by",
        "version",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return Intervention.objects.visible_to(request.user).select_related(
            "recipient", "technology"
        )


@admin.register(Consent)
class ConsentAdmin(
    AccessLoggedAdminMixin, ReadOnlyAdminMixin, AdministratorAccessMixin, SimpleHistoryAdmin
):
    list_display = ["intervention", "recipient", "given_by", "method", "given_at", "withdrawn_at"]
    list_filter = ["given_by", "method"]
    list_select_related = ["intervention", "recipient"]
    readonly_fields = [
        "intervention",
        "recipient",
        "given_by",
        "giver_name",
        "contact",
        "method",
        "given_at",
        "recorded_by",
        "withdrawn_at",
        "withdrawn_reason",
        "withdrawn_recorded_by",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return Consent.objects.visible_to(request.user).select_related("intervention", "recipient")
