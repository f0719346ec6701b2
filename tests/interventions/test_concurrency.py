"""Two identical transitions at once: the row lock makes the second wait, then read the new
state and be refused (409), so the intervention moves once and the log holds one event."""

import threading

import pytest
from django.db import connection

from apps.core.exceptions import IllegalTransition
from apps.interventions import services
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.models import Intervention, InterventionEvent

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason=(
        "SQLite: the test database is one in-memory database shared by every thread, where "
        "a second writer is refused ('database table is locked') instead of waiting; with "
        "one writer at a time there is no race to test. Runs on PostgreSQL (CI runs both)."
    ),
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_the_same_transition_twice_at_once_gives_one_success_and_one_409(
    world, make_intervention, monkeypatch, action
):
    intervention = make_intervention(S.PROPOSED)
    first_holds_the_lock = threading.Event()
    release_first = threading.Event()
    record_event = services._record_event

    def record_event_and_wait(**kwargs):
        event = record_event(**kwargs)
        if threading.current_thread().name == "first":
            first_holds_the_lock.set()  # status changed, not yet committed
            release_first.wait(10)
        return event

    monkeypatch.setattr(services, "_record_event", record_event_and_wait)
    results = {}

    def run():
        name = threading.current_thread().name
        try:
            services.intervention_transition(
                actor=world.assessor_a,
                intervention=Intervention(pk=intervention.pk),
                action=action,
                reason="Samtidigt.",
            )
            results[name] = "ok"
        except IllegalTransition as exc:
            results[name] = ("409", exc.extra["current_status"])
        except Exception as exc:  # reported in the assertion below
            results[name] = repr(exc)
        finally:
            connection.close()

    first = threading.Thread(target=run, name="first")
    second = threading.Thread(target=run, name="second")
    first.start()
    assert first_holds_the_lock.wait(10)
    second.start()
    second.join(0.5)
    assert second.is_alive(), "the second request must wait for the row lock"
    release_first.set()
    first.join(10)
    second.join(10)

    expected_status = S.ACCEPTED if action == "accept" else S.DECLINED
    assert results == {"first": "ok", "second": ("409", expected_status)}
    intervention.refresh_from_db()
    assert (intervention.status, intervention.version) == (expected_status, 2)
    assert InterventionEvent.objects.filter(intervention=intervention).count() == 1
