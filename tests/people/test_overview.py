"""The person's page and the API's overview are one read (apps/people/selectors.py:
person_overview): the API's `content` is what `build_snapshot` says, its added keys are what
the page shows besides, and its queries are pinned like the page's."""

import pytest

from apps.plans.snapshot import build_snapshot
from tests.querycounts import ACCESS_LOG
from tests.recipients.test_pages import fill_alma

# token and user, token units, the person, their contacts; the read (answers; goals and their
# answers; interventions and what they serve (2); consents; assessments; open and past
# follow-ups; plan versions); then the access log. Before the one read: 12 + ACCESS_LOG,
# without consents, assessments and the follow-up history.
OVERVIEW = 15 + ACCESS_LOG


def overview_url(recipient):
    return f"/api/v1/recipients/{recipient.pk}/overview/"


def without_time(content):
    return {key: value for key, value in content.items() if key != "generated_at"}


@pytest.mark.parametrize("copies", [1, 4])
def test_the_content_is_the_snapshot_a_plan_version_would_freeze(
    world, life_areas, token_for, copies
):
    fill_alma(world, life_areas, copies=copies)
    body = token_for(world.staff_a).get(overview_url(world.alma)).json()
    assert without_time(body["content"]) == without_time(build_snapshot(world.alma))
    assert body["content"]["answers"] and body["content"]["interventions"]


def test_it_shows_what_the_page_shows_besides_the_plan(world, life_areas, token_for):
    made = fill_alma(world, life_areas)
    body = token_for(world.staff_a).get(overview_url(world.alma)).json()
    assert set(body) == {
        "recipient",
        "content",
        "care_plan",
        "consents",
        "assessments",
        "follow_up_history",
    }
    assert len(body["consents"]) == 1 and len(body["assessments"]) == 1
    assert [f["status"] for f in body["follow_up_history"]] == ["done"]
    [version] = made["plan"].versions.all()
    assert [v["id"] for v in body["care_plan"]["versions"]] == [str(version.pk)]
    assert set(body["care_plan"]) == {"approved_version", "open_version", "versions"}


@pytest.mark.parametrize("copies", [1, 6])
def test_the_overview_runs_the_same_pinned_number_of_queries_whatever_the_data(
    world, life_areas, token_for, django_assert_num_queries, copies
):
    client = token_for(world.staff_a)
    client.get(overview_url(world.alma))  # the token's first use of the day is noted once
    fill_alma(world, life_areas, copies=copies)
    with django_assert_num_queries(OVERVIEW):
        assert client.get(overview_url(world.alma)).status_code == 200
