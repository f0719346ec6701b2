"""Each figure of the managers' overview on the hand-built data set of conftest.py.

In the manager's units A and B: alma, bo, hemlig (protected, granted), carl, dora (ended).
Never counted for the manager: `hidden` (protected, no grant) and ulla (another organisation).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import translation

from apps.core.exceptions import PermissionDeniedError
from apps.insights import selectors
from apps.insights.selectors import IN_PERSON, insight_scope

STATUSES = ["proposed", "declined", "accepted", "trial", "active", "ended"]


def scope_for(user, unit=None):
    return insight_scope(user=user, unit_id=str(unit.pk) if unit else None)


def by_label(rows):
    return {row["label"]: row for row in rows}


class TestScope:
    def test_a_manager_of_two_units_covers_both_by_default(self, world):
        scope = scope_for(world.manager)
        assert [u.name for u in scope.units] == ["Enhet A", "Enhet B"]
        assert scope.unit is None

    def test_one_managed_unit_can_be_chosen(self, world):
        scope = scope_for(world.manager, world.unit_b)
        assert scope.units == (world.unit_b,) and scope.unit == world.unit_b
        assert len(scope.managed) == 2

    @pytest.mark.parametrize("unit_id", ["unit_x", "not-a-uuid"])
    def test_a_unit_the_user_does_not_manage_is_404(self, world, unit_id):
        value = str(world.unit_x.pk) if unit_id == "unit_x" else unit_id
        with pytest.raises(Http404):
            insight_scope(user=world.manager, unit_id=value)

    def test_seeing_a_unit_is_not_managing_it(self, world, people):
        assert [u.name for u in scope_for(people.staff_a_manager_b).units] == ["Enhet B"]
        with pytest.raises(Http404):
            scope_for(people.staff_a_manager_b, world.unit_a)

    @pytest.mark.parametrize("name", ["staff_a", "assessor_a", "admin_user"])
    def test_a_user_who_manages_no_unit_is_refused(self, world, name):
        with pytest.raises(PermissionDeniedError):
            scope_for(getattr(world, name))

    def test_an_inactive_manager_is_refused(self, world):
        world.manager.is_active = False
        with pytest.raises(PermissionDeniedError):
            scope_for(world.manager)

    def test_a_superuser_covers_every_unit(self, world, people):
        assert {u.name for u in scope_for(people.root).units} == {"Enhet A", "Enhet B", "Enhet X"}


class TestConversationCoverage:
    def test_counts_active_people_with_a_current_answer_from_the_last_twelve_months(
        self, world, data, now
    ):
        # alma (60 days, current) and carl (two conversations) count; bo's is 400 days old,
        # hemlig's recent answer is superseded; dora has ended; hidden and ulla are not ours.
        figures = selectors.conversation_coverage(scope_for(world.manager), now=now)
        assert figures == {"recipients": 4, "with_conversation": 2, "share": 0.5}

    def test_a_conversation_just_over_a_year_old_no_longer_counts(self, world, data, now):
        later = now + dt.timedelta(days=310)  # alma's conversation is now 370 days old
        figures = selectors.conversation_coverage(scope_for(world.manager), now=later)
        assert figures["with_conversation"] == 1  # carl's, 320 and 340 days old

    def test_one_unit(self, world, data, now):
        figures = selectors.conversation_coverage(scope_for(world.manager, world.unit_b), now=now)
        assert figures == {"recipients": 1, "with_conversation": 0, "share": 0.0}

    def test_no_recipients_gives_no_share(self, world, people, now):
        figures = selectors.conversation_coverage(scope_for(people.manager_b), now=now)
        assert figures == {"recipients": 1, "with_conversation": 0, "share": 0.0}
        world.bo.status = "ended"
        world.bo.save()
        figures = selectors.conversation_coverage(scope_for(people.manager_b), now=now)
        assert figures == {"recipients": 0, "with_conversation": 0, "share": None}


class TestOverdueFollowups:
    def test_counts_scheduled_follow_ups_due_before_today_oldest_first(self, world, data, today):
        figures = selectors.overdue_followups(scope_for(world.manager), today=today)
        assert figures["count"] == 4
        assert [(f.recipient.given_name, f.days_overdue) for f in figures["oldest"]] == [
            ("Hemlig", 20),
            ("Alma", 10),
            ("Bo", 3),
            ("Dora", 1),
        ]
        assert figures["oldest"][0].responsible == data.staff

    def test_lists_at_most_ten_but_counts_all(self, world, data, today):
        from tests.factories import FollowUpFactory, GoalFactory

        for n in range(12):
            FollowUpFactory(
                intervention=None,
                goal=GoalFactory(recipient=world.bo),
                recipient=world.bo,
                due_date=today - dt.timedelta(days=100 + n),
            )
        figures = selectors.overdue_followups(scope_for(world.manager), today=today)
        assert figures["count"] == 16
        assert len(figures["oldest"]) == 10
        assert figures["oldest"][0].days_overdue == 111

    def test_one_unit(self, world, data, today):
        figures = selectors.overdue_followups(scope_for(world.manager, world.unit_b), today=today)
        assert figures["count"] == 2
        assert [f.recipient.given_name for f in figures["oldest"]] == ["Bo", "Dora"]


class TestInterventionsByTechnology:
    def test_counts_per_technology_and_status_with_in_person_support_last(self, world, data):
        table = selectors.interventions_by_technology(scope_for(world.manager))
        assert [value for value, _label in table["statuses"]] == STATUSES
        assert [(row["label"], row["counts"], row["total"]) for row in table["rows"]] == [
            ("Digitalt lås", [0, 0, 0, 0, 1, 0], 1),
            ("Läkemedelsautomat", [0, 0, 0, 1, 1, 0], 2),
            ("Nattkamera", [1, 1, 0, 0, 2, 1], 5),
            ("Personligt stöd", [0, 0, 0, 0, 1, 0], 1),
        ]
        assert table["rows"][-1]["key"] == IN_PERSON
        assert table["totals"] == [1, 1, 0, 1, 5, 1]
        assert table["total"] == 9
        assert [cell["count"] for cell in table["total_cells"]] == table["totals"]

    def test_labels_follow_the_language(self, world, data):
        with translation.override("en"):
            table = selectors.interventions_by_technology(scope_for(world.manager))
        assert [row["label"] for row in table["rows"]][:3] == [
            "Digital lock",
            "Medication dispenser",
            "Night camera",
        ]

    def test_one_unit(self, world, data):
        table = selectors.interventions_by_technology(scope_for(world.manager, world.unit_b))
        assert [(row["label"], row["counts"]) for row in table["rows"]] == [
            ("Digitalt lås", [0, 0, 0, 0, 1, 0]),
            ("Nattkamera", [0, 1, 0, 0, 1, 0]),
        ]


class TestTechnologyOutcomes:
    def test_still_matters_shares_and_rating_change_per_technology(self, world, data):
        rows = by_label(selectors.technology_outcomes(scope_for(world.manager)))
        assert list(rows) == ["Läkemedelsautomat", "Nattkamera", "Personligt stöd"]

        camera = rows["Nattkamera"]
        # alma yes, alma yes, bo partly, carl no (hidden's and ulla's are not ours)
        assert (camera["answers"], camera["yes"], camera["partly"], camera["no"]) == (4, 2, 1, 1)
        assert (camera["yes_share"], camera["partly_share"], camera["no_share"]) == (
            0.5,
            0.25,
            0.25,
        )
        # (7 - 3) + (8 - 3) + (4 - 5) over three rated follow-ups; carl's had no rating
        assert camera["rated"] == 3
        assert camera["change"] == pytest.approx(8 / 3)

    def test_a_follow_up_serving_two_answers_is_counted_once_but_compared_with_both(
        self, world, data
    ):
        dispenser = by_label(selectors.technology_outcomes(scope_for(world.manager)))[
            "Läkemedelsautomat"
        ]
        assert (dispenser["answers"], dispenser["yes"], dispenser["partly"]) == (3, 2, 1)
        assert dispenser["yes_share"] == pytest.approx(2 / 3)
        assert dispenser["rated"] == 3
        # alma: 6 - 2 and 6 - 6; hemlig: 5 - 5 and 8 - 5 -> (4 + 0 + 0 + 3) / 4
        assert dispenser["change"] == pytest.approx(1.75)

    def test_below_three_answers_there_is_no_share_and_no_average(self, world, data):
        in_person = by_label(selectors.technology_outcomes(scope_for(world.manager)))[
            "Personligt stöd"
        ]
        assert (in_person["key"], in_person["answers"], in_person["yes"]) == (IN_PERSON, 1, 1)
        assert in_person["yes_share"] is None and in_person["partly_share"] is None
        assert in_person["rated"] == 0 and in_person["change"] is None

        camera_b = by_label(selectors.technology_outcomes(scope_for(world.manager, world.unit_b)))
        assert list(camera_b) == ["Nattkamera"]
        assert camera_b["Nattkamera"]["answers"] == 1
        assert camera_b["Nattkamera"]["yes_share"] is None
        assert camera_b["Nattkamera"]["change"] is None


class TestReplacedVisits:
    def test_visits_and_freed_hours_per_unit_and_in_total(self, world, data):
        figures = selectors.replaced_visits(scope_for(world.manager))
        unit_a, unit_b = figures["units"]
        # A: alma's camera 7 × 15 min, hemlig's dispenser 14 × 10 min, carl's in-person 1
        # (no length); alma's dispenser is on trial, not active.
        assert unit_a["unit"] == world.unit_a
        assert (unit_a["visits"], unit_a["minutes"], unit_a["hours"]) == (
            Decimal("22"),
            Decimal("245"),
            Decimal("4.1"),
        )
        assert unit_a["visits_without_length"] == Decimal("1")
        # B: bo's camera 3.5 × 15 min, bo's lock 2 (no length in the catalogue)
        assert (unit_b["visits"], unit_b["minutes"], unit_b["hours"]) == (
            Decimal("5.5"),
            Decimal("52.5"),
            Decimal("0.9"),
        )
        assert unit_b["visits_without_length"] == Decimal("2")
        total = figures["total"]
        assert (total["visits"], total["minutes"], total["hours"]) == (
            Decimal("27.5"),
            Decimal("297.5"),
            Decimal("5.0"),
        )
        assert total["visits_without_length"] == Decimal("3")

    def test_a_unit_without_active_interventions_shows_zero(self, world, people, technologies):
        figures = selectors.replaced_visits(scope_for(people.manager_b))
        assert [(row["unit"], row["visits"], row["hours"]) for row in figures["units"]] == [
            (world.unit_b, Decimal("0"), Decimal("0.0"))
        ]

    def test_another_organisations_manager_sees_only_their_unit(self, world, data):
        figures = selectors.replaced_visits(scope_for(world.outsider))
        assert [row["unit"] for row in figures["units"]] == [world.unit_x]
        assert (figures["total"]["visits"], figures["total"]["hours"]) == (
            Decimal("7"),
            Decimal("1.8"),
        )


class TestPlansWaitingForReview:
    def test_counts_submitted_versions_in_scope(self, world, data, now):
        figures = selectors.plans_waiting_for_review(scope_for(world.manager))
        assert figures["count"] == 2  # alma's and bo's second version
        assert figures["oldest_submitted_at"] == now - dt.timedelta(days=3)

    def test_one_unit(self, world, data, now):
        figures = selectors.plans_waiting_for_review(scope_for(world.manager, world.unit_b))
        assert figures["count"] == 1
        assert figures["oldest_submitted_at"] == now - dt.timedelta(days=1)


class TestScopeOfEveryFigure:
    """Whoever asks, nothing outside the units they manage, nor a protected person without a
    grant, is ever counted."""

    def test_a_manager_of_unit_b_only_gets_unit_b(self, world, data, people, today, now):
        mine = selectors.unit_overview(scope_for(people.manager_b), today=today, now=now)
        managers_b = selectors.unit_overview(
            scope_for(world.manager, world.unit_b), today=today, now=now
        )
        assert mine["coverage"] == managers_b["coverage"]
        assert mine["overdue"]["count"] == managers_b["overdue"]["count"] == 2
        assert mine["interventions"]["rows"] == managers_b["interventions"]["rows"]
        assert mine["outcomes"] == managers_b["outcomes"]
        assert mine["plans"] == managers_b["plans"]

    def test_staff_in_a_and_manager_of_b_gets_nothing_from_a(self, world, data, people, today):
        overview = selectors.unit_overview(scope_for(people.staff_a_manager_b), today=today)
        assert overview["overdue"]["count"] == 2
        assert {f.recipient.given_name for f in overview["overdue"]["oldest"]} == {"Bo", "Dora"}
        assert overview["interventions"]["total"] == 3
        assert overview["plans"]["count"] == 1

    def test_a_superuser_sees_every_unit_but_no_protected_person_without_a_grant(
        self, world, data, people, today, now
    ):
        overview = selectors.unit_overview(scope_for(people.root), today=today, now=now)
        # alma, bo, carl, ulla are active; alma, carl, ulla had a recent conversation
        assert overview["coverage"] == {"recipients": 4, "with_conversation": 3, "share": 0.75}
        assert [f.recipient.given_name for f in overview["overdue"]["oldest"]] == [
            "Ulla",
            "Alma",
            "Bo",
            "Dora",
        ]
        assert overview["plans"]["count"] == 3
        camera = by_label(overview["outcomes"])["Nattkamera"]
        assert (camera["answers"], camera["no"]) == (5, 2)  # ulla's "no" counts; hidden's not
        # alma 7, bo 3.5 + 2, carl 1, ulla 7 (hemlig's 14 needs a grant)
        assert overview["visits"]["total"]["visits"] == Decimal("20.5")

    def test_the_other_organisations_manager_sees_only_theirs(self, world, data, today, now):
        overview = selectors.unit_overview(scope_for(world.outsider), today=today, now=now)
        assert overview["coverage"] == {"recipients": 1, "with_conversation": 1, "share": 1.0}
        assert [f.recipient.given_name for f in overview["overdue"]["oldest"]] == ["Ulla"]
        assert [(r["label"], r["total"]) for r in overview["interventions"]["rows"]] == [
            ("Nattkamera", 1)
        ]
        assert overview["plans"]["count"] == 1

    def test_a_grant_to_the_hidden_person_brings_them_in(self, world, data, today):
        from tests.factories import ProtectedIdentityGrantFactory

        before = selectors.overdue_followups(scope_for(world.manager), today=today)["count"]
        ProtectedIdentityGrantFactory(recipient=data.hidden, user=world.manager)
        after = selectors.overdue_followups(scope_for(world.manager), today=today)["count"]
        assert (before, after) == (4, 5)
