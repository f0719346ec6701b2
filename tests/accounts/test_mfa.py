"""Two-factor sign-in with TOTP and backup codes (django-otp)."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/konto/login/"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username="manager"):
    return client.post(LOGIN, {"username": username, "password": "correct-horse-battery"})


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


class TestVerify:
    def test_a_user_with_an_authenticator_must_give_a_code_before_any_page(self, client, world):
        device = enrolled(world.manager)
        sign_in(client)
        response = client.get(reverse("recipients:list"))
        assert response.status_code == 302 and response["Location"] == reverse(
            "accounts:mfa-verify"
        )
        # Not even the setup page: a new phone cannot replace the second factor.
        assert client.get(reverse("accounts:mfa-setup"))["Location"] == reverse(
            "accounts:mfa-verify"
        )
        assert client.get("/api/v1/recipients/").status_code == 403
        ok = client.post(reverse("accounts:mfa-verify"), {"code": code_for(device)})
        assert ok.status_code == 302
        assert client.get(reverse("recipients:list")).status_code == 200

    def test_a_wrong_code_is_refused_with_a_message(self, client, world):
        enrolled(world.manager)
        sign_in(client)
        response = client.post(reverse("accounts:mfa-verify"), {"code": "000000"})
        assert response.status_code == 200
        assert "Koden stämmer inte" in response.content.decode()
        assert client.get(reverse("recipients:list")).status_code == 302

    def test_a_backup_code_works_once(self, client, world):
        from django.test import Client

        enrolled(world.manager)
        static = world.manager.staticdevice_set.create(name="backup", confirmed=True)
        StaticToken.objects.create(device=static, token="reserv123")
        sign_in(client)
        assert client.post(reverse("accounts:mfa-verify"), {"code": "reserv123"}).status_code == 302
        again = Client()
        sign_in(again)
        assert again.post(reverse("accounts:mfa-verify"), {"code": "reserv123"}).status_code == 200

    def test_users_without_an_authenticator_are_not_asked(self, client, world):
        sign_in(client, "staff_a")
        assert client.get(reverse("recipients:list")).status_code == 200


class TestSetup:
    def test_setting_up_an_authenticator_shows_a_qr_code_and_gives_backup_codes(
        self, client, world
    ):
        client.force_login(world.staff_a)
        page = client.get(reverse("accounts:mfa-setup")).content.decode()
        assert "data:image/svg+xml;base64," in page
        device = TOTPDevice.objects.get(user=world.staff_a, confirmed=False)
        response = client.post(reverse("accounts:mfa-setup"), {"code": code_for(device)})
        assert response.status_code == 200
        assert response.content.decode().count("<code>") == 10
        device.refresh_from_db()
        assert device.confirmed

    @override_settings(MFA_REQUIRED=True)
    def test_where_required_a_manager_must_set_one_up_first(self, client, world):
        sign_in(client, "manager")
        response = client.get(reverse("recipients:list"))
        assert response["Location"] == reverse("accounts:mfa-setup")

    @override_settings(MFA_REQUIRED=True)
    def test_where_required_care_staff_are_not_forced(self, client, world):
        sign_in(client, "staff_a")
        assert client.get(reverse("recipients:list")).status_code == 200


@pytest.mark.parametrize("url", ["/konto/tvastegs/", "/konto/tvastegs/aktivera/", "/konto/"])
def test_the_mfa_pages_need_a_signed_in_user(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_admin_never_shows_anyone_s_authenticator_secret(client, world):
    from apps.accounts.models import User

    device = enrolled(world.manager)
    root = User.objects.create_superuser("root", password="correct-horse-battery")
    client.force_login(root)
    for name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
        assert client.get(reverse(name, args=[device.pk])).status_code == 403, name
        # An unknown device is refused the same way, not a server error.
        assert client.get(reverse(name, args=[987654])).status_code == 403, name
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200 and device.key not in change.content.decode()
