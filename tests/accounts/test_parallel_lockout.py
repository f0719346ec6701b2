import threading

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite runs one writer at a time; the race needs PostgreSQL (CI runs both)",
)


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_wrong_passwords_lock_the_user_and_the_address(world):
    barrier = threading.Barrier(20)
    statuses = []

    def guess(n):
        barrier.wait()
        try:
            response = Client().post(
                "/konto/login/",
                {"username": "staff_a", "password": f"guess-{n}"},
                REMOTE_ADDR="10.20.30.40",
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(statuses) == 20 and 302 not in statuses
    assert statuses.count(429) >= 10  # most were refused without even checking the password
    right_password = Client().post(
        "/konto/login/",
        {"username": "staff_a", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.99.99.99",
    )
    assert right_password.status_code == 429  # the user name is locked
    other_user = Client().post(
        "/konto/login/",
        {"username": "staff_b", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.20.30.40",
    )
    assert other_user.status_code == 429  # and so is the address
