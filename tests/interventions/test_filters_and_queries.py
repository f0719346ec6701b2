"""The interventions FilterSet through the API, and the number of queries a list and a
detail cost (fixed, whatever the page size)."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.core.history import allow_untracked_writes
from apps.interventions.choices import InterventionStatus as S
from apps.interventions.filters import InterventionFilterSet
from apps.interventions.models import Intervention
from tests.factories import AnswerFactory, GoalFactory, LifeAreaFactory, TechnologyFactory
from tests.interventions.factories import assessment, consent
from tests.querycounts import ACCESS_LOG

LIST = "/api/v1/interventions/"


@pytest.fixture
def ids_for(token_for, world):
    client = token_for(world.manager)

    def ids(query=""):
        response = client.get(LIST + query)
        assert response.status_code == 200, response.json()
        return [r["id"] for r in response.json()["results"]]

    return ids


class TestFilters:
    def test_status_takes_several_values(self, world, make_intervention, ids_for):
        proposed, trial = make_intervention(S.PROPOSED), make_intervention(S.TRIAL)
        make_intervention(S.ENDED)
        assert set(ids_for("?status=proposed&status=trial")) == {str(proposed.pk), str(trial.pk)}

    def test_life_area_finds_each_intervention_once(self, world, make_intervention, ids_for):
        safety = LifeAreaFactory(code="safety")
        twice = make_intervention()
        twice.serves_answers.set(
            [AnswerFactory(conversation__recipient=world.alma, life_area=safety) for _ in range(2)]
        )
        make_intervention()  # serves sleep only
        assert ids_for("?life_area=safety") == [str(twice.pk)]
        assert len(ids_for("?life_area=safety&life_area=sleep")) == 2

    def test_an_unknown_life_area_is_400(self, world, ids_for, token_for):
        response = token_for(world.manager).get(LIST + "?life_area=nowhere")
        assert response.status_code == 400

    def test_recipient_unit_technology_and_delivery(self, world, make_intervention, ids_for):
        other_tech = TechnologyFactory()
        almas = make_intervention(technology=other_tech)
        bos = make_intervention(recipient=world.bo)
        in_person = make_intervention(
            technology=None, delivery="in_person", digital_first_reason="Vill ha besök."
        )
        assert set(ids_for(f"?recipient={world.alma.pk}")) == {str(almas.pk), str(in_person.pk)}
        assert ids_for(f"?unit={world.unit_b.pk}") == [str(bos.pk)]
        assert ids_for(f"?technology={other_tech.pk}") == [str(almas.pk)]
        assert ids_for("?delivery=in_person") == [str(in_person.pk)]

    def test_trial_end_before_and_after(self, world, make_intervention, ids_for):
        early = make_intervention(S.TRIAL, trial_end=dt.date(2026, 2, 1))
        late = make_intervention(S.TRIAL, trial_end=dt.date(2026, 3, 15))
        assert ids_for("?trial_end_before=2026-02-28") == [str(early.pk)]
        assert ids_for("?trial_end_after=2026-02-28") == [str(late.pk)]

    def test_updated_since(self, world, make_intervention, ids_for):
        old = make_intervention()
        with allow_untracked_writes():  # set up a state no service produces
            Intervention.objects.filter(pk=old.pk).update(
                updated_at=timezone.now() - dt.timedelta(days=10)
            )
        fresh = make_intervention()
        since = (timezone.now() - dt.timedelta(days=1)).isoformat().replace("+", "%2B")
        assert ids_for(f"?updated_since={since}") == [str(fresh.pk)]

    def test_every_filter_is_backed_by_an_index(self):
        indexed = {tuple(i.fields) for i in Intervention._meta.indexes}
        assert ("delivery", "status") in indexed
        assert ("trial_end",) in indexed
        assert ("status", "trial_end") in indexed  # status (leading column)
        assert Intervention._meta.get_field("updated_at").db_index
        assert set(InterventionFilterSet.base_filters) == {
            "recipient",
            "unit",
            "status",
            "technology",
            "life_area",
            "delivery",
            "trial_end_before",
            "trial_end_after",
            "updated_since",
        }


def _full_intervention(world, make_intervention, licensed_a):
    intervention = make_intervention(S.TRIAL)
    intervention.serves_answers.add(AnswerFactory(conversation__recipient=world.alma))
    intervention.serves_goals.set([GoalFactory(recipient=world.alma) for _ in range(2)])
    consent(intervention)
    assessment(intervention, "suitable", assessor=licensed_a)
    from apps.interventions.models import InterventionEvent

    InterventionEvent.objects.create(
        intervention=intervention,
        action="start_trial",
        from_status="accepted",
        to_status="trial",
        actor=world.assessor_a,
    )
    return intervention


class TestQueryCounts:
    # main query (scoping as subqueries) + served answers (with life area) + served goals
    # + the caller's roles, once, for allowed_actions (what this caller may do now)
    LIST_QUERIES = 4 + ACCESS_LOG
    # the list's four + consents + events (with actor) + assessments (with assessor)
    DETAIL_QUERIES = 7 + ACCESS_LOG

    @pytest.mark.parametrize("how_many", [1, 6])
    def test_a_list_costs_the_same_whatever_the_page_size(
        self, api_client, world, make_intervention, licensed_a, django_assert_num_queries, how_many
    ):
        for _ in range(how_many):
            _full_intervention(world, make_intervention, licensed_a)
        api_client.force_authenticate(world.manager)
        with django_assert_num_queries(self.LIST_QUERIES):
            response = api_client.get(LIST)
        assert len(response.json()["results"]) == how_many

    def test_a_detail_costs_a_fixed_number_of_queries(
        self, api_client, world, make_intervention, licensed_a, django_assert_num_queries
    ):
        intervention = _full_intervention(world, make_intervention, licensed_a)
        api_client.force_authenticate(world.manager)
        with django_assert_num_queries(self.DETAIL_QUERIES):
            body = api_client.get(f"{LIST}{intervention.pk}/").json()
        assert len(body["serves_answers"]) == 2 and len(body["serves_goals"]) == 2
        assert len(body["consents"]) == 1 and len(body["events"]) == 1
        assert body["latest_assessment"]["decision"] == "suitable"

    def test_a_consent_list_costs_one_query(
        self, api_client, world, make_intervention, django_assert_num_queries
    ):
        for _ in range(4):
            consent(make_intervention())
        api_client.force_authenticate(world.manager)
        with django_assert_num_queries(1 + ACCESS_LOG):
            assert len(api_client.get("/api/v1/consents/").json()["results"]) == 4
