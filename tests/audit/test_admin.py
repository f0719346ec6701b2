"""The raw access log in the Django admin: read-only, scoped like the review, ids only."""

import pytest
from django.urls import reverse

from apps.audit.models import AccessLog
from tests.audit.factories import read

CHANGELIST = reverse("admin:audit_accesslog_changelist")


@pytest.fixture
def rows(world):
    return {
        "alma": read(world.staff_a, world.alma, request_id="req-alma"),
        "ulla": read(world.outsider, world.other_org_person, request_id="req-ulla"),
    }


def listed(response) -> set:
    assert response.status_code == 200
    return {row.pk for row in response.context["cl"].result_list}


def test_an_administrator_sees_the_rows_of_the_organisation(client, world, rows):
    client.force_login(world.admin_user)
    assert listed(client.get(CHANGELIST)) == {rows["alma"].pk}


def test_search_by_a_persons_id_or_a_request_id(client, world, rows):
    client.force_login(world.admin_user)
    other = read(world.staff_b, world.bo)
    assert listed(client.get(CHANGELIST, {"q": str(world.bo.pk)})) == {other.pk}
    assert listed(client.get(CHANGELIST, {"q": "req-alma"})) == {rows["alma"].pk}
    assert listed(client.get(CHANGELIST, {"q": "Alma"})) == set()  # names are not searched


def test_nothing_can_be_added_changed_or_deleted(client, world, more, rows):
    client.force_login(more.superuser)
    row = rows["alma"]
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    change = reverse("admin:audit_accesslog_change", args=[row.pk])
    assert client.get(change).status_code == 200  # to look at
    assert client.post(change, {"what": "ändrad"}).status_code == 403
    delete = reverse("admin:audit_accesslog_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessLog.objects.filter(pk=row.pk, what="recipients:detail").exists()


def test_staff_without_an_administrator_role_cannot_use_it(client, world, rows):
    world.manager.is_staff = True
    world.manager.save()
    client.force_login(world.manager)
    assert client.get(CHANGELIST).status_code == 403
