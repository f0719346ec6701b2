"""Bad input is refused with a message saying what is wrong, and nothing is half-saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.exceptions import PermissionDeniedError
from apps.core.history import allow_untracked_writes
from apps.recipients.models import CareRecipient
from apps.recipients.services import recipient_create, recipient_update
from tests.factories import CareRecipientFactory, make_test_number
from tests.helpers import form_error_codes, page_error_codes, validation_codes


def form_data(unit, **overrides):
    data = {
        "unit": str(unit.pk),
        "given_name": "Greta",
        "family_name": "Formsson",
        "personal_number": "19121212-1212",
        "preferred_language": "svenska",
        "status": "active",
        "start_date": "2026-01-15",
    }
    data.update(overrides)
    return data


class TestCreatePage:
    def test_it_creates_and_normalises_the_number(self, client, world):
        client.force_login(world.assessor_a)
        response = client.post(
            reverse("recipients:create"), form_data(world.unit_a, personal_number="1912 1212 1212")
        )
        assert response.status_code == 302
        greta = CareRecipient.objects.get(family_name="Formsson")
        assert greta.personal_number == "19121212-1212"
        assert greta.birth_date == dt.date(1912, 12, 12)
        assert greta.organisation == world.org

    def test_a_malformed_number_is_shown_next_to_the_field_and_input_is_kept(self, client, world):
        client.force_login(world.assessor_a)
        response = client.post(
            reverse("recipients:create"), form_data(world.unit_a, personal_number="19121212-1213")
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert form_error_codes(response.context["form"]) == {"personal_number": {"checksum"}}
        assert "field-error" in html or "field--error" in html
        assert 'value="Formsson"' in html
        assert not CareRecipient.objects.filter(family_name="Formsson").exists()

    def test_a_duplicate_in_the_organisation_is_refused(self, client, world):
        client.force_login(world.assessor_a)
        response = client.post(
            reverse("recipients:create"),
            form_data(world.unit_a, personal_number=world.alma.personal_number),
        )
        assert page_error_codes(response) == {"personal_number": {"duplicate_personal_number"}}
        assert CareRecipient.objects.filter(personal_number=world.alma.personal_number).count() == 1

    def test_the_same_number_may_exist_in_another_organisation(self, world):
        number = world.other_org_person.personal_number
        created = recipient_create(
            actor=world.assessor_a,
            unit=world.unit_a,
            given_name="Ulla",
            family_name="Dubbel",
            personal_number=number,
            start_date=dt.date(2026, 1, 1),
        )
        assert created.personal_number == number

    def test_a_unit_the_user_cannot_edit_in_is_not_offered(self, client, world):
        client.force_login(world.assessor_a)
        response = client.post(reverse("recipients:create"), form_data(world.unit_b))
        assert response.status_code == 200
        assert form_error_codes(response.context["form"]) == {"unit": {"invalid_choice"}}
        assert not CareRecipient.objects.filter(family_name="Formsson").exists()

    def test_end_before_start_is_refused(self, client, world):
        client.force_login(world.assessor_a)
        response = client.post(
            reverse("recipients:create"), form_data(world.unit_a, end_date="2025-01-01")
        )
        assert "Slutdatum kan inte ligga före startdatum" in response.content.decode()


class TestServices:
    def test_a_unit_from_another_organisation_is_refused_on_update(self, world):
        foreign_unit = world.unit_x
        with pytest.raises((ValidationError, PermissionDeniedError)):
            recipient_update(actor=world.assessor_a, recipient=world.alma, unit=foreign_unit)
        world.alma.refresh_from_db()
        assert world.alma.unit == world.unit_a

    def test_unit_of_another_organisation_is_a_clear_validation_error_for_a_superuser(self, world):
        from tests.factories import UserFactory

        root = UserFactory(username="root2", is_superuser=True)
        with pytest.raises(ValidationError) as exc:
            recipient_update(actor=root, recipient=world.alma, unit=world.unit_x)
        assert validation_codes(exc.value) == {"unit": {"other_organisation"}}
        world.alma.refresh_from_db()
        assert world.alma.unit == world.unit_a

    def test_care_staff_may_not_create(self, world):
        with pytest.raises(PermissionDeniedError):
            recipient_create(
                actor=world.staff_a,
                unit=world.unit_a,
                given_name="X",
                family_name="Y",
                personal_number=make_test_number(),
                start_date=dt.date(2026, 1, 1),
            )

    def test_the_database_refuses_a_duplicate_even_past_validation(self, world):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            CareRecipientFactory(unit=world.unit_a, personal_number=world.alma.personal_number)

    def test_the_database_refuses_an_unknown_status(self, world):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic(), allow_untracked_writes():
            CareRecipient.objects.filter(pk=world.alma.pk).update(status="nonsense")


class TestAdminInput:
    def _admin_add(self, client, world, **overrides):
        data = {
            "organisation": str(world.org.pk),
            "unit": str(world.unit_a.pk),
            "given_name": "Admin",
            "family_name": "Tillagd",
            "personal_number": "19121212-1212",
            "preferred_language": "svenska",
            "status": "active",
            "start_date": "2026-01-15",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
        }
        data.update(overrides)
        client.force_login(world.admin_user)
        return client.post(reverse("admin:recipients_carerecipient_add"), data)

    def test_admin_adds_a_recipient_with_a_normalised_number(self, client, world):
        response = self._admin_add(client, world, personal_number="121212+1212")
        assert response.status_code == 302, response.content.decode()[:2000]
        assert CareRecipient.objects.get(family_name="Tillagd").personal_number == "19121212-1212"

    def test_admin_refuses_a_malformed_number(self, client, world):
        response = self._admin_add(client, world, personal_number="19121212-1219")
        assert response.status_code == 200
        assert page_error_codes(response) == {"personal_number": {"checksum"}}
        assert not CareRecipient.objects.filter(family_name="Tillagd").exists()

    def test_admin_refuses_a_duplicate(self, client, world):
        response = self._admin_add(client, world, personal_number=world.bo.personal_number)
        assert page_error_codes(response) == {"personal_number": {"duplicate_personal_number"}}

    def test_admin_refuses_a_unit_from_another_organisation(self, client, world):
        from tests.factories import UnitFactory as UF

        second_unit = UF(organisation=world.other_org, name="Främmande")
        world.admin_user.memberships.create(unit=second_unit, role="administrator")
        response = self._admin_add(client, world, unit=str(second_unit.pk))
        assert page_error_codes(response) == {"unit": {"other_organisation"}}
        assert not CareRecipient.objects.filter(family_name="Tillagd").exists()
