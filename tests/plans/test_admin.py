"""The admin: scoped like the pages, read-only once a version is approved."""

from django.urls import reverse

from apps.plans.models import CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import UserFactory
from tests.helpers import page_error_codes


def change_url(version):
    return reverse("admin:plans_careplanversion_change", args=[version.pk])


def approved(world):
    draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
    plan_version_submit(actor=world.staff_a, version=draft)
    return plan_version_approve(actor=world.manager, version=draft)


class TestAdmin:
    def test_the_changelist_is_scoped_by_visible_to(self, client, world):
        mine = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        protected = plan_start_draft(actor=world.manager, recipient=world.hemlig)
        other_org = plan_start_draft(actor=world.outsider, recipient=world.other_org_person)
        client.force_login(world.admin_user)
        html = client.get(reverse("admin:plans_careplanversion_changelist")).content.decode()
        assert str(world.alma.pk) in html
        assert str(world.hemlig.pk) not in html
        assert str(world.other_org_person.pk) not in html
        for hidden in (protected, other_org):
            assert client.get(change_url(hidden)).status_code == 404
        assert client.get(change_url(mine)).status_code == 200

    def test_an_approved_version_is_read_only(self, client, world):
        version = approved(world)
        root = UserFactory(username="root", is_superuser=True, is_staff=True)
        client.force_login(root)
        page = client.get(change_url(version))
        assert page.status_code == 200
        assert 'name="summary"' not in page.content.decode()
        response = client.post(change_url(version), {"summary": "Ändrad i efterhand"})
        assert response.status_code == 403
        assert CarePlanVersion.objects.get(pk=version.pk).summary == ""

    def test_an_open_summary_is_edited_through_the_service(self, client, world):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        root = UserFactory(username="root", is_superuser=True, is_staff=True)
        client.force_login(root)
        response = client.post(change_url(draft), {"summary": "Via admin"})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert (draft.summary, draft.version) == ("Via admin", 2)

    def test_an_administrator_without_a_care_role_is_refused_on_the_form(self, client, world):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        client.force_login(world.admin_user)
        response = client.post(change_url(draft), {"summary": "Via admin"})
        assert response.status_code == 200
        assert page_error_codes(response) == {"__all__": {"update_not_allowed"}}
        assert CarePlanVersion.objects.get(pk=draft.pk).summary == ""

    def test_versions_cannot_be_added_in_the_admin(self, client, world):
        client.force_login(world.admin_user)
        response = client.get(reverse("admin:plans_careplanversion_add"))
        assert response.status_code == 403
