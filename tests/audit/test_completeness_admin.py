"""Completeness of the access log in the admin (channel admin): each admin list notes one row
per person shown, each record opened (change, history, a past version) one row for its
person, and a record out of scope one denied row."""

import pytest
from django.urls import reverse

from apps.audit.admin_mixins import recipient_id_of
from tests.audit.helpers import ADDRESS, assert_one_row, last_id, rows_since
from tests.factories import InterventionFactory

# (admin URL prefix, the record opened)
ADMIN_RECORDS = [
    ("recipients_carerecipient", "alma"),
    ("recipients_protectedidentitygrant", "grant"),
    ("whatmatters_conversation", "conversation"),
    ("whatmatters_answer", "answer"),
    ("whatmatters_goal", "goal"),
    ("interventions_intervention", "intervention"),
    ("interventions_consent", "consent"),
    ("assessments_assessment", "assessment"),
    ("followups_followup", "followup"),
    ("plans_careplanversion", "approved"),
]


@pytest.mark.parametrize(("model", "record"), ADMIN_RECORDS)
@pytest.mark.parametrize("view", ["change", "history"])
def test_each_admin_page_of_a_record_is_one_row(client, world, records, model, record, view):
    target = getattr(world, record, None) or records[record]
    url = reverse(f"admin:{model}_{view}", args=[target.pk])
    client.force_login(world.admin_user)
    before = last_id()
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 200
    assert_one_row(
        before, user=world.admin_user, recipient_id=world.alma.pk, channel="admin", path=url
    )


@pytest.mark.parametrize(("model", "record"), ADMIN_RECORDS)
def test_each_admin_list_is_one_row_per_person_shown(client, world, records, model, record):
    url = reverse(f"admin:{model}_changelist")
    client.force_login(world.admin_user)
    before = last_id()
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    changelist = response.context["cl"]
    path = changelist.model_admin.audit_recipient
    shown = {recipient_id_of(obj, path) for obj in changelist.result_list}
    assert world.alma.pk in shown
    rows = rows_since(before)
    people = [r.recipient_id for r in rows]
    assert len(people) == len(set(people))  # one row per person, however many of their rows
    assert set(people) == shown
    assert all(r.channel == "admin" and r.user == world.admin_user for r in rows)
    assert all(r.path == url and r.ip_address == ADDRESS for r in rows)


def test_an_admin_page_of_a_person_out_of_scope_is_one_denied_row(client, world):
    client.force_login(world.admin_user)
    url = reverse("admin:recipients_carerecipient_change", args=[world.hemlig.pk])
    before = last_id()
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 404
    assert_one_row(
        before,
        user=world.admin_user,
        recipient_id=world.hemlig.pk,
        channel="admin",
        path=url,
        outcome="denied",
    )


def test_an_admin_history_out_of_scope_is_not_found_and_denied(client, world):
    # simple-history's own history page would show a record that the admin's list hides.
    ullas = InterventionFactory(recipient=world.other_org_person, title="Ullas insats")
    url = reverse("admin:interventions_intervention_history", args=[ullas.pk])
    client.force_login(world.admin_user)
    before = last_id()
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 404 and "Ullas insats" not in response.content.decode()
    assert_one_row(
        before,
        user=world.admin_user,
        recipient_id=None,
        channel="admin",
        path=url,
        outcome="denied",
    )


def test_a_past_version_in_the_admin_is_neither_shown_nor_restored(client, world, records):
    # simple-history's version page listed unscoped foreign-key choices and could revert a
    # record past the services; old values are shown by the change-history page instead.
    intervention = records["intervention"]
    version = intervention.history.first().history_id
    url = reverse(
        "admin:interventions_intervention_simple_history", args=[intervention.pk, version]
    )
    client.force_login(world.admin_user)
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 403
    assert intervention.title not in response.content.decode()
    title = intervention.title
    intervention.title = "Ändrad i tjänsten"
    intervention.save()
    assert client.post(url, {"title": title}).status_code == 403
    intervention.refresh_from_db()
    assert intervention.title == "Ändrad i tjänsten"
