"""The interventions API: propose (idempotent), read with the person's own words, edit while
proposed (If-Match), and the lifecycle actions with their 409 / 412 answers."""

import pytest

from apps.interventions.choices import InterventionStatus as S
from apps.interventions.models import Intervention, InterventionEvent
from tests.factories import AnswerFactory, ContactFactory, GoalFactory, InterventionFactory
from tests.helpers import error_fields, error_pairs
from tests.interventions.factories import assessment, consent

LIST = "/api/v1/interventions/"


def detail(intervention):
    return f"{LIST}{intervention.pk}/"


def act(intervention, path):
    return f"{LIST}{intervention.pk}/{path}/"


def proposal(world, answer, tech, **overrides):
    body = {
        "recipient": str(world.alma.pk),
        "delivery": "technology",
        "technology": str(tech.pk),
        "title": "Nattkamera",
        "rationale": "Alma vill sova ostört.",
        "serves_answers": [str(answer.pk)],
        "visits_replaced_per_week": 7,
    }
    body.update(overrides)
    return body


class TestPropose:
    def test_it_proposes_and_answers_with_the_persons_own_words(
        self, token_for, world, answer, plain_tech
    ):
        response = token_for(world.assessor_a).post(
            LIST, proposal(world, answer, plain_tech), format="json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert response["Location"] == f"{LIST}{body['id']}/"
        assert response["ETag"] == '"v1"'
        assert body["status"] == "proposed" and body["version"] == 1
        assert body["allowed_actions"] == ["accept", "decline"]
        served = body["serves_answers"][0]
        assert served["own_words"] == "Att få sova ostört."
        assert served["life_area"] == answer.life_area_id and served["life_area_label"]
        assert body["visits_replaced_per_week"] == 7.0
        assert [e["action"] for e in body["events"]] == ["propose"]
        assert body["events"][0]["actor"] == str(world.assessor_a.pk)
        assert body["consents"] == [] and body["latest_assessment"] is None

    def test_the_same_idempotency_key_twice_makes_one_intervention(
        self, token_for, world, answer, plain_tech
    ):
        client = token_for(world.assessor_a)
        body = proposal(world, answer, plain_tech)
        first = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        second = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        assert first.status_code == second.status_code == 201
        assert second["Idempotent-Replayed"] == "true"
        assert "Idempotent-Replayed" not in first
        assert second.json() == first.json()
        assert second["Location"] == first["Location"]
        assert Intervention.objects.count() == 1
        assert InterventionEvent.objects.count() == 1

    def test_the_same_key_with_another_body_is_422(self, token_for, world, answer, plain_tech):
        client = token_for(world.assessor_a)
        client.post(
            LIST, proposal(world, answer, plain_tech), format="json", HTTP_IDEMPOTENCY_KEY="k"
        )
        other = proposal(world, answer, plain_tech, title="Annan")
        response = client.post(LIST, other, format="json", HTTP_IDEMPOTENCY_KEY="k")
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"
        assert Intervention.objects.count() == 1

    def test_care_staff_may_not_propose(self, token_for, world, answer, plain_tech):
        response = token_for(world.staff_a).post(
            LIST, proposal(world, answer, plain_tech), format="json"
        )
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert not Intervention.objects.exists()

    def test_a_read_only_token_may_not_propose(self, token_for, world, answer, plain_tech):
        client = token_for(world.assessor_a, read_only=True)
        response = client.post(LIST, proposal(world, answer, plain_tech), format="json")
        assert response.status_code == 403
        assert not Intervention.objects.exists()

    def test_another_persons_answer_is_400_naming_the_field(self, token_for, world, plain_tech):
        bos = AnswerFactory(conversation__recipient=world.bo)  # the manager sees both people
        response = token_for(world.manager).post(
            LIST, proposal(world, bos, plain_tech), format="json"
        )
        assert response.status_code == 400
        assert error_pairs(response) == {("serves_answers", "other_person")}

    def test_an_answer_out_of_scope_does_not_exist(self, token_for, world, plain_tech):
        bos = AnswerFactory(conversation__recipient=world.bo)  # assessor_a cannot see Bo
        response = token_for(world.assessor_a).post(
            LIST, proposal(world, bos, plain_tech), format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"serves_answers"}
        assert "Bengtdemo" not in response.content.decode()

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_a_recipient_out_of_scope_is_refused(self, token_for, world, answer, plain_tech, name):
        body = proposal(world, answer, plain_tech, recipient=str(getattr(world, name).pk))
        response = token_for(world.assessor_a).post(LIST, body, format="json")
        assert response.status_code == 400
        assert error_fields(response) == {"recipient"}

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"serves_answers": []}, "serves_answers"),
            ({"delivery": "in_person", "technology": None}, "digital_first_reason"),
            ({"title": "x" * 201}, "title"),
            ({"rationale": "x" * 4001}, "rationale"),
            ({"visits_replaced_per_week": -1}, "visits_replaced_per_week"),
            ({"status": "active"}, "status"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, token_for, world, answer, plain_tech, overrides, field
    ):
        body = proposal(world, answer, plain_tech, **overrides)
        response = token_for(world.assessor_a).post(LIST, body, format="json")
        assert response.status_code == 400, response.json()
        assert field in error_fields(response)
        assert not Intervention.objects.exists()


