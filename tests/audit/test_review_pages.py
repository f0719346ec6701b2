"""The log review pages (/loggar/): who may review, which rows they see, whose identity the
rows show, the filters, the pagination and the number of queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessLog
from tests.audit.factories import read
from tests.factories import CareRecipientFactory, MembershipFactory, UserFactory
from tests.helpers import page_error_codes
from tests.querycounts import ACCESS_LOG

REVIEW = reverse("audit:review")


def by_recipient(person):
    return reverse("audit:by-recipient", args=[person.pk])


def by_user(user):
    return reverse("audit:by-user", args=[user.pk])


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def new_rows(since_id):
    return AccessLog.objects.filter(id__gt=since_id).order_by("id")


def last_id() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def log(world, more):
    """A log to review: reads in every unit, by members and by outsiders."""
    return {
        "alma_by_staff_a": read(world.staff_a, world.alma, ip_address="192.0.2.11"),
        "bo_by_staff_b": read(world.staff_b, world.bo),
        "hemlig_by_manager": read(world.manager, world.hemlig),
        "ulla_by_outsider": read(world.outsider, world.other_org_person),
        # An outsider's read of Alma through a grant: about a person of unit A.
        "alma_by_outsider": read(
            world.outsider, world.alma, outside_own_units=True, channel="api_token"
        ),
        # Staff A reads a person of another organisation through a grant.
        "ulla_by_staff_a": read(world.staff_a, world.other_org_person, outside_own_units=True),
        "cilla_by_licensed": read(more.licensed_a, more.cilla, outside_own_units=True),
    }


class TestWhoMayReview:
    @pytest.mark.parametrize("name", ["manager", "admin_user", "outsider"])
    def test_managers_and_administrators_get_the_review(self, client, world, name):
        response = get(client, getattr(world, name), REVIEW)
        html = html_of(response)
        assert html.count("<h1") == 1 and "Loggranskning" in html

    def test_a_superuser_gets_the_review(self, client, more):
        assert get(client, more.superuser, REVIEW).status_code == 200

    @pytest.mark.parametrize("name", ["staff_a", "assessor_a"])
    def test_care_staff_and_assessors_are_refused(self, client, world, name):
        for url in (REVIEW, by_recipient(world.alma), by_user(world.staff_a)):
            assert get(client, getattr(world, name), url).status_code == 403
        export = get(client, getattr(world, name), reverse("audit:export"))
        assert export.status_code == 403

    def test_a_licensed_professional_is_refused(self, client, more):
        assert get(client, more.licensed_a, REVIEW).status_code == 403

    def test_signed_out_visitors_are_sent_to_the_login(self, client):
        response = client.get(REVIEW)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


class TestScope:
    def test_a_manager_sees_the_people_of_the_units_they_manage_and_their_staffs_reads(
        self, client, world, log
    ):
        html = html_of(get(client, world.manager, REVIEW))
        assert "Alma Andersdemo" in html and "Bo Bengtdemo" in html
        # Staff A's read of a person of another organisation: the access is there, the person
        # is not named.
        assert "Utomsson" not in html and "Omsorgstagare utanför dina enheter" in html

    def test_a_manager_sees_who_read_their_person_even_from_outside(self, client, world, log):
        html = html_of(get(client, world.manager, by_recipient(world.alma)))
        assert "outsider" in html and "staff_a" in html
        assert html.count("Ja, utanför egna enheter") == 1  # marked in words, not only colour

    def test_a_manager_of_one_unit_does_not_see_the_other(self, client, world, log):
        manager_b = UserFactory(username="manager_b")
        MembershipFactory(user=manager_b, unit=world.unit_b, role="manager")
        html = html_of(get(client, manager_b, REVIEW))
        assert "Bo Bengtdemo" in html and "Andersdemo" not in html
        assert get(client, manager_b, by_recipient(world.alma)).status_code == 404
        assert get(client, manager_b, by_user(world.staff_a)).status_code == 404
        assert get(client, manager_b, by_user(world.staff_b)).status_code == 200

    def test_care_staff_role_elsewhere_gives_no_review_of_that_unit(self, client, world, log):
        # Manager of B and care staff in A: reviews B only.
        mixed = UserFactory(username="mixed")
        MembershipFactory(user=mixed, unit=world.unit_b, role="manager")
        MembershipFactory(user=mixed, unit=world.unit_a, role="care_staff")
        html = html_of(get(client, mixed, REVIEW))
        assert "Bo Bengtdemo" in html and "Alma Andersdemo" not in html

    def test_an_administrator_reviews_every_unit_of_the_organisation(
        self, client, world, more, log
    ):
        html = html_of(get(client, more.org_admin_c, REVIEW))
        assert "Alma Andersdemo" in html and "Bo Bengtdemo" in html and "Cilla" in html
        assert "Utomsson" not in html

    def test_the_other_organisation_sees_only_its_own(self, client, world, log):
        html = html_of(get(client, world.outsider, REVIEW))
        assert "Ulla Utomsson" in html
        assert "Bo Bengtdemo" not in html and "Alma Andersdemo" not in html
        # Staff A read Ulla: the outsider (manager of Ulla's unit) sees it, but not who staff
        # A is beyond the user row; Alma's read by the outsider is theirs to see.
        assert get(client, world.outsider, by_recipient(world.alma)).status_code == 200
        assert get(client, world.outsider, by_recipient(world.bo)).status_code == 404

    def test_a_superuser_sees_everything_but_protected_identities(self, client, more, world, log):
        html = html_of(get(client, more.superuser, REVIEW))
        for name in ("Alma Andersdemo", "Bo Bengtdemo", "Ulla Utomsson", "Cilla Cedersdemo"):
            assert name in html
        assert "Skyddadsson" not in html and "Skyddad identitet" in html

    def test_an_unknown_user_or_person_is_not_found(self, client, world):
        import uuid

        assert get(client, world.manager, by_recipient(world.alma)).status_code == 200
        nobody = uuid.uuid4()
        assert get(client, world.manager, f"/loggar/omsorgstagare/{nobody}/").status_code == 404
        assert get(client, world.manager, f"/loggar/anvandare/{nobody}/").status_code == 404


class TestProtectedIdentity:
    def test_a_reviewer_with_a_grant_sees_who_it_is(self, client, world, log):
        html = html_of(get(client, world.manager, REVIEW))
        assert "Hemlig Skyddadsson" in html
        assert "Hemlig Skyddadsson" in html_of(
            get(client, world.manager, by_recipient(world.hemlig))
        )

    def test_without_a_grant_the_access_stays_but_not_who_it_was(self, client, world, log):
        html = html_of(get(client, world.admin_user, REVIEW))
        assert "Hemlig" not in html and "Skyddadsson" not in html
        assert world.hemlig.personal_number not in html
        assert "Skyddad identitet" in html
        rows = html_of(get(client, world.admin_user, by_user(world.manager)))
        assert "Skyddad identitet" in rows and "Skyddadsson" not in rows
        assert world.hemlig.personal_number not in rows
        assert str(world.hemlig.pk) not in rows  # no link that names the person either

    def test_without_a_grant_the_persons_own_log_is_not_found(self, client, world, log):
        assert get(client, world.admin_user, by_recipient(world.hemlig)).status_code == 404
        named = get(client, world.admin_user, REVIEW, recipient=world.hemlig.pk)
        assert named.status_code == 404

    def test_even_a_superuser_needs_a_grant(self, client, world, more, log):
        assert get(client, more.superuser, by_recipient(world.hemlig)).status_code == 404


class TestFilters:
    def test_the_default_period_is_the_last_30_days(self, client, world):
        old = timezone.now() - dt.timedelta(days=40)
        read(world.staff_a, world.alma, at=old)
        read(world.staff_b, world.bo)
        response = get(client, world.manager, REVIEW)
        html = html_of(response)
        assert "Bo Bengtdemo" in html and "Alma Andersdemo" not in html
        form = response.context["form"]
        today = timezone.localdate()
        assert form["date_from"].value() == (today - dt.timedelta(days=30)).isoformat()
        assert form["date_to"].value() == today.isoformat()
        older = get(client, world.manager, REVIEW, date_from=(today - dt.timedelta(days=41)))
        assert "Alma Andersdemo" in html_of(older)

    def test_the_period_includes_the_whole_last_day(self, client, world):
        day = timezone.localdate() - dt.timedelta(days=3)
        late = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
        read(world.staff_a, world.alma, at=late)
        read(world.staff_b, world.bo, at=late + dt.timedelta(minutes=2))  # the next day
        html = html_of(get(client, world.manager, REVIEW, date_from=day, date_to=day))
        assert "Alma Andersdemo" in html and "Bo Bengtdemo" not in html

    def test_channel_outcome_and_outside_filters(self, client, world):
        # Yesterday, so that the reviewer's own reads of the log (logged today) stay out.
        at = timezone.now() - dt.timedelta(days=1)
        yesterday = timezone.localtime(at).date()
        read(world.staff_a, world.alma, channel="api_token", at=at)
        read(world.staff_b, world.bo, outcome="denied", at=at)
        read(world.manager, world.hemlig, outside_own_units=True, at=at)

        def names(**params):
            params["date_to"] = yesterday
            html = html_of(get(client, world.manager, REVIEW, **params))
            return {n for n in ("Alma", "Bo", "Hemlig") if f">{n} " in html}

        assert names() == {"Alma", "Bo", "Hemlig"}
        assert names(channel="api_token") == {"Alma"}
        assert names(outcome="denied") == {"Bo"}
        assert names(outcome="allowed") == {"Alma", "Hemlig"}
        assert names(outside="on") == {"Hemlig"}

    def test_a_period_ending_before_it_starts_is_an_error_next_to_the_field(self, client, world):
        read(world.staff_a, world.alma)
        response = get(client, world.manager, REVIEW, date_from="2026-05-10", date_to="2026-05-01")
        html = html_of(response)
        assert page_error_codes(response) == {"date_to": {"before_start"}}
        assert 'value="2026-05-10"' in html and 'value="2026-05-01"' in html  # input kept
        assert "Rätta filtren" in html and "Alma Andersdemo" not in html

    def test_an_unknown_channel_is_an_error(self, client, world):
        response = get(client, world.manager, REVIEW, channel="fax")
        assert response.context["form"].errors["channel"]

    def test_by_user_groups_per_user_with_links(self, client, world, log):
        html = html_of(get(client, world.manager, REVIEW, view="anvandare"))
        assert f'href="{by_user(world.staff_a)}?' in html
        assert "staff_b" in html and "outsider" in html

    def test_an_htmx_request_gets_only_the_results(self, client, world, log):
        client.force_login(world.manager)
        html = client.get(REVIEW, HTTP_HX_REQUEST="true").content.decode()
        assert html.lstrip().startswith('<section id="results"') and "<h1" not in html


class TestReadingTheLogIsLogged:
    def test_the_people_named_on_the_page_are_logged_once_each(self, client, world, more, log):
        before = last_id()
        html_of(get(client, world.admin_user, REVIEW))
        rows = new_rows(before)
        # Named: Alma, Bo and Cilla (unit C of the same organisation). Not named: Hemlig (no
        # grant), Ulla (another organisation).
        assert {r.recipient_id for r in rows} == {world.alma.pk, world.bo.pk, more.cilla.pk}
        assert rows.count() == 3
        assert all(r.user == world.admin_user and r.what == "audit:review" for r in rows)
        assert all(r.channel == "web" for r in rows)

    def test_the_persons_log_page_is_a_read_of_that_person(self, client, world, log):
        before = last_id()
        html_of(get(client, world.manager, by_recipient(world.hemlig)))
        (row,) = new_rows(before)
        assert row.recipient_id == world.hemlig.pk and row.what == "audit:by-recipient"

    def test_the_users_log_page_logs_the_people_it_names(self, client, world, log):
        before = last_id()
        html_of(get(client, world.admin_user, by_user(world.manager)))
        assert not new_rows(before).exists()  # only Hemlig, whom admin_user may not see
        html_of(get(client, world.manager, by_user(world.staff_a)))
        assert {r.recipient_id for r in new_rows(before)} == {world.alma.pk}

    def test_the_per_user_grouping_names_nobody(self, client, world, log):
        before = last_id()
        html_of(get(client, world.manager, REVIEW, view="anvandare"))
        assert not new_rows(before).exists()


class TestPagination:
    def test_fifty_per_page(self, client, world):
        people = [CareRecipientFactory(unit=world.unit_a) for _ in range(51)]
        for person in people:
            read(world.staff_a, person)
        first = get(client, world.manager, REVIEW)
        assert len(first.context["page"].object_list) == 50
        html = html_of(first)
        assert "Sida 1 av 2" in html and 'rel="next"' in html
        second = get(client, world.manager, REVIEW, page=2)
        assert len(second.context["page"].object_list) == 1

    def test_the_rows_of_one_person_page_by_fifty(self, client, world):
        for _ in range(51):
            read(world.staff_a, world.alma)
        response = get(client, world.manager, by_recipient(world.alma))
        assert len(response.context["page"].object_list) == 50
        assert "Sida 1 av 2" in html_of(response)

    def test_page_links_keep_the_filters(self, client, world):
        for _ in range(51):
            read(world.staff_a, CareRecipientFactory(unit=world.unit_a), channel="api_token")
        html = html_of(get(client, world.manager, REVIEW, channel="api_token"))
        link = re.search(r'href="\?([^"]*)" rel="next"', html).group(1)
        assert "channel=api_token" in link and "page=2" in link


class TestQueryCounts:
    # session, user, navigation roles, the reviewer's units, count, the page, then per view:
    # the people named (review: identities; by-user: identities; by-recipient: the person
    # first) and the log of the reading.
    def test_the_start_page_is_the_same_for_one_person_or_fifty(
        self, client, world, django_assert_num_queries
    ):
        read(world.staff_a, world.alma)
        client.force_login(world.manager)
        with django_assert_num_queries(7 + ACCESS_LOG):
            client.get(REVIEW)
        for _ in range(60):
            read(world.staff_a, CareRecipientFactory(unit=world.unit_a))
        with django_assert_num_queries(7 + ACCESS_LOG):
            response = client.get(REVIEW)
        assert len(response.context["page"].object_list) == 50

    def test_the_per_user_page_is_the_same_for_one_user_or_fifty(
        self, client, world, django_assert_num_queries
    ):
        read(world.staff_a, world.alma)
        client.force_login(world.manager)
        with django_assert_num_queries(7):
            client.get(REVIEW, {"view": "anvandare"})
        for n in range(60):
            user = UserFactory(username=f"extra{n}")
            MembershipFactory(user=user, unit=world.unit_b)
            read(user, world.bo)
        with django_assert_num_queries(7):
            response = client.get(REVIEW, {"view": "anvandare"})
        assert len(response.context["page"].object_list) == 50

    def test_a_persons_log_is_the_same_for_one_row_or_fifty(
        self, client, world, django_assert_num_queries
    ):
        read(world.staff_a, world.alma)
        client.force_login(world.manager)
        with django_assert_num_queries(7 + ACCESS_LOG):
            client.get(by_recipient(world.alma))
        for n in range(60):
            read(UserFactory(username=f"reader{n}"), world.alma)
        with django_assert_num_queries(7 + ACCESS_LOG):
            response = client.get(by_recipient(world.alma))
        assert len(response.context["page"].object_list) == 50

    def test_a_users_log_is_the_same_for_one_row_or_fifty(
        self, client, world, django_assert_num_queries
    ):
        read(world.staff_a, world.alma)
        client.force_login(world.manager)
        with django_assert_num_queries(8 + ACCESS_LOG):
            client.get(by_user(world.staff_a))
        for _ in range(60):
            read(world.staff_a, CareRecipientFactory(unit=world.unit_a))
        with django_assert_num_queries(8 + ACCESS_LOG):
            response = client.get(by_user(world.staff_a))
        assert len(response.context["page"].object_list) == 50
