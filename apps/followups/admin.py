from django.contrib import admin

from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.followups.models import FollowUp
from apps.organisations.admin import AdministratorAccessMixin, ViewOnlyAdminMixin


@admin.register(FollowUp)
class FollowUpAdmin(
    AccessLoggedAdminMixin, ViewOnlyAdminMixin, AdministratorAccessMixin, admin.ModelAdmin
):
    """Read-only: follow-ups are scheduled, done and cancelled through their services (which
    keep the chain of next follow-ups and the goal and intervention in step). Scoped by
    `visible_to`."""

    list_display = ["due_date", "status", "responsible", "decision", "done_at"]
    list_filter = ["status", "decision"]
    date_hierarchy = "due_date"

    def get_queryset(self, request):
        return FollowUp.objects.visible_to(request.user).select_related(
            "responsible", "recorded_by", "goal", "intervention", "next_follow_up"
        )