class TestRead:
    def test_the_detail_shows_consents_events_and_the_latest_assessment(
        self, token_for, world, make_intervention, lock_tech, licensed_a
    ):
        intervention = make_intervention(S.TRIAL, technology=lock_tech)
        consent(intervention)
        assessment(intervention, "not_suitable", days_ago=3, assessor=licensed_a)
        latest = assessment(intervention, "suitable_after_trial", assessor=licensed_a)
        body = token_for(world.staff_a).get(detail(intervention)).json()
        assert body["status"] == "trial"
        # Role-filtered: care staff may withdraw the consent, not decide on the intervention.
        assert body["allowed_actions"] == ["withdraw_consent"]
        decider = token_for(world.assessor_a).get(detail(intervention)).json()
        assert decider["allowed_actions"] == ["evaluate", "end", "withdraw_consent"]
        assert body["technology_label"] == "Digitalt lås"
        assert [c["given_by"] for c in body["consents"]] == ["person"]
        assert body["latest_assessment"]["id"] == str(latest.pk)
        assert body["latest_assessment"]["approves"] is True
        assert body["latest_assessment"]["assessor_name"] == "Sara Sjuksköterska"

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_out_of_scope_is_404(self, token_for, world, make_intervention, name):
        intervention = make_intervention(recipient=getattr(world, name))
        client = token_for(world.staff_a)
        assert client.get(detail(intervention)).status_code == 404
        assert client.post(act(intervention, "accept"), {}, format="json").status_code == 404

    def test_the_list_holds_only_what_the_user_may_see(self, token_for, world, make_intervention):
        mine = make_intervention()
        make_intervention(recipient=world.bo)
        make_intervention(recipient=world.hemlig)
        ids = [r["id"] for r in token_for(world.staff_a).get(LIST).json()["results"]]
        assert ids == [str(mine.pk)]

    def test_a_token_narrowed_to_unit_b_does_not_see_unit_a(
        self, token_for, world, make_intervention
    ):
        alma_s = make_intervention()
        client = token_for(world.manager, units=[world.unit_b])
        assert client.get(LIST).json()["results"] == []
        assert client.get(detail(alma_s)).status_code == 404


