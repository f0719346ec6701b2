"""Issue 3's promise: an integration with a token and the docs alone can carry a person's plan
from "what matters" to an active night camera with a follow-up, and read it all back.

Every call below is checked against the published OpenAPI schema first, so the test also
proves the docs describe what the integration needs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organisations.choices import Role
from tests.factories import MembershipFactory, NightCameraFactory, UserFactory


@pytest.fixture
def schema_paths(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    return schema["paths"]


@pytest.fixture
def region(world, token_for):
    """The region's system: an integration user with a licensed professional's role in
    unit A (the HSL side), and a read-write token limited to that unit."""
    user = UserFactory(username="region-system", is_integration=True)
    MembershipFactory(user=user, unit=world.unit_a, role=Role.LICENSED_PROFESSIONAL)
    return token_for(user, units=[world.unit_a])


def call(client, schema_paths, method, path_template, path, body=None, **headers):
    assert path_template in schema_paths, f"{path_template} is not in the OpenAPI schema"
    assert method in schema_paths[path_template], f"{method.upper()} {path_template} undocumented"
    response = getattr(client, method)(path, body, format="json", **headers)
    return response


def test_an_integration_carries_a_plan_from_what_matters_to_a_followed_up_night_camera(
    world, region, life_areas, schema_paths
):
    camera = NightCameraFactory()
    camera.life_areas.set([life_areas["sleep"], life_areas["security"]])
    alma = world.alma
    now = timezone.now()
    today = timezone.localdate()

    # 1. A "what matters" conversation with three answers, in Alma's own words.
    conversation = call(
        region,
        schema_paths,
        "post",
        "/api/v1/conversations/",
        "/api/v1/conversations/",
        {
            "recipient": str(alma.pk),
            "held_at": (now - dt.timedelta(hours=1)).isoformat(),
            "location": "home_visit",
            "participants": "Alma och dottern",
            "answers": [
                {
                    "life_area": "sleep",
                    "own_words": "Att få sova ostört hela natten.",
                    "importance": 10,
                    "performance": 2,
                },
                {
                    "life_area": "security",
                    "own_words": "Att känna mig trygg när det är mörkt.",
                    "importance": 8,
                    "performance": 4,
                },
                {
                    "life_area": "relationships",
                    "own_words": "Att dottern kommer på söndagar.",
                    "importance": 9,
                    "performance": 8,
                },
            ],
        },
        HTTP_IDEMPOTENCY_KEY="conv-1",
    )
    assert conversation.status_code == 201, conversation.json()
    answers = {a["own_words"]: a["id"] for a in conversation.json()["answers"]}
    sleep = answers["Att få sova ostört hela natten."]

    # 2. A goal formulated with Alma from the sleep answer.
    goal = call(
        region,
        schema_paths,
        "post",
        "/api/v1/goals/",
        "/api/v1/goals/",
        {
            "recipient": str(alma.pk),
            "answers": [sleep],
            "own_words": "Jag vill sova utan att bli väckt.",
            "indicator": "Sover hela natten minst fem nätter i veckan.",
            "target_date": (today + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert goal.status_code == 201, goal.json()

    # 3. Propose a night camera that serves "sleep undisturbed".
    proposed = call(
        region,
        schema_paths,
        "post",
        "/api/v1/interventions/",
        "/api/v1/interventions/",
        {
            "recipient": str(alma.pk),
            "delivery": "technology",
            "technology": str(camera.pk),
            "title": "Nattkamera i stället för tillsynsbesök kl 02",
            "rationale": "Alma vaknar av nattbesöken; kameran låter henne sova.",
            "serves_answers": [sleep],
            "serves_goals": [goal.json()["id"]],
            "visits_replaced_per_week": 7,
        },
        HTTP_IDEMPOTENCY_KEY="propose-1",
    )
    assert proposed.status_code == 201, proposed.json()
    intervention = proposed.json()["id"]
    base = f"/api/v1/interventions/{intervention}/"
    tpl = "/api/v1/interventions/{id}/"

    # Accepting before consent is refused, and the answer says what is allowed.
    early = call(
        region,
        schema_paths,
        "post",
        tpl + "accept/",
        base + "accept/",
        {"reason": "Alma vill prova"},
    )
    assert early.status_code == 409
    assert early.json()["current_status"] == "proposed"

    # 4. Consent from Alma herself.
    consent = call(
        region,
        schema_paths,
        "post",
        "/api/v1/consents/",
        "/api/v1/consents/",
        {
            "intervention": intervention,
            "given_by": "person",
            "method": "verbal",
            "given_at": (now - dt.timedelta(minutes=30)).isoformat(),
        },
    )
    assert consent.status_code == 201, consent.json()
    accepted = call(
        region,
        schema_paths,
        "post",
        tpl + "accept/",
        base + "accept/",
        {"reason": "Alma vill prova"},
    )
    assert accepted.status_code == 200, accepted.json()

    # 5. A professional assessment, then the trial.
    assessment = call(
        region,
        schema_paths,
        "post",
        "/api/v1/assessments/",
        "/api/v1/assessments/",
        {
            "intervention": intervention,
            "kind": "suitability",
            "profession": "nurse",
            "decision": "suitable_after_trial",
            "rationale": "Inga risker; prova i fyra veckor.",
        },
    )
    assert assessment.status_code == 201, assessment.json()
    trial = call(
        region,
        schema_paths,
        "post",
        tpl + "start-trial/",
        base + "start-trial/",
        {
            "reason": "Fyra veckors prövning",
            "trial_start": today.isoformat(),
            "trial_end": (today + dt.timedelta(days=28)).isoformat(),
        },
    )
    assert trial.status_code == 200, trial.json()
    active = call(
        region,
        schema_paths,
        "post",
        tpl + "evaluate/",
        base + "evaluate/",
        {
            "reason": "Alma sover bättre och vill fortsätta.",
        },
        HTTP_IF_MATCH=trial["ETag"],
    )
    assert active.status_code == 200, active.json()
    assert active.json()["status"] == "active"

    # 6. A follow-up: does it still serve what matters?
    scheduled = call(
        region,
        schema_paths,
        "post",
        "/api/v1/follow-ups/",
        "/api/v1/follow-ups/",
        {
            "intervention": intervention,
            "goal": goal.json()["id"],
            "due_date": today.isoformat(),
            "responsible": str(world.staff_a.pk),
        },
    )
    assert scheduled.status_code == 201, scheduled.json()
    done = call(
        region,
        schema_paths,
        "post",
        "/api/v1/follow-ups/{id}/complete/",
        f"/api/v1/follow-ups/{scheduled.json()['id']}/complete/",
        {
            "own_words": "Jag sover hela nätterna nu.",
            "performance": 8,
            "still_matters": "yes",
            "decision": "continue",
            "goal_outcome": "partly_achieved",
            "next_due_date": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert done.status_code == 200, done.json()
    assert done.json()["next_follow_up"]

    # 7. Read Alma's whole plan back in one call.
    overview = call(
        region,
        schema_paths,
        "get",
        "/api/v1/recipients/{id}/overview/",
        f"/api/v1/recipients/{alma.pk}/overview/",
    )
    assert overview.status_code == 200
    body = overview.json()
    content = body["content"]
    assert body["recipient"]["id"] == str(alma.pk)
    assert {a["own_words"] for a in content["answers"]} == set(answers)
    [plan_goal] = content["goals"]
    assert plan_goal["own_words"] == "Jag vill sova utan att bli väckt."
    assert plan_goal["status"] == "partly_achieved"
    [camera_plan] = content["interventions"]
    assert camera_plan["status"] == "active" and sleep in camera_plan["serves_answer_ids"]
    assert len(content["follow_ups"]) == 1  # the next one, scheduled from the done one

    # The event log tells who did what, in order.
    events = region.get(base).json()["events"]
    assert [e["to_status"] for e in events] == ["proposed", "accepted", "trial", "active"]


def test_the_overview_is_scoped_like_everything_else(world, token_for):
    assert (
        token_for(world.staff_a).get(f"/api/v1/recipients/{world.bo.pk}/overview/").status_code
        == 404
    )
    assert (
        token_for(world.staff_a).get(f"/api/v1/recipients/{world.alma.pk}/overview/").status_code
        == 200
    )
