"""Integration tokens: stored hashed, shown once, expiring, revocable, read-only or
read-write, scoped to units; every use recorded."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def integration(world):
    user = UserFactory(username="region-api", is_integration=True)
    MembershipFactory(user=user, unit=world.unit_a, role="licensed_professional")
    MembershipFactory(user=user, unit=world.unit_b, role="licensed_professional")
    return user


def api(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def create_in_admin(client, world, integration, **overrides):
    client.force_login(world.admin_user)
    data = {
        "user": str(integration.pk),
        "name": "Regionens journal",
        "valid_days": "30",
        "read_only": "on",
    }
    data.update(overrides)
    return client.post(reverse("admin:accounts_apitoken_add"), data, follow=True)


def shown_token(response) -> str:
    match = re.search(r"bara den här gången: ([0-9a-f]{64})", response.content.decode())
    assert match, "the new token must be shown once"
    return match.group(1)


def test_an_administrator_creates_a_token_that_is_shown_once_and_stored_hashed(
    client, world, integration
):
    response = create_in_admin(client, world, integration)
    raw = shown_token(response)
    token = ApiToken.objects.get()
    assert raw not in (token.digest, token.token_key) and token.digest != raw
    assert token.token_key == raw[:15]
    assert token.read_only and token.expiry > timezone.now() + dt.timedelta(days=29)
    # Shown once: the next page does not carry it.
    assert raw not in client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert api(raw).get("/api/v1/recipients/").status_code == 200
    assert api(raw).post("/api/v1/recipients/", {}, format="json").status_code == 403  # read-only


def test_a_token_can_be_narrowed_to_units_the_user_belongs_to(client, world, integration):
    raw = shown_token(create_in_admin(client, world, integration, units=[str(world.unit_b.pk)]))
    names = {r["given_name"] for r in api(raw).get("/api/v1/recipients/").json()["results"]}
    assert names == {"Bo"}


def test_a_unit_the_user_is_not_a_member_of_is_refused(client, world, integration):
    response = create_in_admin(client, world, integration, units=[str(world.unit_x.pk)])
    assert not ApiToken.objects.exists()
    assert response.status_code == 200


def test_revoking_is_deleting_and_the_token_stops_working(client, world, integration):
    raw = shown_token(create_in_admin(client, world, integration))
    token = ApiToken.objects.get()
    client.post(reverse("admin:accounts_apitoken_delete", args=[token.pk]), {"post": "yes"})
    assert not ApiToken.objects.exists()
    assert api(raw).get("/api/v1/recipients/").status_code == 401


def test_every_use_is_recorded(client, world, integration):
    from apps.audit.models import AccessLog

    raw = shown_token(create_in_admin(client, world, integration))
    api(raw).get(f"/api/v1/recipients/{world.alma.pk}/")
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    row = AccessLog.objects.get(recipient_id=world.alma.pk)
    assert row.channel == "api_token" and row.token_key == token.token_key


def test_other_administrators_do_not_see_the_token(client, world, integration):
    create_in_admin(client, world, integration)
    other = UserFactory(username="other-admin", is_staff=True)
    MembershipFactory(user=other, unit=world.unit_x, role="administrator")
    client.force_login(other)
    assert (
        "Regionens journal"
        not in client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    )


def test_an_administrator_cannot_make_anyone_superuser(client, world):
    client.force_login(world.admin_user)
    page = client.get(
        reverse("admin:accounts_user_change", args=[world.staff_a.pk])
    ).content.decode()
    assert 'name="is_superuser"' not in page


def test_the_command_prints_a_token_once(world, integration, capsys):
    call_command("create_api_token", "region-api", "--name", "Statistik", "--days", "7")
    raw = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert api(raw).get("/api/v1/recipients/").status_code == 200
    assert ApiToken.objects.get().read_only
