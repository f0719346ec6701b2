"""Login protection: lockout (django-axes), idle timeout, logging out everywhere."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from apps.accounts.middleware import LAST_SEEN

LOGIN = "/konto/login/"


def attempt(client, username, password="wrong-password", ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


class TestLockout:
    def test_the_user_name_is_locked_after_five_failures_even_with_the_right_password(
        self, client, world
    ):
        for n in range(5):
            attempt(client, "staff_a", ip=f"10.0.0.{n + 1}")  # from five addresses
        response = attempt(client, "staff_a", password="correct-horse-battery", ip="10.0.0.99")
        assert response.status_code == 429
        assert "tillfälligt spärrad" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_an_address_is_locked_after_five_failures_across_user_names(self, client, world):
        for name in ["a1", "a2", "a3", "a4", "a5"]:
            attempt(client, name, ip="10.9.9.9")
        response = attempt(client, "staff_b", password="correct-horse-battery", ip="10.9.9.9")
        assert response.status_code == 429

    def test_four_failures_then_success_is_allowed_and_resets_the_count(self, client, world):
        for _ in range(4):
            attempt(client, "staff_a")
        ok = attempt(client, "staff_a", password="correct-horse-battery")
        assert ok.status_code == 302
        client.logout()
        for _ in range(4):
            attempt(client, "staff_a")
        assert attempt(client, "staff_a", password="correct-horse-battery").status_code == 302

    def test_a_failed_login_says_nothing_about_whether_the_user_exists(self, client, world):
        known = attempt(client, "staff_a", ip="10.1.1.1").content.decode()
        unknown = attempt(client, "nobody-here", ip="10.1.1.2").content.decode()
        assert "Ange ett korrekt användarnamn och lösenord" in known or "correct username" in known
        import re

        def normalise(html, name):
            html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
            return html.replace(name, "X")

        assert normalise(known, "staff_a") == normalise(unknown, "nobody-here")


class TestSessions:
    def test_an_idle_session_is_signed_out(self, client, world):
        client.force_login(world.staff_a)
        session = client.session
        session[LAST_SEEN] = int(time.time()) - 31 * 60
        session.save()
        response = client.get(reverse("recipients:list"))
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:login")
        )
        assert client.get(reverse("recipients:list")).status_code == 302

    def test_an_active_session_continues(self, client, world):
        client.force_login(world.staff_a)
        assert client.get(reverse("recipients:list")).status_code == 200
        assert client.get(reverse("recipients:list")).status_code == 200

    def test_logging_out_everywhere_ends_the_other_sessions_too(self, client, world):
        from django.test import Client

        other_device = Client()
        other_device.force_login(world.staff_a)
        client.force_login(world.staff_a)
        assert other_device.get(reverse("recipients:list")).status_code == 200
        response = client.post(reverse("accounts:logout-everywhere"))
        assert response.status_code == 302
        assert other_device.get(reverse("recipients:list")).status_code == 302
        assert client.get(reverse("recipients:list")).status_code == 302

    def test_disabling_a_user_ends_their_sessions(self, client, world):
        client.force_login(world.staff_a)
        world.staff_a.is_active = False
        world.staff_a.save()
        assert client.get(reverse("recipients:list")).status_code == 302

    @override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
    def test_session_cookies_are_http_only_and_lax(self, client, world):
        response = attempt(client, "staff_a", password="correct-horse-battery")
        cookie = response.cookies["sessionid"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["secure"]


@pytest.mark.parametrize("password", ["kort", "123456789012345", "Kort1!"])
def test_weak_passwords_are_refused(world, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, user=world.staff_a)


def test_a_long_unusual_password_is_accepted(world):
    from django.contrib.auth.password_validation import validate_password

    validate_password("Blåbärssylt och kanelbullar 7", user=world.staff_a)
