"""The whole way through the pages, as the people in the sources work: a night camera that
serves "sova ostört" is proposed, consented to (also by the husband she lives with), judged
by a nurse, accepted, tried, evaluated, used, and ended."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from apps.interventions.models import Intervention
from tests.factories import ContactFactory


def url(name, *args):
    return reverse(f"interventions:{name}", args=args)


def test_a_night_camera_from_proposal_to_end(client, world, answer, camera, licensed_a):
    camera.life_areas.set([answer.life_area])
    husband = ContactFactory(recipient=world.alma, name="Erik", lives_with_recipient=True)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")

    # A case officer proposes the camera from what Alma said.
    client.force_login(world.assessor_a)
    page = client.get(
        reverse("interventions:propose", args=[world.alma.pk]) + f"?answer={answer.pk}"
    )
    assert "Att få sova ostört." in page.content.decode()
    response = client.post(
        reverse("interventions:propose", args=[world.alma.pk]) + f"?answer={answer.pk}",
        {
            "serves_answers": [answer.pk],
            "delivery": "technology",
            "technology": camera.pk,
            "title": "Nattkamera i stället för nattbesök",
            "rationale": "Alma vaknar av nattbesöken och vill sova ostört.",
            "visits_replaced_per_week": "7",
        },
    )
    intervention = Intervention.objects.get()
    assert response["Location"] == url("detail", intervention.pk)

    # Accepting before consent is refused, with what is missing.
    page = client.post(url("accept", intervention.pk), {"version": 1})
    assert page.status_code == 409 and "Samtycke krävs" in page.content.decode()

    # Care staff record Alma's consent and her husband's.
    client.force_login(world.staff_a)
    for data in (
        {"given_by": "person", "method": "verbal"},
        {"given_by": "cohabitant", "cohabitant": husband.pk, "method": "written"},
    ):
        response = client.post(url("consent-create", intervention.pk), {**data, "given_at": now})
        assert response.status_code == 302, response.content.decode()

    # A nurse judges it suitable after a trial.
    client.force_login(licensed_a)
    response = client.post(
        reverse("assessments:record", args=[intervention.pk]),
        {
            "kind": "suitability",
            "profession": "nurse",
            "decision": "suitable_after_trial",
            "rationale": "Alma förstår kameran; maken samtycker. Prova en månad.",
        },
    )
    assert response.status_code == 302

    # The case officer accepts, starts a trial, evaluates it, and later ends it.
    client.force_login(world.assessor_a)
    today = timezone.localdate()
    steps = [
        ("accept", {}, "accepted"),
        (
            "start-trial",
            {"trial_start": today.isoformat(), "trial_end": (today + dt.timedelta(days=30))},
            "trial",
        ),
        ("evaluate", {"reason": "Alma sover hela nätter."}, "active"),
        ("end", {"end_reason": "completed", "reason": "Målet nått."}, "ended"),
    ]
    for action, data, status in steps:
        intervention.refresh_from_db()
        response = client.post(
            url(action, intervention.pk), {"version": intervention.version, **data}
        )
        assert response.status_code == 302, response.content.decode()
        intervention.refresh_from_db()
        assert intervention.status == status

    html = client.get(url("detail", intervention.pk)).content.decode()
    log = html.split('id="event-log"')[1]
    for step in (
        "– → Föreslagen",
        "Föreslagen → Accepterad",
        "Accepterad → Utprovning",
        "Utprovning → Pågående",
        "Pågående → Avslutad",
    ):
        assert step in log
    assert log.index("Accepterad → Utprovning") < log.index("Pågående → Avslutad")
    assert "Alma sover hela nätter." in log and "Målet nått." in log
    assert not [a for a in ("accept", "end") if url(a, intervention.pk) in html]
    assert intervention.trial_end == today + dt.timedelta(days=30)
