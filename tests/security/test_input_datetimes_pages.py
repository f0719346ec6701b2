"""Dates and date-times outside the years 1900–2999 in the page forms and the log review's
filters are a form error next to the field (or a 400 for the CSV export), never a server
error, and nothing is saved. Date-times with offsets PostgreSQL does not take are moved to UTC.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import LogReview
from apps.followups.models import FollowUp
from apps.interventions.models import Consent
from apps.recipients.models import CareRecipient
from apps.whatmatters.models import Conversation, Goal
from tests.security.conftest_input import nurse_with_records, page_client

DATE_TIME_MESSAGE = "Ange en tidpunkt mellan år 1900 och 2999."
DATE_MESSAGE = "Ange ett datum mellan år 1900 och 2999."
DATE_TIMES_OUTSIDE = [
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "1899-12-31T23:59",
    "3000-01-01T00:00",
]
DATES_OUTSIDE = ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"]


@pytest.fixture
def site(world, life_areas):
    nurse, records = nurse_with_records(world)
    return SimpleNamespace(
        world=world,
        records=records,
        nurse=nurse,
        nurse_client=page_client(nurse),
        assessor_client=page_client(world.assessor_a),
        manager_client=page_client(world.manager),
    )


def forms_with_dates(s):
    """(client, url, a complete valid body, its date or date-time field, kind, model)."""
    alma, r = s.world.alma, s.records
    today = timezone.localdate()
    held_at = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    return [
        (
            s.nurse_client,
            f"/omsorgstagare/{alma.pk}/samtal/nytt/",
            {
                "held_at": held_at,
                "location": "home_visit",
                "answers-TOTAL_FORMS": "1",
                "answers-INITIAL_FORMS": "0",
                "answers-0-own_words": "Att få sova.",
                "answers-0-life_area": "sleep",
            },
            "held_at",
            "date-time",
            Conversation,
        ),
        (
            s.nurse_client,
            f"/insatser/{r.intervention.pk}/samtycke/nytt/",
            {"given_by": "person", "method": "verbal", "given_at": held_at},
            "given_at",
            "date-time",
            Consent,
        ),
        (
            s.nurse_client,
            f"/omsorgstagare/{alma.pk}/mal/nytt/",
            {"answers": str(r.answer.pk), "own_words": "Sova hela natten."},
            "target_date",
            "date",
            Goal,
        ),
        (
            s.nurse_client,
            f"/omsorgstagare/{alma.pk}/uppfoljningar/ny/",
            {
                "goal": str(r.goal.pk),
                "due_date": (today + dt.timedelta(days=7)).isoformat(),
                "responsible": str(s.nurse.pk),
            },
            "due_date",
            "date",
            FollowUp,
        ),
        (
            s.nurse_client,
            f"/uppfoljningar/{r.followup.pk}/genomfor/",
            {
                "own_words": "Det fungerar.",
                "still_matters": "yes",
                "decision": "continue",
                "next_due_date": (today + dt.timedelta(days=60)).isoformat(),
                "next_responsible": str(s.nurse.pk),
                "version": str(r.followup.version),
            },
            "next_due_date",
            "date",
            FollowUp,
        ),
        (
            s.assessor_client,
            "/omsorgstagare/ny/",
            {
                "unit": str(s.world.unit_a.pk),
                "given_name": "Ny",
                "family_name": "Person",
                "personal_number": "19121212-1212",
                "preferred_language": "svenska",
                "status": "active",
                "start_date": today.isoformat(),
            },
            "start_date",
            "date",
            CareRecipient,
        ),
        (
            s.manager_client,
            reverse("audit:check-create"),
            {
                "unit": str(s.world.unit_a.pk),
                "period_start": last_month.replace(day=1).isoformat(),
                "period_end": last_month.isoformat(),
                "method": "sample",
                "scope": "Stickprov.",
                "accesses_checked": "3",
                "finding": "no_remarks",
            },
            "period_start",
            "date",
            LogReview,
        ),
    ]


@pytest.mark.parametrize("index", range(4))
def test_an_out_of_range_date_in_a_form_is_an_error_at_the_field_and_nothing_is_saved(site, index):
    for client, url, body, field, kind, model in forms_with_dates(site):
        value = (DATE_TIMES_OUTSIDE if kind == "date-time" else DATES_OUTSIDE)[index]
        before = model.objects.count()
        response = client.post(url, {**body, field: value})
        assert response.status_code == 200, (url, field, value, response.status_code)
        form = response.context["form"]
        message = DATE_TIME_MESSAGE if kind == "date-time" else DATE_MESSAGE
        assert form.errors.get(field) == [message], (url, field, value, form.errors)
        assert message in response.content.decode(), (url, field)
        assert model.objects.count() == before, (url, field, value)


def test_each_form_body_is_saved_as_it_is(site):
    """The bodies above are valid: the refusals are about the date."""
    for client, url, body, field, _kind, model in forms_with_dates(site):
        before = model.objects.count()
        response = client.post(url, body)
        assert response.status_code == 302, (url, field, response.content[:500])
        assert model.objects.count() >= before


LOG_PAGES = ["audit:review", "audit:sample", "audit:export"]


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", DATES_OUTSIDE)
def test_an_out_of_range_period_on_the_log_review_pages_is_an_error_naming_it(site, field, value):
    for name in LOG_PAGES:
        query = {field: value, "seed": "7", "until": "1", "size": "5"}
        response = site.manager_client.get(reverse(name), query)
        if name == "audit:export":
            assert response.status_code == 400, (name, field, value)
            assert f"{field}: {DATE_MESSAGE}" in response.content.decode()
        else:
            assert response.status_code == 200, (name, field, value, response.status_code)
            assert response.context["form"].errors.get(field) == [DATE_MESSAGE], name


def test_the_log_review_pages_take_the_first_and_last_day_of_the_range(site):
    for name in LOG_PAGES:
        query = {"date_from": "1900-01-01", "date_to": "2999-12-31", "seed": "7", "until": "1"}
        response = site.manager_client.get(reverse(name), query)
        assert response.status_code == 200, name
        if name != "audit:export":
            assert not response.context["form"].errors, name


@pytest.mark.parametrize("held_at", ["2026-01-01T10:00:00+19:56", "2026-01-01T10:00+15:30"])
def test_a_page_form_date_time_with_an_offset_never_fails(client, world, life_areas, held_at):
    client.force_login(world.staff_a)
    url = reverse("whatmatters:conversation-create", args=[world.alma.pk])
    data = {
        "held_at": held_at,
        "location": "home_visit",
        "answers-TOTAL_FORMS": "1",
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "50",
        "answers-0-own_words": "Att få sova.",
        "answers-0-life_area": "sleep",
    }
    response = client.post(url, data)
    assert response.status_code in (200, 302)
