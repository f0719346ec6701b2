from django.contrib import admin

from apps.assessments.models import Assessment
from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.organisations.admin import AdministratorAccessMixin, ViewOnlyAdminMixin


@admin.register(Assessment)
class AssessmentAdmin(
    AccessLoggedAdminMixin, ViewOnlyAdminMixin, AdministratorAccessMixin, admin.ModelAdmin
):
    """Read-only: an assessment is a licensed professional's judgement, recorded through the
    service with its rules, and never edited afterwards. Scoped by `visible_to`."""

    list_display = ["assessed_at", "intervention", "kind", "decision", "profession"]
    list_filter = ["kind", "decision", "profession"]
    date_hierarchy = "assessed_at"
    ordering = ["-assessed_at"]

    def get_queryset(self, request):
        return Assessment.objects.visible_to(request.user).select_related(
            "intervention", "assessor"
        )
