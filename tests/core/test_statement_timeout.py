"""A statement that runs past PostgreSQL's `statement_timeout` (here: waiting for a row that
another transaction holds) gives the one 503, on a page as in the API, and the next request
is served: no restart, nothing half-saved."""

import psycopg
import pytest
from django.db import connection
from django.test import Client

from apps.plans.models import CarePlanVersion
from tests.factories import CarePlanFactory, CarePlanVersionFactory

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="statement_timeout and row locks held by another connection are PostgreSQL's",
)


@pytest.fixture
def row_held_elsewhere(world):
    """A draft plan of Alma's whose row another connection has locked, and a short
    statement_timeout on the test's own connection."""
    version = CarePlanVersionFactory(plan=CarePlanFactory(recipient=world.alma), summary="Före")
    settings_dict = connection.settings_dict
    other = psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        password=settings_dict["PASSWORD"] or None,
    )
    other.execute("SELECT 1 FROM plans_careplanversion WHERE id = %s FOR UPDATE", [version.pk])
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    yield version
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    other.rollback()
    other.close()


@pytest.mark.django_db(transaction=True)
def test_a_statement_timeout_on_a_page_is_the_503_page(row_held_elsewhere, world):
    version = row_held_elsewhere
    client = Client(raise_request_exception=False)  # as a browser: the answer, not the error
    client.force_login(world.staff_a)
    response = client.post(
        f"/planer/{version.pk}/klartext/",
        {"summary": "Efter", "row_version": version.version},
    )
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "5" and response["Cache-Control"] == "no-store"
    assert "Det du skrev har inte sparats" in response.content.decode()
    assert CarePlanVersion.objects.get(pk=version.pk).summary == "Före"
    assert client.get(f"/omsorgstagare/{world.alma.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_statement_timeout_in_the_api_is_the_503_problem(token_for, row_held_elsewhere, world):
    version = row_held_elsewhere
    client = token_for(world.staff_a)
    client.raise_request_exception = False
    response = client.patch(
        f"/api/v1/care-plans/{version.pk}/",
        {"summary": "Efter"},
        format="json",
        HTTP_IF_MATCH=f'"v{version.version}"',
    )
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
    assert CarePlanVersion.objects.get(pk=version.pk).summary == "Före"
