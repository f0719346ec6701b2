"""The change history page of a care recipient: every change of the person's records, newest
first, with who, when, from which request, and each field before → after."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AccessLog
from apps.organisations.choices import Role
from apps.privacy.kinds import KINDS
from apps.privacy.selectors import recipient_history
from tests.factories import (
    AnswerFactory,
    ConversationFactory,
    MembershipFactory,
    ProtectedIdentityGrantFactory,
    UserFactory,
)
from tests.privacy.conftest import CHANGED_IN, CREATED_IN, MARKUP, acting_as, fill_records
from tests.querycounts import ACCESS_LOG


def history_url(recipient):
    return reverse("privacy:recipient-history", args=[recipient.pk])


def page_html(client, user, recipient, **params):
    client.force_login(user)
    response = client.get(history_url(recipient), params)
    assert response.status_code == 200
    return response


class TestWhatThePageShows:
    def test_it_lists_a_change_of_each_kind_of_record_with_who_and_the_request(
        self, client, world, alma_records
    ):
        response = page_html(client, world.staff_a, world.alma)
        kinds = {entry.kind for entry in response.context["entries"]}
        assert kinds == {kind.key for kind in KINDS} - {"protected_identity_grant"}
        html = response.content.decode()
        assert str(world.assessor_a) in html and str(world.staff_a) in html
        assert CHANGED_IN in html and CREATED_IN in html
        for title in ("Mål", "Insats", "Samtycke", "Bedömning", "Uppföljning", "Planversion"):
            assert f"{title}: " in html

    def test_a_change_shows_the_value_before_and_after_as_labels_not_codes(
        self, client, world, alma_records
    ):
        response = page_html(client, world.staff_a, world.alma)
        goal_change = next(
            e
            for e in response.context["entries"]
            if e.kind == "goal" and e.change_type == "changed" and e.request_id == CHANGED_IN
        )
        [status] = goal_change.changes
        assert (status.before_display, status.after_display) == ("Pågående", "Uppnått")
        assert (status.before, status.after) == ("active", "achieved")
        assert goal_change.user_name == str(world.assessor_a)
        html = response.content.decode()
        assert re.search(r"Pågående</td>\s*<td[^>]*>Uppnått</td>", html)
        assert ">achieved<" not in html
        assert re.search(r"svenska</td>\s*<td[^>]*>finska</td>", html)

    def test_the_newest_change_comes_first(self, client, world, alma_records):
        entries = page_html(client, world.staff_a, world.alma).context["entries"]
        dates = [e.at for e in entries]
        assert dates == sorted(dates, reverse=True)
        assert entries[0].kind == "care_plan_version" and entries[-1].kind == "recipient"

    def test_a_link_added_to_an_intervention_shows_what_it_now_serves(
        self, client, world, alma_records
    ):
        entries = page_html(client, world.staff_a, world.alma).context["entries"]
        link = next(
            c
            for e in entries
            if e.kind == "intervention" and e.request_id == CHANGED_IN
            for c in e.changes
        )
        assert link.field == "serves_goals"
        assert link.before == [] and link.after == [str(alma_records.goal.pk)]
        assert link.after_display == "Sova hela natten"

    def test_a_long_text_is_shown_in_full_inside_a_details_element(
        self, client, world, alma_records
    ):
        html = page_html(client, world.staff_a, world.alma).content.decode()
        assert "<details><summary>Ny klartext." in html
        assert "Med en andra rad som är lång. " + "x" * 150 in html

    def test_the_persons_words_are_text_never_markup(self, client, world):
        records = fill_records(world.alma, author=world.staff_a, words=MARKUP)
        assert records.answer.own_words == MARKUP
        html = page_html(client, world.staff_a, world.alma).content.decode()
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;" in html
        )
        assert "<script>alert" not in html and "<b>fet</b>" not in html

    def test_a_deleted_record_shows_what_it_held(self, client, world, alma_records):
        with acting_as(world.assessor_a, CHANGED_IN):
            alma_records.contact.delete()
        entries = page_html(client, world.staff_a, world.alma).context["entries"]
        deleted = entries[0]
        assert (deleted.kind, deleted.change_type, deleted.change_type_label) == (
            "contact",
            "deleted",
            "Borttagen",
        )
        name = next(c for c in deleted.changes if c.field == "name")
        assert (name.before_display, name.after_display) == ("Dottern Dahl", "")

    def test_a_link_to_another_persons_record_never_shows_that_persons_words(
        self, client, world, alma_records
    ):
        bo_answer = AnswerFactory(
            conversation=ConversationFactory(recipient=world.bo), own_words="Bos hemlighet"
        )
        with acting_as(world.assessor_a, CHANGED_IN):
            alma_records.intervention.serves_answers.add(bo_answer)
        response = page_html(client, world.staff_a, world.alma)
        html = response.content.decode()
        assert "Bos hemlighet" not in html
        assert "(post som inte hör till personen)" in html

    def test_reading_the_history_is_access_logged(self, client, world, alma_records):
        page_html(client, world.staff_a, world.alma)
        row = AccessLog.objects.get(recipient_id=world.alma.pk)
        assert row.user == world.staff_a and row.what == "privacy:recipient-history"


class TestGrants:
    """Who has been granted access to a protected identity: only for those who may grant."""

    @pytest.fixture
    def hemlig_granted_to_staff(self, world):
        with acting_as(world.manager, CHANGED_IN):
            ProtectedIdentityGrantFactory(recipient=world.hemlig, user=world.staff_a)

    def test_a_manager_of_the_unit_sees_the_grants_in_the_history(
        self, client, world, hemlig_granted_to_staff
    ):
        entries = page_html(client, world.manager, world.hemlig).context["entries"]
        grants = [e for e in entries if e.kind == "protected_identity_grant"]
        assert [g.record_label for g in grants] == [str(world.staff_a), str(world.manager)]

    def test_care_staff_with_a_grant_see_the_person_but_not_who_else_was_granted(
        self, client, world, hemlig_granted_to_staff
    ):
        response = page_html(client, world.staff_a, world.hemlig)
        assert {e.kind for e in response.context["entries"]} == {"recipient"}
        assert "Behörighet till skyddad identitet" not in response.content.decode()


class TestScoping:
    @pytest.mark.parametrize(
        ("persona", "person"),
        [
            ("staff_b", "alma"),  # another unit
            ("outsider", "alma"),  # another organisation
            ("staff_a", "hemlig"),  # protected identity, no grant
            ("admin_user", "hemlig"),  # an administrator without a grant
            ("manager", "other_org_person"),
        ],
    )
    def test_out_of_scope_is_404_and_shows_nothing(self, client, world, persona, person):
        fill_records(getattr(world, person), author=world.manager, words="Ord som inte syns")
        client.force_login(getattr(world, persona))
        response = client.get(history_url(getattr(world, person)))
        assert response.status_code == 404
        assert "Ord som inte syns" not in response.content.decode()

    def test_an_unknown_person_is_404(self, client, world):
        client.force_login(world.manager)
        assert (
            client.get(history_url(world.alma).replace(str(world.alma.pk), "0" * 32)).status_code
            == 404
        )

    def test_signed_out_it_redirects_to_login(self, client, world):
        response = client.get(history_url(world.alma))
        assert response.status_code == 302 and "login" in response["Location"]


class TestPagesAndQueries:
    def _many_changes(self, world, records, n):
        with acting_as(world.assessor_a, CHANGED_IN):
            for i in range(n):
                records.recipient.communication_notes = f"Anteckning {i}"
                records.recipient.save()

    def test_it_paginates_25_per_page(self, client, world, alma_records):
        self._many_changes(world, alma_records, 20)
        first = page_html(client, world.staff_a, world.alma)
        assert len(first.context["entries"]) == 25
        assert "Sida 1 av 2" in first.content.decode()
        second = page_html(client, world.staff_a, world.alma, page=2)
        total = len(recipient_history(user=world.staff_a, recipient=world.alma).rows)
        assert len(second.context["entries"]) == total - 25

    def test_a_page_runs_a_fixed_number_of_queries_however_many_entries(
        self, client, world, alma_records, django_assert_num_queries
    ):
        self._many_changes(world, alma_records, 20)
        client.force_login(world.staff_a)
        # session, user, recipient, the user's roles (grants shown?), navigation; one query per
        # kind of record (11 without grants), three many-to-many links; staff, life areas,
        # technologies, units and the organisation named in the rows; then the access log.
        expected = 5 + 11 + 3 + 5 + ACCESS_LOG
        with django_assert_num_queries(expected):
            client.get(history_url(world.alma))  # a page of 25
        with django_assert_num_queries(expected):
            client.get(history_url(world.alma), {"page": 2})  # a page of a few
        fill_records(world.alma, author=UserFactory(), words="Fler svar")
        self._many_changes(world, alma_records, 10)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(history_url(world.alma), {"page": 3}).status_code == 200
        assert len(queries) == expected


def test_the_recipients_page_links_to_the_history_and_for_administrators_to_the_extract(
    client, world
):
    extract = reverse("privacy:extract", args=[world.alma.pk])
    client.force_login(world.staff_a)
    html = client.get(reverse("recipients:detail", args=[world.alma.pk])).content.decode()
    assert history_url(world.alma) in html and extract not in html
    client.force_login(world.admin_user)
    html = client.get(reverse("recipients:detail", args=[world.alma.pk])).content.decode()
    assert history_url(world.alma) in html and extract in html


def test_an_assessor_who_is_administrator_elsewhere_is_not_offered_the_extract_here(client, world):
    """The link follows the role in the person's unit as far as the page knows it."""
    user = UserFactory(username="assessor_and_admin")
    MembershipFactory(user=user, unit=world.unit_a, role=Role.CARE_STAFF)
    MembershipFactory(user=user, unit=world.unit_b, role=Role.ADMINISTRATOR)
    client.force_login(user)
    html = client.get(reverse("recipients:detail", args=[world.alma.pk])).content.decode()
    assert reverse("privacy:extract", args=[world.alma.pk]) not in html
