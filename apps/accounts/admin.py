from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.organisations.admin import MembershipInline


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_integration", "is_active"]
    list_filter = ["is_active", "is_staff", "is_integration"]
    inlines = [MembershipInline]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Integration"), {"fields": ["is_integration"]}),
    )

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        # Administrators manage the users of the organisations they administer.
        from apps.organisations.models import Unit

        units = Unit.objects.administered_by(request.user)
        return qs.filter(memberships__unit__in=units).distinct()
