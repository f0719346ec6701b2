from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.organisations.admin import AdministratorAccessMixin
from apps.plans import lifecycle
from apps.plans.models import CarePlanVersion
from apps.plans.selectors import plan_versions_visible_to
from apps.plans.services import plan_version_update


class CarePlanVersionForm(forms.ModelForm):
    """Refuses on the form what the service would refuse, so that the admin shows why."""

    request = None  # set by CarePlanVersionAdmin.get_form

    class Meta:
        model = CarePlanVersion
        fields = ["summary"]

    def clean(self):
        cleaned = super().clean()
        user = self.request.user
        allowed = lifecycle.allowed_actions(self.instance, user)
        if lifecycle.UPDATE not in allowed:
            raise forms.ValidationError(
                _("Planen kan bara ändras av personal i enheten medan den är ett utkast."),
                code="update_not_allowed",
            )
        return cleaned


@admin.register(CarePlanVersion)
class CarePlanVersionAdmin(AccessLoggedAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    """Scoped by the same `visible_to` chokepoint as the pages and the API. Only the summary
    of an open version can be edited here, and only through the service (same role and status
    rules); approved and superseded versions are read-only. Lifecycle steps (submit, approve,
    return) are taken in the product, not in the admin."""

    audit_recipient = "plan.recipient_id"
    form = CarePlanVersionForm
    list_display = ["__str__", "recipient_id", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    readonly_fields = [
        "plan",
        "number",
        "status",
        "created_by",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
        "version",
        "snapshot",
    ]

    @admin.display(description=_("omsorgstagare (id)"))
    def recipient_id(self, obj):
        return obj.plan.recipient_id

    def get_queryset(self, request):
        return plan_versions_visible_to(request.user)

    def has_add_permission(self, request, obj=None):
        return False  # a new version is started from the person's plan, by care staff

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request = request
        return form

    def save_model(self, request, obj, form, change):
        updated = plan_version_update(
            actor=request.user, version=obj, summary=form.cleaned_data["summary"]
        )
        obj.version = updated.version