class TestLifecycleActions:
    def test_accept_moves_it_and_answers_with_the_new_etag(
        self, token_for, world, make_intervention
    ):
        intervention = make_intervention()
        response = token_for(world.assessor_a).post(act(intervention, "accept"), {}, format="json")
        assert response.status_code == 200
        assert response["ETag"] == '"v2"'
        body = response.json()
        assert body["status"] == "accepted"
        assert body["allowed_actions"] == ["start_trial", "start", "end", "withdraw_consent"]
        assert [(e["action"], e["from_status"], e["to_status"]) for e in body["events"]] == [
            ("accept", "proposed", "accepted")
        ]

    def test_an_illegal_action_is_409_with_the_current_status_and_allowed_actions(
        self, token_for, world, make_intervention
    ):
        intervention = make_intervention(S.ACTIVE)
        response = token_for(world.assessor_a).post(
            act(intervention, "start-trial"),
            {"trial_start": "2026-04-01", "trial_end": "2026-05-01"},
            format="json",
        )
        assert response.status_code == 409
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["type"] == "urn:carecenter:problem:conflict"
        assert body["code"] == "illegal_transition"
        assert body["status"] == 409
        assert body["current_status"] == "active"
        assert body["allowed_actions"] == ["end", "withdraw_consent"]
        intervention.refresh_from_db()
        assert intervention.status == S.ACTIVE and intervention.version == 1

    def test_a_missing_consent_is_409_saying_what_is_missing(
        self, token_for, world, make_intervention, camera
    ):
        ContactFactory(recipient=world.alma, lives_with_recipient=True)
        intervention = make_intervention(technology=camera)
        consent(intervention)
        response = token_for(world.assessor_a).post(act(intervention, "accept"), {}, format="json")
        assert response.status_code == 409
        assert response.json()["unmet_requirement"] == "cohabitant_consent"
        assert response.json()["code"] == "cohabitant_consent_missing"

    def test_a_stale_if_match_is_412_and_a_current_one_passes(
        self, token_for, world, make_intervention
    ):
        intervention = make_intervention()
        client = token_for(world.assessor_a)
        stale = client.post(act(intervention, "accept"), {}, format="json", HTTP_IF_MATCH='"v7"')
        assert stale.status_code == 412
        assert stale.json()["current_version"] == 1
        assert stale.json()["code"] == "version_mismatch"
        ok = client.post(act(intervention, "accept"), {}, format="json", HTTP_IF_MATCH='"v1"')
        assert ok.status_code == 200

    def test_a_malformed_if_match_is_400(self, token_for, world, make_intervention):
        intervention = make_intervention()
        response = token_for(world.assessor_a).post(
            act(intervention, "accept"), {}, format="json", HTTP_IF_MATCH="yesterday"
        )
        assert response.status_code == 400

    def test_start_trial_takes_the_dates_from_the_body(self, token_for, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        response = token_for(world.assessor_a).post(
            act(intervention, "start-trial"),
            {"trial_start": "2026-04-01", "trial_end": "2026-05-15", "reason": "Prova en månad."},
            format="json",
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["status"], body["trial_start"], body["trial_end"]) == (
            "trial",
            "2026-04-01",
            "2026-05-15",
        )

    def test_a_trial_longer_than_90_days_is_400_naming_trial_end(
        self, token_for, world, make_intervention
    ):
        intervention = make_intervention(S.ACCEPTED)
        response = token_for(world.assessor_a).post(
            act(intervention, "start-trial"),
            {"trial_start": "2026-01-01", "trial_end": "2026-12-31"},
            format="json",
        )
        assert response.status_code == 400
        assert error_fields(response) == {"trial_end"}

    def test_end_takes_the_end_reason_and_why(self, token_for, world, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        response = token_for(world.manager).post(
            act(intervention, "end"),
            {"end_reason": "not_suitable", "reason": "Kameran skrämde Alma."},
            format="json",
        )
        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["end_reason"]) == ("ended", "not_suitable")
        assert body["events"][-1]["reason"] == "Kameran skrämde Alma."

    @pytest.mark.parametrize(
        ("path", "body", "field"),
        [
            ("decline", {}, "reason"),
            ("decline", {"reason": "x" * 4001}, "reason"),
            ("accept", {"color": "red"}, "color"),
        ],
    )
    def test_bad_action_bodies_are_400(
        self, token_for, world, make_intervention, path, body, field
    ):
        intervention = make_intervention()
        response = token_for(world.assessor_a).post(act(intervention, path), body, format="json")
        assert response.status_code == 400
        assert field in error_fields(response)

    def test_ending_as_consent_withdrawn_is_refused_naming_end_reason(
        self, token_for, world, make_intervention
    ):
        intervention = make_intervention(S.ACTIVE)
        response = token_for(world.assessor_a).post(
            act(intervention, "end"),
            {"end_reason": "consent_withdrawn", "reason": "Nej."},
            format="json",
        )
        assert response.status_code == 400
        assert error_fields(response) == {"end_reason"}

    def test_care_staff_may_not_move_it(self, token_for, world, make_intervention):
        intervention = make_intervention()
        response = token_for(world.staff_a).post(act(intervention, "accept"), {}, format="json")
        assert response.status_code == 403

    def test_a_read_only_token_may_not_move_it(self, token_for, world, make_intervention):
        intervention = make_intervention()
        client = token_for(world.assessor_a, read_only=True)
        assert client.post(act(intervention, "accept"), {}, format="json").status_code == 403
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED


class TestPatch:
    def test_without_if_match_it_is_428(self, token_for, world, make_intervention):
        intervention = make_intervention()
        response = token_for(world.assessor_a).patch(
            detail(intervention), {"title": "Ny"}, format="json"
        )
        assert response.status_code == 428

    def test_a_stale_if_match_is_412(self, token_for, world, make_intervention):
        intervention = make_intervention()
        response = token_for(world.assessor_a).patch(
            detail(intervention), {"title": "Ny"}, format="json", HTTP_IF_MATCH='"v2"'
        )
        assert response.status_code == 412
        intervention.refresh_from_db()
        assert intervention.title != "Ny"

    def test_it_edits_a_proposal(self, token_for, world, make_intervention):
        intervention = make_intervention()
        goal = GoalFactory(recipient=world.alma)
        response = token_for(world.assessor_a).patch(
            detail(intervention),
            {"title": "Ny", "serves_goals": [str(goal.pk)]},
            format="json",
            HTTP_IF_MATCH='"v1"',
        )
        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"v2"'
        assert response.json()["serves_goals"][0]["id"] == str(goal.pk)

    def test_an_accepted_intervention_is_409(self, token_for, world, make_intervention):
        intervention = make_intervention(S.ACCEPTED)
        response = token_for(world.assessor_a).patch(
            detail(intervention), {"title": "Ny"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 409
        assert response.json()["current_status"] == "accepted"

    def test_a_read_only_token_may_not_edit(self, token_for, world, make_intervention):
        intervention = make_intervention()
        client = token_for(world.assessor_a, read_only=True)
        response = client.patch(
            detail(intervention), {"title": "Ny"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 403


def test_an_intervention_imported_without_a_proposer_still_moves(token_for, world, answer):
    imported = InterventionFactory(recipient=world.alma, serves_answers=[answer])
    response = token_for(world.assessor_a).post(act(imported, "accept"), {}, format="json")
    assert response.status_code == 200
