import uuid

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.audit.models import AccessLog, LogReview
from apps.audit.selectors import review_scope
from apps.organisations.admin import AdministratorAccessMixin, ReadOnlyAdminMixin


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    """The raw log, read-only, for administrators: the rows of their organisation's units and
    users (the same scope as the log review, /loggar/). Ids only, no names: the review pages
    show who was read, with the protected-identity rule. Nothing is added, changed or deleted
    here (the table is append-only; old rows go by the culling command)."""

    list_display = [
        "at",
        "user",
        "recipient_id",
        "channel",
        "access",
        "outside_own_units",
        "what_display",
        "ip_address",
    ]
    list_filter = ["channel", "outcome", "outside_own_units"]
    list_select_related = ["user"]
    search_fields = ["request_id"]  # see get_search_results
    show_full_result_count = False  # one count of a large table is enough

    def get_queryset(self, request):
        scope = review_scope(request.user)
        if scope is None:
            return AccessLog.objects.none()
        return scope.rows().select_related("user")

    @admin.display(description=_("utfall"), ordering="outcome")
    def access(self, obj):
        """Read, changed or refused, as on the review pages (the stored outcome says only
        allowed or refused; the method tells a read from a write)."""
        return obj.access_display()

    @admin.display(description=_("vad"), ordering="what")
    def what_display(self, obj):
        return obj.what_display()

    def get_search_results(self, request, queryset, search_term):
        """A recipient's or user's id, or a request id (exact): nothing else is searchable."""
        term = search_term.strip()
        if not term:
            return queryset, False
        try:
            key = uuid.UUID(term)
        except ValueError:
            return queryset.filter(request_id=term), False
        return queryset.filter(Q(recipient_id=key) | Q(user_id=key) | Q(request_id=term)), False


@admin.register(LogReview)
class LogReviewAdmin(ReadOnlyAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    """Documented log checks, read-only: they are recorded on /loggar/kontroller/ and never
    changed afterwards (a correction is a new check)."""

    list_display = ["period_start", "period_end", "unit", "method", "finding", "reviewer"]
    list_filter = ["method", "finding"]
    list_select_related = ["unit", "reviewer"]
    date_hierarchy = "period_end"

    def get_queryset(self, request):
        scope = review_scope(request.user)
        if scope is None:
            return LogReview.objects.none()
        reviews = super().get_queryset(request)
        return reviews if scope.everything else reviews.filter(unit_id__in=scope.unit_ids)
