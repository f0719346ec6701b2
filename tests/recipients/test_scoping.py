"""The scoping chokepoint, with personas, through the queryset, the pages and the admin."""

import pytest
from django.urls import reverse

from apps.recipients.models import CareRecipient
from tests.factories import UserFactory


def visible(user):
    return set(CareRecipient.objects.visible_to(user).values_list("given_name", flat=True))


class TestVisibleTo:
    def test_staff_see_only_their_units_recipients(self, world):
        assert visible(world.staff_a) == {"Alma"}
        assert visible(world.staff_b) == {"Bo"}

    def test_a_manager_of_both_units_sees_both_and_the_protected_person_they_were_granted(
        self, world
    ):
        assert visible(world.manager) == {"Alma", "Bo", "Hemlig"}

    def test_a_protected_person_is_hidden_from_staff_of_their_own_unit_without_a_grant(self, world):
        assert "Hemlig" not in visible(world.staff_a)
        assert "Hemlig" not in visible(world.assessor_a)

    def test_a_superuser_is_not_limited_to_units_but_still_needs_a_grant(self, world):
        root = UserFactory(username="root", is_superuser=True, is_staff=True)
        assert visible(root) == {"Alma", "Bo", "Ulla"}

    def test_other_organisations_and_anonymous_and_inactive_see_nothing_of_ours(self, world):
        from django.contrib.auth.models import AnonymousUser

        assert visible(world.outsider) == {"Ulla"}
        assert visible(AnonymousUser()) == set()
        world.staff_a.is_active = False
        assert visible(world.staff_a) == set()

    def test_each_recipient_appears_once_whatever_the_number_of_grants(self, world):
        from tests.factories import ProtectedIdentityGrantFactory

        for user in (world.staff_a, world.staff_b, world.assessor_a):
            ProtectedIdentityGrantFactory(recipient=world.hemlig, user=user)
        names = list(
            CareRecipient.objects.visible_to(world.manager).values_list("given_name", flat=True)
        )
        assert sorted(names) == ["Alma", "Bo", "Hemlig"]


class TestPages:
    def test_the_list_shows_only_the_users_recipients(self, client, world):
        client.force_login(world.staff_a)
        html = client.get(reverse("recipients:list")).content.decode()
        assert "Alma" in html
        # Names and numbers, not short substrings a random CSRF token could contain.
        assert "Bengtdemo" not in html and world.bo.personal_number not in html
        assert "Skyddadsson" not in html and "Utomsson" not in html

    @pytest.mark.parametrize("name", ["bo", "hemlig", "other_org_person"])
    def test_out_of_scope_detail_is_404_for_staff_a(self, client, world, name):
        client.force_login(world.staff_a)
        target = getattr(world, name)
        response = client.get(reverse("recipients:detail", args=[target.pk]))
        assert response.status_code == 404
        assert target.family_name not in response.content.decode()

    def test_granted_manager_opens_the_protected_person(self, client, world):
        client.force_login(world.manager)
        response = client.get(reverse("recipients:detail", args=[world.hemlig.pk]))
        assert response.status_code == 200
        assert "Skyddadsson" in response.content.decode()

    def test_edit_page_of_another_units_recipient_is_404_not_403(self, client, world):
        client.force_login(world.assessor_a)
        assert client.get(reverse("recipients:update", args=[world.bo.pk])).status_code == 404

    def test_staff_may_read_but_not_edit(self, client, world):
        client.force_login(world.staff_a)
        assert client.get(reverse("recipients:update", args=[world.alma.pk])).status_code == 403

    def test_anonymous_is_sent_to_login(self, client, world):
        response = client.get(reverse("recipients:detail", args=[world.alma.pk]))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    def test_search_by_personal_number_finds_only_in_scope(self, client, world):
        client.force_login(world.staff_a)
        own = client.post(reverse("recipients:list"), {"q": world.alma.personal_number})
        assert "Andersdemo" in own.content.decode()
        other = client.post(reverse("recipients:list"), {"q": world.bo.personal_number})
        assert "Bengtdemo" not in other.content.decode()
        assert "Ingen omsorgstagare matchar" in other.content.decode()


class TestAdmin:
    def test_admin_changelist_is_scoped(self, client, world):
        client.force_login(world.admin_user)
        html = client.get(reverse("admin:recipients_carerecipient_changelist")).content.decode()
        assert "Andersdemo" in html and "Bengtdemo" in html
        assert "Skyddadsson" not in html and "Utomsson" not in html

    @pytest.mark.parametrize("name", ["hemlig", "other_org_person"])
    def test_admin_change_page_out_of_scope_is_not_found(self, client, world, name):
        client.force_login(world.admin_user)
        url = reverse("admin:recipients_carerecipient_change", args=[getattr(world, name).pk])
        response = client.get(url, follow=True)
        # Out of scope is 404, as for a random id (never a redirect that names the record).
        assert getattr(world, name).family_name not in response.content.decode()
        assert response.status_code == 404 and not response.redirect_chain

    def test_staff_without_administrator_role_cannot_use_the_admin(self, client, world):
        world.staff_a.is_staff = True
        world.staff_a.save()
        client.force_login(world.staff_a)
        response = client.get(reverse("admin:recipients_carerecipient_changelist"))
        assert response.status_code == 403

    def test_admin_units_are_limited_to_the_organisation(self, client, world):
        client.force_login(world.admin_user)
        html = client.get(reverse("admin:organisations_unit_changelist")).content.decode()
        assert "Enhet A" in html and "Enhet B" in html and "Enhet X" not in html
