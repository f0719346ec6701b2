"""The sample of the access log (stickprov, /loggar/stickprov/): seeded and reproducible, spread
over the rows, within the reviewer's scope and filters, logged like any page that names people,
and one click from documenting the check."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessLog
from tests.audit.factories import AccessLogFactory, read

SAMPLE = reverse("audit:sample")


@pytest.fixture
def many_reads(world):
    """60 reads of Alma (unit A) by staff_a, and 40 of Bo (unit B) by staff_b."""
    now = timezone.now()
    for n in range(60):
        read(world.staff_a, world.alma, at=now - dt.timedelta(hours=n))
    for n in range(40):
        read(world.staff_b, world.bo, at=now - dt.timedelta(hours=n))


def newest() -> int:
    last = AccessLog.objects.order_by("-id").first()
    return last.id if last else 0


def sampled_ids(response) -> list[int]:
    return [row.id for row in response.context["rows"]]


def test_without_a_seed_a_new_one_is_drawn_and_the_address_keeps_it(client, world, many_reads):
    client.force_login(world.manager)
    first = client.get(SAMPLE)
    assert first.status_code == 302
    params = parse_qs(urlparse(first["Location"]).query)
    assert int(params["seed"][0]) >= 1 and params["size"] == ["20"]
    assert int(params["until"][0]) == AccessLog.objects.order_by("-id").first().id
    page = client.get(first["Location"])
    assert len(sampled_ids(page)) == 20
    assert sampled_ids(client.get(first["Location"])) == sampled_ids(page)  # reproducible


def test_different_seeds_give_different_samples_spread_over_the_rows(client, world, many_reads):
    client.force_login(world.manager)
    until = newest()
    samples = [
        sampled_ids(client.get(SAMPLE, {"until": until, "seed": seed, "size": 10}))
        for seed in (1, 2, 12345, 54321, 2**31 - 2)
    ]
    assert len({tuple(sorted(ids)) for ids in samples}) == 5
    for ids in samples:
        # Not one request's consecutive rows: each sample reaches across the hundred reads.
        assert max(ids) - min(ids) > 50, sorted(ids)


def test_the_sample_stays_within_the_chosen_unit_and_the_reviewer_s_scope(
    client, world, many_reads, manager_of_a
):
    client.force_login(manager_of_a)
    mine = client.get(SAMPLE, {"until": newest(), "seed": 7, "size": 100})
    assert {row.recipient_id for row in mine.context["rows"]} == {world.alma.pk}
    other_unit = client.get(SAMPLE, {"until": newest(), "seed": 7, "unit": world.unit_b.pk})
    assert other_unit.context["rows"] is None
    assert "unit" in other_unit.context["sample_form"].errors
    client.force_login(world.manager)
    only_b = client.get(
        SAMPLE, {"seed": 7, "size": 100, "until": newest(), "unit": str(world.unit_b.pk)}
    )
    assert {row.recipient_id for row in only_b.context["rows"]} == {world.bo.pk}
    assert len(only_b.context["rows"]) == 40


def test_the_period_filter_applies(client, world, manager_of_a):
    old = timezone.now() - dt.timedelta(days=90)
    read(world.staff_a, world.alma, at=old)
    recent = read(world.staff_a, world.alma)
    client.force_login(manager_of_a)
    rows = client.get(SAMPLE, {"until": newest(), "seed": 3}).context[
        "rows"
    ]  # default: the last 30 days
    assert [row.id for row in rows] == [recent.id]


@pytest.mark.parametrize(
    "params",
    [{"seed": "x"}, {"seed": "0"}, {"seed": "1", "size": "0"}, {"seed": "1", "size": "101"}],
)
def test_bad_parameters_are_shown_not_a_server_error(client, world, manager_of_a, params):
    client.force_login(manager_of_a)
    response = client.get(SAMPLE, {"until": "1", **params})
    assert response.status_code == 200 and response.context["rows"] is None
    assert "field-error" in response.content.decode() or response.context["sample_form"].errors


def test_the_people_in_the_sample_are_logged_once_and_protected_ones_stay_hidden(
    client, world, manager_of_a
):
    read(world.staff_a, world.alma)
    read(world.staff_a, world.hemlig)  # protected; manager_a holds no grant
    client.force_login(manager_of_a)
    before = AccessLog.objects.order_by("-id").first().id
    html = client.get(SAMPLE, {"until": newest(), "seed": 9}).content.decode()
    assert "Alma" in html and "Hemlig" not in html and "Skyddadsson" not in html
    logged = AccessLog.objects.filter(id__gt=before, user=manager_of_a)
    assert list(logged.values_list("recipient_id", flat=True)) == [world.alma.pk]


@pytest.mark.parametrize("username", ["staff_a", "assessor_a"])
def test_only_log_reviewers_may_sample(client, world, username):
    client.force_login(getattr(world, username))
    assert client.get(SAMPLE, {"until": newest(), "seed": 1}).status_code == 403


def test_documenting_the_check_starts_from_the_sample(client, world, many_reads, manager_of_a):
    client.force_login(manager_of_a)
    page = client.get(
        SAMPLE, {"until": newest(), "seed": 4242, "size": 15, "unit": str(world.unit_a.pk)}
    )
    link = reverse("audit:check-create") + "?" + page.context["check_query"]
    assert link in page.content.decode().replace("&amp;", "&")
    form = client.get(link).context["form"]
    assert form["unit"].value() == str(world.unit_a.pk)
    assert form["method"].value() == "sample"
    assert form["accesses_checked"].value() == "15"
    assert "4242" in form["scope"].value()
    assert form["period_end"].value() == timezone.localdate().isoformat()


def test_the_sample_runs_a_fixed_number_of_queries(
    client, world, manager_of_a, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(50):
        AccessLogFactory(
            user=world.staff_a,
            recipient_id=world.alma.pk,
            unit_id=world.unit_a.pk,
            at=now - dt.timedelta(minutes=n),
        )
    client.force_login(manager_of_a)
    client.get(SAMPLE, {"until": newest(), "seed": 1, "size": 5})
    with django_assert_max_num_queries(12) as small:
        client.get(SAMPLE, {"until": newest(), "seed": 1, "size": 5})
    with django_assert_max_num_queries(12) as large:
        client.get(SAMPLE, {"until": newest(), "seed": 1, "size": 50})
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_sample_is_shown_oldest_first(client, world, many_reads):
    client.force_login(world.manager)
    rows = client.get(SAMPLE, {"until": newest(), "seed": 99, "size": 30}).context["rows"]
    assert [row.at for row in rows] == sorted(row.at for row in rows)


def test_a_reviewer_of_several_units_chooses_all_units_or_one(client, world, many_reads):
    client.force_login(world.manager)
    html = client.get(SAMPLE, {"seed": 7}, follow=True).content.decode()
    assert '<option value="" selected>Alla enheter</option>' in html
    assert "Alla mina enheter" not in html and "---------" not in html


def test_a_reviewer_of_one_unit_is_not_asked_for_a_unit(client, world, many_reads, manager_of_a):
    client.force_login(manager_of_a)
    response = client.get(SAMPLE, {"seed": 7}, follow=True)
    html = response.content.decode()
    assert '<select name="unit"' not in html
    assert '<input type="hidden" name="unit"' in html
    people = {row.recipient_id for row in response.context["rows"]}
    assert people == {world.alma.pk}  # still their one unit's accesses
