"""Documented checks of the access log (logguppföljning, /loggar/kontroller/): who may record
one and for which unit, the rules a check must meet, the list and the units due a check."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import LogReview

CHECKS = reverse("audit:checks")
CREATE = reverse("audit:check-create")


def month_ago(days=30):
    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


def form(unit, **overrides):
    data = {
        "unit": str(unit.pk),
        "period_start": month_ago(31),
        "period_end": month_ago(1),
        "method": "sample",
        "scope": "25 slumpvisa åtkomster och alla utanför egna enheter",
        "accesses_checked": "25",
        "finding": "no_remarks",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_a_manager_documents_a_check_of_their_unit(client, world, manager_of_a):
    client.force_login(manager_of_a)
    page = client.get(CREATE).content.decode()
    assert "Enhet A" in page and "Enhet B" not in page
    response = client.post(CREATE, form(world.unit_a))
    assert response.status_code == 302 and response["Location"] == CHECKS
    review = LogReview.objects.get()
    assert (review.unit, review.reviewer, review.accesses_checked) == (
        world.unit_a,
        manager_of_a,
        25,
    )
    listing = client.get(CHECKS).content.decode()
    assert "25 slumpvisa åtkomster" in listing and "Kontrollen är dokumenterad." in listing


def test_a_unit_the_reviewer_does_not_check_is_refused_and_nothing_saved(
    client, world, manager_of_a
):
    client.force_login(manager_of_a)
    for unit in (world.unit_b, world.unit_x):
        response = client.post(CREATE, form(unit))
        assert response.status_code == 200
        assert "field--error" in response.content.decode()
    assert not LogReview.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"period_end": month_ago(40)}, "period_end", "Perioden kan inte sluta före den börjar."),
        (
            {"period_end": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
            "period_end",
            "En kontroll kan bara gälla dagar som har varit.",
        ),
        ({"finding": "remarks", "notes": "  "}, "notes", "Beskriv vad som hittades"),
        ({"accesses_checked": "-1"}, "accesses_checked", ""),
        ({"method": "guess"}, "method", ""),
        ({"scope": "x" * 1001}, "scope", ""),
        ({"scope": ""}, "scope", ""),
    ],
    ids=["end-before-start", "future", "remarks-bare", "negative", "method", "long", "empty"],
)
def test_bad_input_is_shown_next_to_the_field_and_kept(
    client, world, manager_of_a, overrides, field, message
):
    client.force_login(manager_of_a)
    response = client.post(CREATE, form(world.unit_a, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert "25 slumpvisa åtkomster" in html or field == "scope"  # what was typed stays
    assert not LogReview.objects.exists()


def test_remarks_with_an_explanation_are_saved_and_shown(client, world, manager_of_a):
    client.force_login(manager_of_a)
    notes = "Åtkomst utan vårdrelation 3 maj (logg-id 1042). Samtal med medarbetaren."
    client.post(CREATE, form(world.unit_a, finding="remarks", notes=notes))
    assert notes in client.get(CHECKS).content.decode()


def test_the_database_refuses_a_check_that_breaks_the_rules(world, manager_of_a):
    base = {
        "unit": world.unit_a,
        "reviewer": manager_of_a,
        "method": "sample",
        "scope": "stickprov",
        "accesses_checked": 5,
    }
    today = timezone.localdate()
    bad = [
        {"period_start": today, "period_end": today - dt.timedelta(days=1), "finding": "remarks"},
        {"period_start": today, "period_end": today, "finding": "remarks", "notes": ""},
        {"period_start": today, "period_end": today, "finding": "unknown"},
    ]
    for values in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            LogReview.objects.create(**base, **values)


@pytest.mark.parametrize("username", ["staff_a", "assessor_a"])
def test_only_log_reviewers_reach_the_checks(client, world, username):
    client.force_login(getattr(world, username))
    assert client.get(CHECKS).status_code == 403
    assert client.post(CREATE, form(world.unit_a)).status_code == 403
    assert not LogReview.objects.exists()


def test_the_list_shows_only_the_reviewer_s_units_and_flags_those_due(
    client, world, manager_of_a, django_assert_num_queries
):
    today = timezone.localdate()
    for unit, days in ((world.unit_a, 10), (world.unit_b, 200), (world.unit_x, 5)):
        LogReview.objects.create(
            unit=unit,
            reviewer=world.admin_user,
            period_start=today - dt.timedelta(days=days + 30),
            period_end=today - dt.timedelta(days=days),
            method="sample",
            scope=f"kontroll av {unit.name}",
            accesses_checked=10,
            finding="no_remarks",
        )
    client.force_login(world.manager)
    html = client.get(CHECKS).content.decode()
    assert "kontroll av Enhet A" in html and "kontroll av Enhet B" in html
    assert "kontroll av Enhet X" not in html
    assert html.count("Dags för kontroll") == 1  # unit B: 200 days ago
    client.force_login(manager_of_a)
    html = client.get(CHECKS).content.decode()
    assert "kontroll av Enhet B" not in html and "Dags för kontroll" not in html


def test_the_list_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    today = timezone.localdate()
    client.force_login(world.manager)
    client.get(CHECKS)  # warm the session
    for n in range(30):
        LogReview.objects.create(
            unit=world.unit_a if n % 2 else world.unit_b,
            reviewer=world.admin_user,
            period_start=today - dt.timedelta(days=n + 30),
            period_end=today - dt.timedelta(days=n),
            method="sample",
            scope="stickprov",
            accesses_checked=n,
            finding="no_remarks",
        )
    # session, user, membership nav, review scope, units, count, page
    with django_assert_num_queries(7):
        assert client.get(CHECKS).status_code == 200


def test_a_unit_never_checked_is_offered_a_link_to_check_it(client, world, manager_of_a):
    client.force_login(manager_of_a)
    html = client.get(CHECKS).content.decode()
    assert "Aldrig kontrollerad" in html
    assert f"{CREATE}?unit={world.unit_a.pk}" in html
    page = client.get(CREATE, {"unit": str(world.unit_a.pk)})
    assert page.context["form"]["unit"].value() == str(world.unit_a.pk)


def test_the_service_refuses_a_unit_outside_the_reviewer_s_scope(world, manager_of_a):
    from apps.audit.services import log_review_record
    from apps.core.exceptions import PermissionDeniedError

    today = timezone.localdate()
    with pytest.raises(PermissionDeniedError):
        log_review_record(
            reviewer=manager_of_a,
            unit=world.unit_b,
            period_start=today,
            period_end=today,
            method="sample",
            scope="stickprov",
            accesses_checked=1,
            finding="no_remarks",
        )
    assert not LogReview.objects.exists()


def test_a_reviewer_of_one_unit_finds_it_chosen_and_last_month_filled_in(
    client, world, manager_of_a
):
    client.force_login(manager_of_a)
    form = client.get(CREATE).context["form"]
    assert form["unit"].value() == world.unit_a.pk
    start, end = form["period_start"].value(), form["period_end"].value()
    assert start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start <= end
    assert end < timezone.localdate().replace(day=1)
