"""The plan pages run a fixed number of queries, however long the list or large the plan.

Counts include the session and user (2) and the navigation's role lookup (1)."""

import pytest
from django.urls import reverse

from apps.organisations.choices import Role
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import CareRecipientFactory, MembershipFactory, UserFactory
from tests.plans.factories import fill_plan
from tests.querycounts import ACCESS_LOG

REVIEW_LIST = (
    6 + ACCESS_LOG
)  # session, user, "manages a unit?", count, the page of versions, navigation
# session, user, version, roles, 7 for the content (one per section and link table),
# the version approved before, navigation; plus that version's summary when there is one.
VERSION_FIRST = 13 + ACCESS_LOG
VERSION_LATER = 14 + ACCESS_LOG
VERSION_APPROVED = 5 + ACCESS_LOG  # the content is the frozen snapshot: no content queries, no diff
RECIPIENT = 13 + ACCESS_LOG  # session, user, person, versions, roles, 7 for the content, navigation
PRINT = 4 + ACCESS_LOG  # session, user, person, the approved version (the page has no navigation)


def submitted(recipient, actor):
    draft = plan_start_draft(actor=actor, recipient=recipient)
    return plan_version_submit(actor=actor, version=draft)


@pytest.fixture
def manager_client(client, world):
    client.force_login(world.manager)
    return client


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


class TestReviewList:
    @pytest.mark.parametrize("waiting", [1, 30])
    def test_one_or_a_full_page_costs_the_same(
        self, manager_client, world, django_assert_num_queries, waiting
    ):
        staff = UserFactory()
        MembershipFactory(user=staff, unit=world.unit_b, role=Role.CARE_STAFF)
        for _ in range(waiting):
            submitted(CareRecipientFactory(unit=world.unit_b), staff)
        with django_assert_num_queries(REVIEW_LIST):
            response = get_ok(manager_client, reverse("plans:review-list"))
        rows = response.context["page"].object_list
        assert len(rows) == min(waiting, 25)
        assert response.context["page"].paginator.count == waiting


class TestVersionPage:
    @pytest.mark.parametrize("size", [1, 6])
    def test_a_first_version_under_review(
        self, manager_client, world, django_assert_num_queries, size
    ):
        fill_plan(world.alma, size=size)
        version = submitted(world.alma, world.staff_a)
        with django_assert_num_queries(VERSION_FIRST):
            response = get_ok(manager_client, reverse("plans:version", args=[version.pk]))
        assert len(response.context["plan"]["goals"]) == size

    @pytest.mark.parametrize("size", [1, 6])
    def test_a_later_version_under_review_with_its_diff(
        self, manager_client, world, django_assert_num_queries, size
    ):
        fill_plan(world.alma, size=size)
        plan_version_approve(actor=world.manager, version=submitted(world.alma, world.staff_a))
        fill_plan(world.alma, size=size)  # as much again, all of it new
        version = submitted(world.alma, world.staff_a)
        with django_assert_num_queries(VERSION_LATER):
            response = get_ok(manager_client, reverse("plans:version", args=[version.pk]))
        goals = next(s for s in response.context["diff"]["sections"] if s["key"] == "goals")
        assert len(goals["added"]) == size

    @pytest.mark.parametrize("size", [1, 6])
    def test_an_approved_version(self, manager_client, world, django_assert_num_queries, size):
        fill_plan(world.alma, size=size)
        version = plan_version_approve(
            actor=world.manager, version=submitted(world.alma, world.staff_a)
        )
        with django_assert_num_queries(VERSION_APPROVED):
            get_ok(manager_client, reverse("plans:version", args=[version.pk]))


class TestRecipientAndPrintPages:
    @pytest.mark.parametrize("size", [1, 6])
    def test_the_persons_plan_page(self, manager_client, world, django_assert_num_queries, size):
        fill_plan(world.alma, size=size)
        for _ in range(3):  # some history
            plan_version_approve(actor=world.manager, version=submitted(world.alma, world.staff_a))
        plan_start_draft(actor=world.staff_a, recipient=world.alma)
        with django_assert_num_queries(RECIPIENT):
            response = get_ok(manager_client, reverse("plans:recipient", args=[world.alma.pk]))
        assert len(response.context["versions"]) == 4

    @pytest.mark.parametrize("size", [1, 6])
    def test_the_print_page(self, manager_client, world, django_assert_num_queries, size):
        fill_plan(world.alma, size=size)
        plan_version_approve(actor=world.manager, version=submitted(world.alma, world.staff_a))
        with django_assert_num_queries(PRINT):
            get_ok(manager_client, reverse("plans:print", args=[world.alma.pk]))
