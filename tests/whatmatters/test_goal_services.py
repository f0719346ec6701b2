"""The rules of goals, and the change history of every record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import PermissionDeniedError, VersionMismatch
from apps.core.history import allow_untracked_writes
from apps.whatmatters.models import OWN_WORDS_MAX, Answer, Goal
from apps.whatmatters.services import (
    answer_supersede,
    answer_update,
    goal_create,
    goal_update,
)
from tests.helpers import validation_codes


def an_hour_ago():
    return timezone.now() - dt.timedelta(hours=1)


def fields_of(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


class TestGoalCreate:
    def test_it_links_the_persons_current_answers(self, world, talk):
        answers = list(talk(world.staff_a, world.alma, {}, {"life_area": "security"}).answers.all())
        goal = goal_create(
            actor=world.staff_a,
            recipient=world.alma,
            answers=answers,
            own_words="Jag vill sova hela natten och känna mig trygg.",
            indicator="Sover ostört fem nätter i veckan.",
            target_date=in_days(60),
        )
        assert set(goal.answers.all()) == set(answers)
        assert goal.status == "active" and goal.version == 1 and goal.created_by == world.staff_a

    def test_a_target_date_today_is_allowed(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        goal = goal_create(
            actor=world.staff_a,
            recipient=world.alma,
            answers=[answer],
            own_words="Sova",
            target_date=in_days(0),
        )
        assert goal.target_date == timezone.localdate()

    def test_at_least_one_answer_is_needed(self, world, life_areas):
        with pytest.raises(ValidationError) as exc:
            goal_create(actor=world.staff_a, recipient=world.alma, answers=[], own_words="Sova")
        assert fields_of(exc.value) == {"answers"}
        assert not Goal.objects.exists()

    def test_an_answer_of_another_person_is_refused(self, world, talk):
        almas = talk(world.manager, world.alma).answers.get()
        bos = talk(world.manager, world.bo).answers.get()
        with pytest.raises(ValidationError) as exc:
            goal_create(
                actor=world.manager, recipient=world.alma, answers=[almas, bos], own_words="Sova"
            )
        assert validation_codes(exc.value) == {"answers": {"other_person"}}
        assert not Goal.objects.exists()

    def test_a_superseded_answer_is_refused(self, world, talk):
        old = talk(world.staff_a, world.alma).answers.get()
        answer_supersede(actor=world.staff_a, answer=old, importance=4)
        with pytest.raises(ValidationError) as exc:
            goal_create(actor=world.staff_a, recipient=world.alma, answers=[old], own_words="Sova")
        assert fields_of(exc.value) == {"answers"}

    def test_a_target_date_in_the_past_is_refused(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError) as exc:
            goal_create(
                actor=world.staff_a,
                recipient=world.alma,
                answers=[answer],
                own_words="Sova",
                target_date=in_days(-1),
            )
        assert fields_of(exc.value) == {"target_date"}
        assert not Goal.objects.exists()

    @pytest.mark.parametrize("own_words", ["", "x" * (OWN_WORDS_MAX + 1)])
    def test_empty_or_oversize_words_are_refused(self, world, talk, own_words):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError) as exc:
            goal_create(
                actor=world.staff_a, recipient=world.alma, answers=[answer], own_words=own_words
            )
        assert fields_of(exc.value) == {"own_words"}
        assert not Goal.objects.exists()

    def test_another_units_staff_may_not_create(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(PermissionDeniedError):
            goal_create(actor=world.staff_b, recipient=world.alma, answers=[answer], own_words="S")


@pytest.fixture
def goal(world, talk):
    answers = talk(world.staff_a, world.alma, {}, {"life_area": "security"}).answers.all()
    return goal_create(
        actor=world.staff_a,
        recipient=world.alma,
        answers=[answers.get(life_area="sleep")],
        own_words="Sova hela natten",
        target_date=in_days(30),
    )


class TestGoalUpdate:
    def test_the_follow_ups_record_an_outcome_with_status_only(self, world, goal):
        updated = goal_update(actor=world.staff_a, goal=goal, status="achieved")
        assert updated.status == "achieved" and updated.version == 2

    def test_an_update_that_changes_nothing_records_nothing(self, world, goal):
        same = goal_update(
            actor=world.staff_a, goal=goal, status="active", answers=list(goal.answers.all())
        )
        assert same.version == 1
        assert goal.history.count() == 2  # created, then its answers linked

    def test_words_indicator_and_target_date_change_with_the_version(self, world, goal):
        updated = goal_update(
            actor=world.staff_a,
            goal=goal,
            expected_version=1,
            own_words="Sova minst sex timmar",
            indicator="Sömndagbok",
            target_date=in_days(90),
        )
        assert (updated.own_words, updated.indicator, updated.target_date) == (
            "Sova minst sex timmar",
            "Sömndagbok",
            in_days(90),
        )
        assert updated.version == 2

    def test_the_answers_may_be_replaced_by_other_current_answers_of_the_person(self, world, goal):
        security = Answer.objects.get(recipient=world.alma, life_area="security")
        updated = goal_update(actor=world.staff_a, goal=goal, answers=[security])
        assert list(updated.answers.all()) == [security]

    def test_a_linked_answer_may_stay_after_it_was_superseded_but_not_be_added(self, world, goal):
        sleep = goal.answers.get()
        security = Answer.objects.get(recipient=world.alma, life_area="security")
        answer_supersede(actor=world.staff_a, answer=sleep, importance=2)
        answer_supersede(actor=world.staff_a, answer=security, importance=2)
        kept = goal_update(actor=world.staff_a, goal=goal, own_words="Sova gott", answers=[sleep])
        assert list(kept.answers.all()) == [sleep]
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.staff_a, goal=goal, answers=[sleep, security])
        assert fields_of(exc.value) == {"answers"}

    def test_an_answer_of_another_person_is_refused(self, world, goal, talk):
        bos = talk(world.manager, world.bo).answers.get()
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.manager, goal=goal, answers=[bos])
        assert fields_of(exc.value) == {"answers"}
        assert list(goal.answers.values_list("recipient", flat=True)) == [world.alma.pk]

    def test_no_answers_is_refused(self, world, goal):
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.staff_a, goal=goal, answers=[])
        assert fields_of(exc.value) == {"answers"}

    def test_a_new_target_date_in_the_past_is_refused_but_a_passed_one_may_stay(self, world, goal):
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.staff_a, goal=goal, target_date=in_days(-1))
        assert fields_of(exc.value) == {"target_date"}
        with allow_untracked_writes():  # set up a state no service produces
            Goal.objects.filter(pk=goal.pk).update(target_date=in_days(-10))
        goal.refresh_from_db()
        updated = goal_update(
            actor=world.staff_a, goal=goal, target_date=in_days(-10), status="not_achieved"
        )
        assert updated.status == "not_achieved"

    def test_an_unknown_status_or_field_is_refused(self, world, goal):
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.staff_a, goal=goal, status="forgotten")
        assert fields_of(exc.value) == {"status"}
        with pytest.raises(ValidationError) as exc:
            goal_update(actor=world.staff_a, goal=goal, recipient=world.bo)
        assert fields_of(exc.value) == {"recipient"}
        goal.refresh_from_db()
        assert goal.version == 1 and goal.recipient == world.alma

    def test_a_stale_version_is_refused(self, world, goal):
        goal_update(actor=world.staff_a, goal=goal, expected_version=1, indicator="A")
        with pytest.raises(VersionMismatch):
            goal_update(actor=world.staff_a, goal=goal, expected_version=1, indicator="B")

    def test_another_units_staff_may_not_update(self, world, goal):
        with pytest.raises(PermissionDeniedError):
            goal_update(actor=world.staff_b, goal=goal, status="cancelled")

    def test_the_signature_is_keyword_only(self, world, goal):
        with pytest.raises(TypeError):
            goal_update(world.staff_a, goal, status="achieved")  # type: ignore[misc]


def sleep_answer_id(goal):
    return Answer.objects.get(recipient=goal.recipient, life_area="sleep").pk


class TestHistory:
    def test_a_conversation_and_its_answers_are_recorded(self, world, talk):
        conversation = talk(world.staff_a, world.alma)
        assert conversation.history.count() == 1
        assert conversation.answers.get().history.get().history_type == "+"

    def test_every_change_of_an_answer_is_recorded_with_before_and_after(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        answer_update(actor=world.staff_a, answer=answer, expected_version=1, staff_summary="S")
        new = answer_supersede(actor=world.staff_a, answer=answer, importance=4)
        records = list(answer.history.order_by("history_date", "history_id"))
        assert [(r.version, r.status, r.staff_summary) for r in records] == [
            (1, "current", ""),
            (2, "current", "S"),
            (3, "superseded", "S"),
        ]
        delta = records[2].diff_against(records[1])
        assert [(c.field, c.old, c.new) for c in delta.changes] == [
            ("status", "current", "superseded")
        ]
        assert new.history.get().supersedes_id == answer.pk

    def test_every_change_of_a_goal_is_recorded_including_its_answers(self, world, goal):
        security = Answer.objects.get(recipient=world.alma, life_area="security")
        goal_update(actor=world.staff_a, goal=goal, status="partly_achieved")
        goal_update(actor=world.staff_a, goal=goal, answers=[security])
        records = list(goal.history.order_by("history_date", "history_id"))
        assert sorted({r.version for r in records}) == [1, 2, 3]
        assert [r.status for r in records if r.version == 2] == ["partly_achieved"]
        # The change of answers is recorded too (a record per m2m change).
        linked = [{row.answer_id for row in r.answers.all()} for r in records]
        assert linked[0] == set()  # the goal row is saved before its answers are linked
        assert {sleep_answer_id(goal)} in linked and linked[-1] == {security.pk}

    def test_the_history_names_who_made_each_change(self, world, goal):
        goal_update(actor=world.manager, goal=goal, status="achieved")
        users = [r.history_user for r in goal.history.order_by("history_date", "history_id")]
        assert users == [world.staff_a, world.staff_a, world.manager]
        answer = goal.answers.get()
        answer_supersede(actor=world.assessor_a, answer=answer, importance=1)
        assert answer.history.latest().history_user == world.assessor_a
        assert answer.superseded_by.history.get().history_user == world.assessor_a
