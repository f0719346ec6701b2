"""Conversations, answers and goals in the admin: for the administrator to look, not to edit.

Edits belong to the care staff through the services (an answer is never overwritten, and a
change goes through the version check), so the admin shows these records read-only, scoped
by the same `visible_to` chokepoint as the pages and the API.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.organisations.admin import AdministratorAccessMixin, ViewOnlyAdminMixin
from apps.whatmatters.models import Answer, Conversation, Goal


class ScopedReadOnlyAdmin(ViewOnlyAdminMixin, AdministratorAccessMixin, SimpleHistoryAdmin):
    def get_queryset(self, request):
        return self.model.objects.visible_to(request.user)

    # simple-history reads history rows without the admin queryset (and a POST to a version
    # page reverts the record past the services): check the scope first, and only look.
    def _require_in_scope(self, request, object_id) -> None:
        try:
            found = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            found = False
        if not found:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        raise PermissionDenied  # see AdministratorAccessMixin.history_form_view


@admin.register(Conversation)
class ConversationAdmin(AccessLoggedAdminMixin, ScopedReadOnlyAdmin):
    list_display = ["held_at", "location", "recipient", "held_by"]
    list_filter = ["location"]
    date_hierarchy = "held_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient", "held_by")


@admin.register(Answer)
class AnswerAdmin(AccessLoggedAdminMixin, ScopedReadOnlyAdmin):
    list_display = [
        "__str__",
        "life_area",
        "importance",
        "performance",
        "wants_to_manage_self",
        "status",
        "recipient",
        "created_at",
    ]
    list_filter = ["status", "life_area", "wants_to_manage_self"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient", "life_area")


@admin.register(Goal)
class GoalAdmin(AccessLoggedAdminMixin, ScopedReadOnlyAdmin):
    list_display = ["__str__", "status", "target_date", "recipient", "created_at"]
    list_filter = ["status"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient")
