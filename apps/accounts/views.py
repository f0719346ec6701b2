from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import mfa
from apps.accounts.forms import OneTimeCodeForm
from apps.accounts.services import user_logout_everywhere

SETUP_DEVICE = "mfa_setup_device"


@require_POST
def logout_everywhere_view(request):
    user_logout_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("Du är utloggad på alla enheter."))
    return redirect("accounts:login")


def account_view(request):
    return render(
        request,
        "accounts/account.html",
        {
            "has_mfa": user_has_device(request.user, confirmed=True),
            "mfa_required": mfa.pending_step(request.user) == mfa.SETUP,
        },
    )


@require_http_methods(["GET", "POST"])
def mfa_verify_view(request):
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify_code(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(mfa.SESSION_KEY, None)
            request.session.cycle_key()
            return redirect("home")
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    return render(request, "accounts/mfa_verify.html", {"form": form})


@require_http_methods(["GET", "POST"])
def mfa_setup_view(request):
    """Show a new authenticator secret (QR code and text); confirm it with a first code."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect("accounts:mfa-verify")  # replacing a phone needs the old one first
    form = OneTimeCodeForm(request.POST or None)
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            pk=request.session.get(SETUP_DEVICE), user=request.user, confirmed=False
        ).first()
        if device is not None and form.is_valid():
            codes = mfa.confirm_totp_device(device, form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                request.session.pop(mfa.SESSION_KEY, None)
                request.session.pop(SETUP_DEVICE, None)
                return render(request, "accounts/mfa_backup_codes.html", {"codes": codes})
            form.add_error(
                "code", _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt.")
            )
    if device is None:
        device = mfa.new_totp_device(request.user)
        request.session[SETUP_DEVICE] = device.pk
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": mfa.qr_svg_data_uri(device.config_url),
            "secret": mfa.secret_for_manual_entry(device),
        },
    )
