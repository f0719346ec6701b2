from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.audit.admin_mixins import AccessLoggedAdminMixin
from apps.organisations.admin import AdministratorAccessMixin
from apps.organisations.models import Organisation, Unit
from apps.organisations.permissions import RECIPIENT_EDITORS
from apps.recipients.admin_search import NumberSafeSearchAdminMixin
from apps.recipients.models import CareRecipient, Contact, ProtectedIdentityGrant


def editable_units(user):
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.with_role(user, *RECIPIENT_EDITORS)


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0

    def has_add_permission(self, request, obj=None):
        return request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(CareRecipient)
class CareRecipientAdmin(
    AccessLoggedAdminMixin, NumberSafeSearchAdminMixin, AdministratorAccessMixin, admin.ModelAdmin
):
    """Scoped exactly as the pages: the same `visible_to` chokepoint, so a protected person
    without a grant is absent here too, and opening their address answers as not found. The
    search never puts a personal identity number in a URL (admin_search.py)."""

    audit_recipient = "pk"
    list_display = ["family_name", "given_name", "personal_number", "unit", "status"]
    list_filter = ["status"]
    search_fields = ["family_name", "given_name", "personal_number"]
    readonly_fields = ["birth_date", "is_coordination_number"]
    inlines = [ContactInline]

    def get_queryset(self, request):
        return CareRecipient.objects.visible_to(request.user).select_related("unit")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        units = editable_units(request.user)
        if db_field.name == "unit":
            kwargs["queryset"] = units.select_related("organisation")
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(id__in=units.values("organisation_id"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ProtectedIdentityGrant)
class ProtectedIdentityGrantAdmin(
    AccessLoggedAdminMixin, AdministratorAccessMixin, admin.ModelAdmin
):
    list_display = ["user", "recipient_id", "granted_by", "created_at"]
    raw_id_fields = ["recipient"]
    autocomplete_fields = ["user"]
    readonly_fields = ["granted_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["recipient", "user", "reason"]
        # Never the protected person's name: the raw-id widget would print it.
        return ["recipient_ref", "user", "reason", "granted_by"]

    def get_readonly_fields(self, request, obj=None):
        return ["recipient_ref", "user", "granted_by"] if obj else ["granted_by"]

    @admin.display(description=_("omsorgstagare (id)"))
    def recipient_ref(self, obj):
        return obj.recipient_id

    def get_queryset(self, request):
        units = editable_units(request.user)
        return (
            super()
            .get_queryset(request)
            .filter(recipient__unit__in=units)
            .select_related("user", "granted_by")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recipient":
            kwargs["queryset"] = CareRecipient.objects.filter(unit__in=editable_units(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
