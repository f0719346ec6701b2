"""Two-factor sign-in (TOTP, with single-use backup codes) through django-otp.

At login we note in the session what the user still owes: "verify" (they have a confirmed
authenticator: enter a code) or "setup" (MFA_REQUIRED is on and they are a manager,
administrator or staff: set one up first). `MfaMiddleware` keeps them on those pages until
done. API tokens are not sessions and are not affected.
"""

import base64
import io

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.organisations.choices import Role

SESSION_KEY = "mfa_pending"
VERIFY, SETUP = "verify", "setup"
BACKUP_CODES = 10


def is_privileged(user) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    return user.memberships.filter(role__in=[Role.MANAGER, Role.ADMINISTRATOR]).exists()


def pending_step(user) -> str | None:
    if user_has_device(user, confirmed=True):
        return VERIFY
    if settings.MFA_REQUIRED and is_privileged(user):
        return SETUP
    return None


def new_totp_device(user) -> TOTPDevice:
    """An unconfirmed authenticator; it counts only once the user has entered a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device if `code` is right; return fresh backup codes (shown once)."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # A new phone replaces the old one.
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    static, _created = StaticDevice.objects.get_or_create(
        user=device.user, name="Reservkoder", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def verify_code(user, code: str):
    """The device that accepts `code` (authenticator first, then a backup code), or None."""
    code = "".join(code.split())
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(code):
                return device
    return None


def qr_svg_data_uri(config_url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")
