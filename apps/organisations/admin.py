from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect

from apps.core.dates import ADMIN_FORMFIELD_OVERRIDES, MAX_YEAR, MIN_YEAR
from apps.organisations.models import Membership, Organisation, Unit


def is_administrator(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return Unit.objects.administered_by(user).exists()


class AdministratorPermissionsMixin:
    """An administrator (a superuser, or a staff user with an administrator membership) may
    view, add and change; Django's per-model permissions are not used."""

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request, obj=None):
        return is_administrator(request.user)


class AdministeredUnitChoicesMixin:
    """A `unit` chosen in the admin is one of the units the user administers."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AdministratorAccessMixin(AdministratorPermissionsMixin):
    """Non-superusers reach the admin through an administrator membership, not Django's
    per-model permissions; what they see is limited to their organisations. Dates and
    date-times take the years 1900–2999, as everywhere in the product."""

    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def changelist_view(self, request, extra_context=None):
        # The date drill-down takes `<field>__year` from the address; Django computes the end
        # of a year 9999 (year 10000) and fails. Outside 1900–2999 it is a wrong parameter,
        # answered as Django answers one: the list with its "?e=1" error flag.
        if self.date_hierarchy:
            year = request.GET.get(f"{self.date_hierarchy}__year", "")
            if year.isdigit() and not MIN_YEAR <= int(year) <= MAX_YEAR:
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)

    def has_delete_permission(self, request, obj=None):
        # Records in care are ended, not deleted; only a superuser may remove a mistake.
        return request.user.is_superuser

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's admin answers a missing record (change, delete, history) with a redirect to
        # its index; the product's rule is 404, for a random id and for a record out of the
        # user's scope alike (the queryset hides it, so the two cannot be told apart).
        raise Http404

    def delete_view(self, request, object_id, extra_context=None):
        # Django checks the permission before the record: a missing one would answer 403.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().delete_view(request, object_id, extra_context)

    def history_form_view(self, request, *args, **kwargs):
        # django-simple-history's "old version" page renders every foreign-key choice
        # unscoped (other units' and protected people's names) and can revert a record past
        # the services. Old values are shown by the change-history page instead.
        raise PermissionDenied


class ViewOnlyAdminMixin:
    """Records that change only through their services (their rules, their history): the
    admin shows them and adds or changes nothing. Put it before AdministratorAccessMixin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NeverDeletedAdminMixin:
    def has_delete_permission(self, request, obj=None):
        # Ended or deactivated, never deleted: records that depend on it are protected, and
        # the confirmation page would list them (people's names) unscoped.
        return False


class ReadOnlyAdminMixin(ViewOnlyAdminMixin, NeverDeletedAdminMixin):
    """Nothing added, changed or deleted in the admin."""


class MembershipInline(
    AdministeredUnitChoicesMixin, AdministratorPermissionsMixin, admin.TabularInline
):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(unit__in=Unit.objects.administered_by(request.user))
        )

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(Organisation)
class OrganisationAdmin(NeverDeletedAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organisation_number"]
    search_fields = ["name"]

    def get_queryset(self, request):
        units = Unit.objects.administered_by(request.user)
        return super().get_queryset(request).filter(id__in=units.values("organisation_id"))

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(NeverDeletedAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Unit.objects.administered_by(request.user).select_related("organisation")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            units = Unit.objects.administered_by(request.user)
            kwargs["queryset"] = Organisation.objects.filter(id__in=units.values("organisation_id"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Membership)
class MembershipAdmin(AdministeredUnitChoicesMixin, AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def get_queryset(self, request):
        units = Unit.objects.administered_by(request.user)
        return super().get_queryset(request).filter(unit__in=units).select_related("user", "unit")
