from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import get_digest_token
from knox.settings import CONSTANTS, knox_settings

from apps.accounts.models import ApiToken, User
from apps.core.dates import ADMIN_FORMFIELD_OVERRIDES
from apps.organisations.admin import AdministratorAccessMixin, MembershipInline
from apps.organisations.models import Unit


def _administered_users(user):
    if user.is_superuser:
        return User.objects.all()
    units = Unit.objects.administered_by(user)
    return User.objects.filter(memberships__unit__in=units).distinct()


@admin.register(User)
class UserAdmin(AdministratorAccessMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_integration", "is_active"]
    list_filter = ["is_active", "is_staff", "is_integration"]
    inlines = [MembershipInline]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Integration"), {"fields": ["is_integration"]}),
    )

    def get_queryset(self, request):
        # Administrators manage the users of the organisations they administer.
        return _administered_users(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser hands out superuser rights or Django permissions.
            readonly += ["is_superuser", "groups", "user_permissions", "last_login", "date_joined"]
        return readonly


class ApiTokenForm(forms.ModelForm):
    valid_days = forms.IntegerField(
        label=_("Giltig i antal dagar"),
        min_value=1,
        max_value=366,
        initial=90,
        help_text=_("Tokenet slutar fungera efter detta. Förnya genom att skapa ett nytt."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name", "read_only", "units"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = _administered_users(request.user).filter(
                is_integration=True, is_active=True
            )
            self.fields["user"].help_text = _("En integrationsanvändare med roll och enheter.")
        if "units" in self.fields:
            units = (
                Unit.objects.all()
                if request.user.is_superuser
                else Unit.objects.administered_by(request.user)
            )
            self.fields["units"].queryset = units

    def clean(self):
        cleaned = super().clean()
        user, units = (
            cleaned.get("user") or getattr(self.instance, "user", None),
            cleaned.get("units"),
        )
        if user is not None and units:
            own = set(user.memberships.values_list("unit_id", flat=True))
            outside = [u.name for u in units if u.pk not in own]
            if outside:
                self.add_error(
                    "units",
                    _("Användaren är inte medlem i: %(units)s.") % {"units": ", ".join(outside)},
                )
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    """Integration tokens: created here, shown ONCE (only a SHA-512 digest is stored),
    revoked by deleting them."""

    form = ApiTokenForm
    list_display = ["name", "user", "token_key", "read_only", "expiry", "last_used_at", "created"]
    list_filter = ["read_only"]
    search_fields = ["name", "user__username", "token_key"]
    filter_horizontal = ["units"]
    readonly_fields = ["token_key", "created", "expiry", "last_used_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "read_only", "units", "valid_days"]
        return [
            "name",
            "user",
            "token_key",
            "read_only",
            "units",
            "created",
            "expiry",
            "last_used_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    def get_queryset(self, request):
        users = _administered_users(request.user)
        return super().get_queryset(request).filter(user__in=users).select_related("user")

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)  # deleting = revoking

    def save_model(self, request, obj, form, change):
        if not change:
            digest, raw = get_digest_token(knox_settings.TOKEN_PREFIX)
            obj.digest = digest
            obj.token_key = raw[: CONSTANTS.TOKEN_KEY_LENGTH]
            obj.expiry = timezone.now() + timedelta(days=form.cleaned_data["valid_days"])
            super().save_model(request, obj, form, change)
            messages.warning(
                request,
                _("Kopiera tokenet nu – det visas bara den här gången: %(token)s") % {"token": raw},
            )
            return
        super().save_model(request, obj, form, change)


# django-otp's own admin of the authenticator devices (superusers only): its throttling
# date-time takes the product's years too, instead of a server error for year 1.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class BoundedTOTPDeviceAdmin(TOTPDeviceAdmin):
    formfield_overrides = ADMIN_FORMFIELD_OVERRIDES
