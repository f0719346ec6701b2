"""A refused lookup is logged, and the log review never tells a reviewer whether an id outside
their scope exists or where it belongs: the denied row of a real person's id and the denied
row of a random id look the same, on every page, in the export, the sample and the counts."""

import re
import uuid

import pytest
from django.urls import reverse

from apps.audit.models import AccessLog

ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def normalised(text: str) -> str:
    return CSRF.sub("CSRF", TIME.sub("TIME", ID.sub("ID", text)))


def rows_of(html: str) -> list[str]:
    return [normalised(row) for row in re.findall(r"<tr>\s*<td.*?</tr>", html, re.S)]


def probe(token_for, user, real_id):
    """The same request for a real person's id and for a random id: both 404, both logged."""
    client = token_for(user)
    random_id = uuid.uuid4()
    for pk in (real_id, random_id):
        assert client.get(f"/api/v1/recipients/{pk}/").status_code == 404
    denied = AccessLog.objects.filter(user=user, outcome="denied")
    assert set(denied.values_list("recipient_id", flat=True)) == {real_id, random_id}
    return random_id


@pytest.fixture
def probed(world, token_for):
    """The manager of another organisation probes Alma's id and a random id."""
    return probe(token_for, world.outsider, world.alma.pk)


def page(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestTheProbersReviewer:
    """The outsider reviews their own organisation's log (they manage unit X)."""

    def test_the_start_page_shows_both_rows_alike(self, client, world, probed):
        html = page(client, world.outsider, reverse("audit:review"))
        real, random = rows_of(html)
        assert real == random
        assert "Enhet A" not in html and str(world.alma.pk) not in html
        assert "Okänd omsorgstagare eller utanför din behörighet" in real

    def test_the_users_page_shows_both_rows_alike(self, client, world, probed):
        html = page(client, world.outsider, reverse("audit:by-user", args=[world.outsider.pk]))
        rows = rows_of(html)
        assert len(rows) == 2 and rows[0] == rows[1]
        assert "Enhet A" not in html and "audit/omsorgstagare" not in html

    def test_each_ids_own_page_is_alike(self, client, world, probed):
        real = page(client, world.outsider, reverse("audit:by-recipient", args=[world.alma.pk]))
        random = page(client, world.outsider, reverse("audit:by-recipient", args=[probed]))
        assert normalised(real) == normalised(random)
        assert "Enhet A" not in real and "Andersdemo" not in real

    def test_an_id_without_rows_is_404_alike(self, client, world, probed):
        client.force_login(world.outsider)
        for pk in (world.bo.pk, uuid.uuid4()):
            url = reverse("audit:by-recipient", args=[pk])
            assert client.get(url).status_code == 404

    def test_the_export_shows_both_rows_alike(self, client, world, probed):
        client.force_login(world.outsider)
        response = client.get(reverse("audit:export"))
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1:]
        assert len(lines) == 2
        assert normalised(lines[0]) == normalised(lines[1])
        assert "Enhet A" not in lines[0] and "Andersdemo" not in lines[0]

    def test_the_sample_shows_both_rows_alike(self, client, world, probed):
        html = page(client, world.outsider, reverse("audit:sample"), seed=7, until=10**9)
        rows = rows_of(html)
        assert len(rows) == 2 and rows[0] == rows[1]
        assert "Enhet A" not in html and "Andersdemo" not in html

    def test_the_counts_are_alike(self, client, world, probed):
        client.force_login(world.outsider)
        groups = client.get(reverse("audit:review")).context["page"].object_list
        assert [(g["accesses"], g["denied"], g["outside"]) for g in groups] == [(1, 1, 0)] * 2
        by_user = client.get(reverse("audit:review"), {"view": "anvandare"})
        (group,) = by_user.context["page"].object_list
        assert (group["accesses"], group["recipients"], group["denied"]) == (2, 2, 2)


class TestThePersonsReviewer:
    """The manager of Alma's unit: someone tried to read one of their people."""

    def test_sees_the_denied_row_about_their_person_only(self, client, world, probed):
        html = page(client, world.manager, reverse("audit:review"))
        (row,) = [r for r in rows_of(html) if "nekad" in r]
        assert "Andersdemo" in row
        assert str(probed) not in html  # the random id is none of their business

    def test_the_outsiders_page_shows_only_their_person(self, client, world, probed):
        html = page(client, world.manager, reverse("audit:by-user", args=[world.outsider.pk]))
        assert len(rows_of(html)) == 1 and "Andersdemo" in html
        assert str(probed) not in html


def test_a_protected_person_probed_in_ones_own_unit_is_as_a_random_id(
    client, world, token_for, manager_of_a
):
    """Staff of unit A tries Hemlig's id (protected, not granted to them nor to the reviewer)."""
    random_id = probe(token_for, world.staff_a, world.hemlig.pk)
    html = page(client, manager_of_a, reverse("audit:by-user", args=[world.staff_a.pk]))
    rows = rows_of(html)
    assert len(rows) == 2 and rows[0] == rows[1]
    assert "Skyddad identitet" not in html
    for pk in (world.hemlig.pk, random_id):
        url = reverse("audit:by-recipient", args=[pk])
        assert normalised(page(client, manager_of_a, url)) == normalised(
            page(client, manager_of_a, reverse("audit:by-recipient", args=[random_id]))
        )


def test_a_read_through_a_grant_still_shows_where_the_person_belongs(
    client, world, token_for, more
):
    """An access that happened is no oracle: the reviewer sees whose unit it was."""
    from apps.organisations.choices import Role
    from tests.factories import MembershipFactory, ProtectedIdentityGrantFactory, UserFactory

    reader = UserFactory(username="staff_x")
    MembershipFactory(user=reader, unit=world.unit_x, role=Role.CARE_STAFF)
    ProtectedIdentityGrantFactory(recipient=world.alma, user=reader)
    assert token_for(reader).get(f"/api/v1/recipients/{world.alma.pk}/").status_code == 200
    html = page(client, world.outsider, reverse("audit:review"))
    assert "Enhet A" in html and "Omsorgstagare utanför dina enheter" in html
