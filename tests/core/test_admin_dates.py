"""The admin's dates and date-times take the years 1900–2999 like the rest of the product
(apps/core/dates.py): a year-1 date-time was a server error, a year-1 or year-9999 date was
saved."""

import pytest
from django import forms
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from apps.core.dates import Bounded
from tests.factories import UserFactory
from tests.helpers import form_error_codes

RECIPIENT_FORM = {
    "given_name": "Alma",
    "family_name": "Andersdemo",
    "preferred_language": "svenska",
    "status": "active",
    "start_date": "2026-01-15",
    "contacts-TOTAL_FORMS": "0",
    "contacts-INITIAL_FORMS": "0",
    "contacts-MIN_NUM_FORMS": "0",
    "contacts-MAX_NUM_FORMS": "1000",
}


def almas_admin_form(world, **fields):
    """Alma's admin change form as it is, with `fields` changed."""
    return {
        **RECIPIENT_FORM,
        "organisation": str(world.org.pk),
        "unit": str(world.unit_a.pk),
        "personal_number": world.alma.personal_number,
        **fields,
    }


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_every_admin_date_field_is_bounded(root):
    request = RequestFactory().get("/admin/")
    request.user = root
    unbounded = []
    for model, model_admin in admin.site._registry.items():
        forms_shown = [model_admin.get_form(request)]
        forms_shown += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form in forms_shown:
            for name, field in form.base_fields.items():
                dated = isinstance(field, forms.DateField | forms.DateTimeField)
                if (dated or isinstance(field, forms.SplitDateTimeField)) and not isinstance(
                    field, Bounded
                ):
                    unbounded.append(f"{model._meta.label}.{name}")
    assert not unbounded


def test_a_year_1_date_time_is_a_form_error_not_a_server_error(root, world):
    client = Client(raise_request_exception=False)
    client.force_login(root)
    url = reverse("admin:accounts_user_change", args=[world.staff_a.pk])
    data = {
        "username": "staff_a",
        "first_name": "Test",
        "last_name": "Person",
        "is_active": "on",
        "date_joined_0": "0001-01-01",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    errors = form_error_codes(response.context["adminform"].form)
    assert errors == {"date_joined": {"date_out_of_range"}}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_a_date_outside_the_years_is_refused(client, world, day):
    client.force_login(world.admin_user)
    url = reverse("admin:recipients_carerecipient_change", args=[world.alma.pk])
    response = client.post(url, almas_admin_form(world, end_date=day))
    assert response.status_code == 200
    errors = form_error_codes(response.context["adminform"].form)
    assert errors == {"end_date": {"date_out_of_range"}}
    world.alma.refresh_from_db()
    assert world.alma.end_date is None


def test_a_date_inside_the_years_is_saved(client, world):
    client.force_login(world.admin_user)
    url = reverse("admin:recipients_carerecipient_change", args=[world.alma.pk])
    assert client.post(url, almas_admin_form(world, end_date="2999-12-31")).status_code == 302
    world.alma.refresh_from_db()
    assert str(world.alma.end_date) == "2999-12-31"


@pytest.fixture
def admin_client_(world):
    """The organisation's administrator, answered as a browser is (a 500 as a page)."""
    client = Client(raise_request_exception=False)
    client.force_login(world.admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/assessments/assessment/?assessed_at__year=9999",
        "/admin/assessments/assessment/?assessed_at__year=9999&assessed_at__month=12",
        "/admin/followups/followup/?due_date__year=9999&due_date__month=12",
        "/admin/whatmatters/conversation/?held_at__year=9999&held_at__month=12&held_at__day=31",
        "/admin/audit/logreview/?period_end__year=9999",
        "/admin/whatmatters/conversation/?held_at__year=0",
    ],
)
def test_a_date_drill_down_outside_the_years_is_the_admin_s_error_flag(admin_client_, url):
    client = admin_client_
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert client.get(response["Location"]).status_code == 200


def test_a_date_drill_down_inside_the_years_still_works(admin_client_):
    assert (
        admin_client_.get("/admin/whatmatters/conversation/?held_at__year=2026").status_code == 200
    )
