"""Races that a trusted API must survive: parallel retries of one create."""

import threading

import pytest
from django.db import connection

from apps.recipients.models import CareRecipient

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite runs one writer at a time; the race needs PostgreSQL (CI runs both)",
)


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_posts_with_one_idempotency_key_make_one_row(world, token_for):
    body = {
        "unit": str(world.unit_a.pk),
        "given_name": "Parallell",
        "family_name": "Samtidigsson",
        "personal_number": "19121212-1212",
        "start_date": "2026-02-01",
    }
    clients = [token_for(world.assessor_a) for _ in range(10)]
    barrier = threading.Barrier(10)
    statuses, ids = [], []

    def send(client):
        barrier.wait()
        try:
            response = client.post(
                "/api/v1/recipients/", body, format="json", HTTP_IDEMPOTENCY_KEY="same-key"
            )
            statuses.append(response.status_code)
            ids.append(response.json().get("id"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert statuses == [201] * 10
    assert len(set(ids)) == 1
    assert CareRecipient.objects.filter(family_name="Samtidigsson").count() == 1
