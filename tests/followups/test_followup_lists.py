"""Reading follow-ups: the filters (overdue, responsible=me, dates ...), `my_followups`, and
the admin."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.history import allow_untracked_writes
from apps.followups.models import FollowUp
from apps.followups.selectors import my_followups
from tests.factories import FollowUpFactory, GoalFactory, InterventionFactory

LIST = "api:follow-up-list"


def on(n):
    return timezone.localdate() + dt.timedelta(days=n)


def make(intervention, responsible, due_in, status="scheduled", **extra):
    if status == "done":
        extra.update(done_at=timezone.now(), decision="continue")
    return FollowUpFactory(
        intervention=intervention,
        responsible=responsible,
        due_date=on(due_in),
        status=status,
        **extra,
    )


@pytest.fixture
def rows(world, intervention, goal):
    bos = InterventionFactory(recipient=world.bo)
    return {
        "overdue": make(intervention, world.staff_a, -3),
        "today": make(intervention, world.staff_a, 0),
        "week": make(intervention, world.staff_a, 7),
        "later": make(intervention, world.staff_a, 8),
        "done_late": make(intervention, world.staff_a, -10, status="done"),
        "cancelled_late": make(intervention, world.staff_a, -5, status="cancelled"),
        "managers": make(intervention, world.manager, -1, goal=goal),
        "bos": make(bos, world.manager, 2),
    }


def names(rows, ids):
    by_id = {str(row.pk): name for name, row in rows.items()}
    return {by_id[i] for i in ids}


class TestFilters:
    @pytest.fixture
    def ids(self, api_client, world):
        api_client.force_authenticate(world.manager)

        def get(**params):
            response = api_client.get(reverse(LIST), params)
            assert response.status_code == 200, response.json()
            return [row["id"] for row in response.json()["results"]]

        return get

    def test_overdue_means_scheduled_and_past_its_date(self, rows, ids):
        assert names(rows, ids(overdue="true")) == {"overdue", "managers"}
        assert names(rows, ids(overdue="false")) == set(rows) - {"overdue", "managers"}

    def test_the_serialized_row_says_whether_it_is_overdue(self, api_client, world, rows):
        api_client.force_authenticate(world.manager)
        by_id = {r["id"]: r["is_overdue"] for r in api_client.get(reverse(LIST)).json()["results"]}
        assert by_id[str(rows["overdue"].pk)] is True
        assert by_id[str(rows["done_late"].pk)] is False
        assert by_id[str(rows["today"].pk)] is False

    def test_responsible_me_and_by_id(self, world, rows, ids):
        assert names(rows, ids(responsible="me")) == {"managers", "bos"}
        assert names(rows, ids(responsible=str(world.manager.pk))) == {"managers", "bos"}
        assert len(ids(responsible=str(world.staff_a.pk))) == 6

    def test_responsible_must_be_an_id_or_me(self, api_client, world, rows):
        api_client.force_authenticate(world.manager)
        response = api_client.get(reverse(LIST), {"responsible": "someone"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "responsible"

    def test_status_dates_and_relations(self, world, rows, goal, intervention, ids):
        assert names(rows, ids(status="done")) == {"done_late"}
        assert names(rows, ids(status=["done", "cancelled"])) == {"done_late", "cancelled_late"}
        assert names(rows, ids(due_before=on(0).isoformat(), status="scheduled")) == {
            "overdue",
            "today",
            "managers",
        }
        assert names(rows, ids(due_after=on(7).isoformat())) == {"week", "later"}
        assert names(rows, ids(goal=str(goal.pk))) == {"managers"}
        assert names(rows, ids(intervention=str(intervention.pk))) == set(rows) - {"bos"}
        assert names(rows, ids(recipient=str(world.bo.pk))) == {"bos"}
        assert names(rows, ids(unit=str(world.unit_b.pk))) == {"bos"}

    def test_updated_since(self, rows, ids):
        with allow_untracked_writes():  # set up a state no service produces
            FollowUp.objects.exclude(pk=rows["week"].pk).update(
                updated_at=timezone.now() - dt.timedelta(days=2)
            )
        since = (timezone.now() - dt.timedelta(days=1)).isoformat()
        assert names(rows, ids(updated_since=since)) == {"week"}

    def test_ordering_by_due_date(self, rows, ids):
        listed = ids(ordering="-due_date", status="scheduled", unit=rows["today"].recipient.unit_id)
        assert names(rows, listed[:1]) == {"later"}

    def test_the_list_is_scoped(self, api_client, world, rows):
        api_client.force_authenticate(world.staff_b)
        listed = [row["id"] for row in api_client.get(reverse(LIST)).json()["results"]]
        assert names(rows, listed) == {"bos"}


class TestMyFollowUps:
    def test_mine_due_within_a_week_and_every_overdue_one(self, world, rows):
        mine = my_followups(user=world.staff_a, today=timezone.localdate())
        assert [f.pk for f in mine] == [rows[n].pk for n in ("overdue", "today", "week")]

    def test_it_follows_the_given_day(self, world, rows):
        mine = my_followups(user=world.staff_a, today=on(1))
        assert {f.pk for f in mine} == {rows[n].pk for n in ("overdue", "today", "week", "later")}

    def test_someone_elses_are_not_mine(self, world, rows):
        mine = my_followups(user=world.manager, today=timezone.localdate())
        assert {f.pk for f in mine} == {rows["managers"].pk, rows["bos"].pk}

    def test_a_person_i_can_no_longer_see_drops_out(self, world, rows):
        world.manager.memberships.filter(unit=world.unit_b).delete()
        mine = my_followups(user=world.manager, today=timezone.localdate())
        assert {f.pk for f in mine} == {rows["managers"].pk}

    def test_it_reads_each_page_in_one_query(self, world, rows, django_assert_num_queries):
        with django_assert_num_queries(1):
            mine = list(my_followups(user=world.staff_a, today=timezone.localdate()))
            assert [f.recipient.given_name for f in mine] == ["Alma"] * 3
            assert all(f.intervention.title for f in mine)


class TestAdmin:
    def test_the_changelist_is_scoped_and_read_only(self, client, world, followup):
        hidden = FollowUpFactory(
            recipient=world.hemlig,
            goal=GoalFactory(recipient=world.hemlig),
            intervention=None,
            responsible=world.manager,
        )
        client.force_login(world.admin_user)
        response = client.get(reverse("admin:followups_followup_changelist"))
        assert response.status_code == 200
        listed = {str(pk) for pk in response.context["cl"].result_list.values_list("pk", flat=True)}
        assert listed == {str(followup.pk)}
        assert str(hidden.pk) not in listed
        assert client.get(reverse("admin:followups_followup_add")).status_code == 403
        change = client.get(reverse("admin:followups_followup_change", args=[followup.pk]))
        assert change.status_code == 200
        assert 'name="_save"' not in change.content.decode()
