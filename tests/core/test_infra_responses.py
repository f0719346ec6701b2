"""Responses every client meets whatever the page: no caching, problem+json 404s under /api/,
the 413's headers, one 503, the client's address behind a proxy, the CSRF failure page."""

import html
import re
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from apps.audit.models import AccessLog


def test_a_recipient_list_and_page_and_api_responses_are_never_cached(client, world):
    anonymous = Client()
    assert anonymous.get("/api/v1/recipients/")["Cache-Control"] == "no-store"  # 401
    client.force_login(world.staff_a)
    for path in [
        "/omsorgstagare/",
        f"/omsorgstagare/{world.alma.pk}/",
        "/api/v1/life-areas/",
        "/api/v1/recipients/",
        "/api/v1/recipients/00000000-0000-0000-0000-000000000000/",
    ]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_route_is_problem_json(client, world, debug):
    with override_settings(DEBUG=debug):
        response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Hittades inte"


def test_a_413_carries_the_security_headers(client):
    response = client.generic("POST", "/konto/login/", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413
    assert "default-src" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_an_unwritable_access_log_gives_the_one_503(client, world):
    client.force_login(world.staff_a)
    with mock.patch("apps.audit.middleware.write", side_effect=OperationalError("down")):
        page = client.get(f"/omsorgstagare/{world.alma.pk}/")
        api = client.get(f"/api/v1/recipients/{world.alma.pk}/")
    assert page.status_code == 503 and page["Content-Type"] == "text/html; charset=utf-8"
    assert "Tjänsten är otillgänglig" in page.content.decode()
    assert api.status_code == 503 and api["Content-Type"] == "application/problem+json"
    for response in (page, api):
        assert response["Retry-After"] == "5"
        assert response["Cache-Control"] == "no-store"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_and_the_log_use_the_address_the_proxy_saw(client, world):
    for n in range(5):
        client.post(
            "/konto/login/",
            {"username": f"nobody{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        )
    locked = client.post(
        "/konto/login/",
        {"username": "staff_a", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    assert locked.status_code == 429
    other = Client().post(
        "/konto/login/",
        {"username": "staff_a", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.8",
    )
    assert other.status_code == 302
    reader = Client()
    reader.force_login(world.staff_a)
    reader.get(
        f"/omsorgstagare/{world.alma.pk}/",
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7",
    )
    assert AccessLog.objects.latest("pk").ip_address == "198.51.100.7"


def test_the_csrf_failure_page_is_swedish_keeps_the_words_and_hides_passwords(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff_a)
    client.get("/omsorgstagare/")
    response = client.post(
        "/konto/login/",
        {"note": "<b>Kaffe</b> på morgonen", "password": "hemligt-lösen-123"},
        HTTP_ORIGIN="http://testserver",
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in text
    assert "&lt;b&gt;Kaffe&lt;/b&gt; på morgonen" in text and "<b>Kaffe" not in text
    assert "hemligt-lösen-123" not in text
    assert "Skicka igen" not in text  # a password was withheld


@pytest.mark.parametrize(
    ("origin", "offered"), [("http://testserver", True), ("https://evil.example", False)]
)
def test_the_csrf_page_offers_to_send_again_only_for_our_own_pages(world, origin, offered):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff_a)
    client.get("/omsorgstagare/")
    response = client.post("/omsorgstagare/", {"q": "Kaffe"}, HTTP_ORIGIN=origin)
    assert response.status_code == 403
    assert ("Skicka igen" in response.content.decode()) is offered


def test_after_signing_in_again_elsewhere_the_words_are_saved_by_sending_again(world, life_areas):
    """The whole round: a goal form opened, the user signs in again in another tab (a new CSRF
    token), the form is sent with the old token, refused, and "Skicka igen" saves the words."""
    from apps.whatmatters.models import Goal
    from tests.factories import AnswerFactory, ConversationFactory

    answer = AnswerFactory(
        conversation=ConversationFactory(recipient=world.alma, held_by=world.staff_a),
        life_area=life_areas["sleep"],
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff_a)
    form_page = client.get(reverse("whatmatters:goal-create", args=[world.alma.pk]))
    url = form_page.wsgi_request.path
    old_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode())
    # Signing in again in another tab rotates the token: the browser now holds a new secret.
    client.cookies[settings.CSRF_COOKIE_NAME] = "n" * 32
    words = "Jag vill kunna gå till affären själv igen."
    refused = client.post(
        url,
        {
            "csrfmiddlewaretoken": old_token.group(1),
            "answers": [str(answer.pk)],
            "own_words": words,
            "indicator": "",
            "target_date": "",
        },
        HTTP_ORIGIN="http://testserver",
    )
    assert refused.status_code == 403 and not Goal.objects.exists()
    page = refused.content.decode()
    assert words in page
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form.group(1) == url
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(html.unescape(value))
    assert data["csrfmiddlewaretoken"] != [old_token.group(1)]
    sent_again = client.post(url, data, HTTP_ORIGIN="http://testserver")
    assert sent_again.status_code == 302
    assert Goal.objects.get(recipient=world.alma).own_words == words
