"""/api/v1/care-plans/: the care plan versions over REST."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.history import allow_untracked_writes
from apps.plans.models import CarePlan, CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import GoalFactory
from tests.plans.factories import fill_plan
from tests.querycounts import ACCESS_LOG

LIST = reverse("api:care-plan-list")


def detail(version):
    return reverse("api:care-plan-detail", args=[version.pk])


def action_url(version, name):
    return reverse(f"api:care-plan-{name}", args=[version.pk])


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.force_authenticate(user)
        api_client.default_format = "json"
        return api_client

    return login


def submitted(world, recipient, actor=None):
    actor = actor or world.manager
    draft = plan_start_draft(actor=actor, recipient=recipient)
    return plan_version_submit(actor=actor, version=draft)


def approved(world, recipient):
    return plan_version_approve(actor=world.manager, version=submitted(world, recipient))


class TestCreate:
    def test_it_starts_a_draft_with_its_content(self, world, as_user):
        content = fill_plan(world.alma)
        response = as_user(world.staff_a).post(LIST, {"recipient": str(world.alma.pk)})
        assert response.status_code == 201, response.json()
        body = response.json()
        version = CarePlanVersion.objects.get(pk=body["id"])
        assert response["Location"] == detail(version)
        assert response["ETag"] == '"v1"'
        assert body["status"] == "draft" and body["number"] == 1
        assert body["recipient"] == str(world.alma.pk) and body["unit_name"] == "Enhet A"
        assert body["allowed_actions"] == ["update", "submit"]
        assert body["created_by"]["id"] == str(world.staff_a.pk)
        assert [g["id"] for g in body["content"]["goals"]] == [str(content.goals[0].pk)]
        assert body["changes_since_approved"]["compared_with"] is None
        assert "personal_number" not in str(body)
        assert world.alma.personal_number not in response.content.decode()

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_a_person_out_of_scope_is_a_400_naming_the_field(self, world, as_user, name):
        response = as_user(world.staff_a).post(LIST, {"recipient": str(getattr(world, name).pk)})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "recipient"
        assert not CarePlan.objects.exists()

    def test_a_second_open_version_is_a_409(self, world, as_user):
        first = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = as_user(world.staff_a).post(LIST, {"recipient": str(world.alma.pk)})
        assert response.status_code == 409
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["open_version"] == str(first.pk)
        assert CarePlanVersion.objects.count() == 1

    def test_unknown_fields_and_a_missing_recipient_are_400(self, world, as_user):
        client = as_user(world.staff_a)
        response = client.post(LIST, {"recipient": str(world.alma.pk), "status": "approved"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "status"
        assert client.post(LIST, {}).status_code == 400
        assert not CarePlanVersion.objects.exists()

    def test_a_role_outside_care_is_403(self, world, as_user):
        response = as_user(world.admin_user).post(LIST, {"recipient": str(world.alma.pk)})
        assert response.status_code == 403

    def test_a_read_only_token_may_not_write(self, world, token_for):
        client = token_for(world.staff_a, read_only=True)
        response = client.post(LIST, {"recipient": str(world.alma.pk)}, format="json")
        assert response.status_code == 403
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert client.get(detail(draft)).status_code == 200
        assert client.post(action_url(draft, "submit"), {}, format="json").status_code == 403
        response = client.patch(
            detail(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH='"v1"'
        )
        assert response.status_code == 403

    def test_an_idempotency_key_replays_the_first_draft(self, world, as_user):
        client = as_user(world.staff_a)
        body = {"recipient": str(world.alma.pk)}
        first = client.post(LIST, body, HTTP_IDEMPOTENCY_KEY="k1")
        again = client.post(LIST, body, HTTP_IDEMPOTENCY_KEY="k1")
        assert first.status_code == again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert CarePlanVersion.objects.count() == 1


class TestUpdateSummary:
    def test_it_needs_if_match_and_refuses_a_stale_one(self, world, as_user):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        client = as_user(world.staff_a)
        assert client.patch(detail(draft), {"summary": "Ny"}).status_code == 428
        ok = client.patch(detail(draft), {"summary": "Ny"}, HTTP_IF_MATCH='"v1"')
        assert ok.status_code == 200 and ok["ETag"] == '"v2"'
        assert ok.json()["summary"] == "Ny"
        stale = client.patch(detail(draft), {"summary": "Annan"}, HTTP_IF_MATCH='"v1"')
        assert stale.status_code == 412
        assert stale.json()["current_version"] == 2
        assert CarePlanVersion.objects.get(pk=draft.pk).summary == "Ny"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"summary": "x" * 8001}, "summary"),
            ({"summary": "ok", "snapshot": {}}, "snapshot"),
            ({"status": "approved"}, "status"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, world, as_user, body, field):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = as_user(world.staff_a).patch(detail(draft), body, HTTP_IF_MATCH='"v1"')
        assert response.status_code == 400
        assert field in [e["field"] for e in response.json()["errors"]]
        draft.refresh_from_db()
        assert (draft.summary, draft.version) == ("", 1)

    def test_a_submitted_version_is_a_409_with_the_allowed_actions(self, world, as_user):
        version = submitted(world, world.alma, actor=world.staff_a)
        response = as_user(world.manager).patch(
            detail(version), {"summary": "x"}, HTTP_IF_MATCH='"v2"'
        )
        assert response.status_code == 409
        assert response.json()["current_status"] == "submitted"
        assert response.json()["allowed_actions"] == ["approve", "return"]

    def test_an_approved_version_is_immutable(self, world, as_user):
        version = approved(world, world.alma)
        response = as_user(world.manager).patch(
            detail(version), {"summary": "x"}, HTTP_IF_MATCH=f'"v{version.version}"'
        )
        assert response.status_code == 409
        assert response.json()["allowed_actions"] == []


class TestLifecycleOverTheApi:
    def test_the_whole_flow_and_the_frozen_first_version(self, world, as_user):
        content = fill_plan(world.alma, size=2)
        staff, manager = as_user(world.staff_a), None
        v1 = staff.post(LIST, {"recipient": str(world.alma.pk)}).json()
        url = reverse("api:care-plan-detail", args=[v1["id"]])
        staff.patch(url, {"summary": "Alma vill sova."}, HTTP_IF_MATCH='"v1"')
        submit = reverse("api:care-plan-submit", args=[v1["id"]])
        assert staff.post(submit, {}, HTTP_IF_MATCH='"v2"').status_code == 200

        manager = as_user(world.manager)
        ret = reverse("api:care-plan-return", args=[v1["id"]])
        returned = manager.post(ret, {"comment": "Beskriv natten."})
        assert returned.status_code == 200
        assert returned.json()["status"] == "returned"
        assert returned.json()["review_comment"] == "Beskriv natten."

        staff = as_user(world.staff_a)
        staff.patch(url, {"summary": "Alma vill sova ostört."}, HTTP_IF_MATCH='"v4"')
        assert staff.post(submit).status_code == 200
        manager = as_user(world.manager)
        approve = reverse("api:care-plan-approve", args=[v1["id"]])
        done = manager.post(approve, {"comment": "Godkänd."}, HTTP_IF_MATCH='"v6"')
        assert done.status_code == 200, done.json()
        assert done.json()["status"] == "approved" and done["ETag"] == '"v7"'
        assert done.json()["allowed_actions"] == []
        frozen = done.json()["content"]

        content.goals[0].own_words = "Sova hela natten"
        content.goals[0].save()
        new_goal = GoalFactory(recipient=world.alma, own_words="Gå ut")

        v2 = manager.post(LIST, {"recipient": str(world.alma.pk)}).json()
        assert v2["number"] == 2 and v2["summary"] == "Alma vill sova ostört."
        changes = v2["changes_since_approved"]
        assert changes["compared_with"] == {"id": v1["id"], "number": 1}
        assert [g["id"] for g in changes["sections"]["goals"]["added"]] == [str(new_goal.pk)]
        assert changes["sections"]["goals"]["changed"][0]["fields"]["own_words"] == {
            "before": "Mål 0",
            "after": "Sova hela natten",
        }
        manager.post(reverse("api:care-plan-submit", args=[v2["id"]]))
        assert manager.post(reverse("api:care-plan-approve", args=[v2["id"]])).status_code == 200

        first = manager.get(url).json()
        assert first["status"] == "superseded"
        assert first["content"] == frozen

    def test_an_illegal_transition_is_a_409_with_current_status_and_allowed_actions(
        self, world, as_user
    ):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = as_user(world.manager).post(action_url(draft, "approve"))
        assert response.status_code == 409
        body = response.json()
        assert body["current_status"] == "draft"
        assert body["allowed_actions"] == ["update", "submit"]
        assert body["type"] == "urn:carecenter:problem:conflict"
        assert body["code"] == "illegal_transition"

    def test_a_stale_if_match_on_an_action_is_412_and_a_malformed_one_400(self, world, as_user):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        client = as_user(world.staff_a)
        assert client.post(action_url(draft, "submit"), HTTP_IF_MATCH='"v9"').status_code == 412
        assert client.post(action_url(draft, "submit"), HTTP_IF_MATCH="nine").status_code == 400
        assert CarePlanVersion.objects.get(pk=draft.pk).status == "draft"

    def test_unknown_fields_in_an_action_body_are_400(self, world, as_user):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = as_user(world.staff_a).post(action_url(draft, "submit"), {"comment": "x"})
        assert response.status_code == 400
        assert CarePlanVersion.objects.get(pk=draft.pk).status == "draft"

    def test_care_staff_may_not_approve(self, world, as_user):
        version = submitted(world, world.alma, actor=world.staff_a)
        assert as_user(world.staff_a).post(action_url(version, "approve")).status_code == 403
        assert as_user(world.assessor_a).post(action_url(version, "approve")).status_code == 403

    def test_a_manager_of_another_unit_gets_404_when_they_cannot_see_the_person(
        self, world, people, as_user
    ):
        version = submitted(world, world.alma, actor=world.staff_a)
        for user in (people.manager_b, world.outsider):
            response = as_user(user).post(action_url(version, "approve"))
            assert response.status_code == 404
        assert CarePlanVersion.objects.get(pk=version.pk).status == "submitted"

    def test_a_manager_of_another_unit_who_sees_the_person_gets_403(self, world, people, as_user):
        version = submitted(world, world.alma, actor=world.staff_a)
        client = as_user(people.staff_a_manager_b)
        assert client.post(action_url(version, "approve")).status_code == 403
        assert client.post(action_url(version, "return"), {"comment": "x"}).status_code == 403

    @pytest.mark.parametrize("body", [{}, {"comment": ""}, {"comment": "   "}])
    def test_return_without_a_comment_is_400_naming_it(self, world, as_user, body):
        version = submitted(world, world.alma, actor=world.staff_a)
        response = as_user(world.manager).post(action_url(version, "return"), body)
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "comment"
        assert CarePlanVersion.objects.get(pk=version.pk).status == "submitted"

    def test_an_oversize_comment_is_400(self, world, as_user):
        version = submitted(world, world.alma, actor=world.staff_a)
        response = as_user(world.manager).post(
            action_url(version, "approve"), {"comment": "x" * 4001}
        )
        assert response.status_code == 400
        assert CarePlanVersion.objects.get(pk=version.pk).status == "submitted"


class TestReading:
    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_out_of_scope_versions_are_404_and_not_listed(self, world, as_user, name):
        recipient = getattr(world, name)
        actor = world.outsider if name == "other_org_person" else world.manager
        version = plan_start_draft(actor=actor, recipient=recipient)
        client = as_user(world.staff_a)
        assert client.get(detail(version)).status_code == 404
        assert client.get(LIST).json()["results"] == []

    def test_a_token_narrowed_to_a_unit_sees_only_that_unit(self, world, token_for):
        in_a = plan_start_draft(actor=world.manager, recipient=world.alma)
        in_b = plan_start_draft(actor=world.manager, recipient=world.bo)
        client = token_for(world.manager, units=[world.unit_b])
        ids = [v["id"] for v in client.get(LIST).json()["results"]]
        assert ids == [str(in_b.pk)]
        assert client.get(detail(in_a)).status_code == 404

    def test_the_list_has_no_content_the_detail_has(self, world, as_user):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        client = as_user(world.staff_a)
        [row] = client.get(LIST).json()["results"]
        assert "content" not in row and row["id"] == str(version.pk)
        body = client.get(detail(version))
        assert body["ETag"] == '"v1"'
        assert set(body.json()["content"]) >= {"answers", "goals", "interventions", "follow_ups"}

    def test_filters(self, world, as_user):
        old = approved(world, world.alma)
        waiting = submitted(world, world.bo)
        draft = plan_start_draft(actor=world.manager, recipient=world.alma)
        with allow_untracked_writes():  # set up a state no service produces
            CarePlanVersion.objects.filter(pk=old.pk).update(
                submitted_at=timezone.now() - dt.timedelta(days=30)
            )
        client = as_user(world.manager)

        def ids(**params):
            response = client.get(LIST, params)
            assert response.status_code == 200, response.json()
            return {v["id"] for v in response.json()["results"]}

        assert ids(recipient=world.alma.pk) == {str(old.pk), str(draft.pk)}
        assert ids(unit=world.unit_b.pk) == {str(waiting.pk)}
        assert ids(status=["submitted", "draft"]) == {str(waiting.pk), str(draft.pk)}
        week_ago = (timezone.now() - dt.timedelta(days=7)).isoformat()
        assert ids(submitted_before=week_ago) == {str(old.pk)}
        assert ids(submitted_after=week_ago) == {str(waiting.pk)}
        assert ids(updated_since=(timezone.now() + dt.timedelta(minutes=1)).isoformat()) == set()
        assert client.get(LIST, {"status": "nonsense"}).status_code == 400
        assert client.get(LIST, {"ordering": "summary"}).status_code == 400
        ordered = client.get(LIST, {"ordering": "number"}).json()["results"]
        assert [v["number"] for v in ordered] == sorted(v["number"] for v in ordered)


def _versions(world, many: bool):
    """One version, or many across people and approvals."""
    plan_start_draft(actor=world.manager, recipient=world.alma)
    if many:
        for _ in range(3):
            approved(world, world.bo)
        submitted(world, world.hemlig)
        plan_start_draft(actor=world.manager, recipient=world.bo)


class TestQueryCounts:
    @pytest.mark.parametrize("many", [False, True])
    def test_the_list_runs_a_fixed_number_of_queries(
        self, world, as_user, django_assert_num_queries, many
    ):
        _versions(world, many)
        client = as_user(world.manager)
        # the page, and the caller's roles for allowed_actions
        with django_assert_num_queries(2 + ACCESS_LOG):
            response = client.get(LIST)
        assert len(response.json()["results"]) == (6 if many else 1)

    @pytest.mark.parametrize("size", [1, 5])
    def test_the_detail_of_a_draft_runs_a_fixed_number_of_queries(
        self, world, as_user, django_assert_num_queries, size
    ):
        fill_plan(world.alma, size=size)
        approved(world, world.alma)
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        client = as_user(world.staff_a)
        # version, roles, the live snapshot (7: unit already loaded), the approved version
        with django_assert_num_queries(10 + ACCESS_LOG):
            response = client.get(detail(draft))
        assert len(response.json()["content"]["goals"]) == size

    @pytest.mark.parametrize("size", [1, 5])
    def test_the_detail_of_an_approved_version_reads_its_snapshot(
        self, world, as_user, django_assert_num_queries, size
    ):
        fill_plan(world.alma, size=size)
        version = approved(world, world.alma)
        client = as_user(world.staff_a)
        # version, roles, the version before it
        with django_assert_num_queries(3 + ACCESS_LOG):
            response = client.get(detail(version))
        assert len(response.json()["content"]["goals"]) == size
