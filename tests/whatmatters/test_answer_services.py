"""The rules of conversations and answers, at the service layer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.exceptions import ConflictError, PermissionDeniedError, VersionMismatch
from apps.whatmatters.models import OWN_WORDS_MAX, Answer, Conversation
from apps.whatmatters.services import (
    answer_add,
    answer_supersede,
    answer_update,
    conversation_create,
)
from tests.helpers import validation_codes
from tests.whatmatters.conftest import answer_data


def an_hour_ago():
    return timezone.now() - dt.timedelta(hours=1)


def fields_of(error: ValidationError) -> set[str]:
    return set(error.message_dict)


class TestConversationCreate:
    def test_it_saves_the_conversation_and_every_answer_held_by_the_actor(self, world, talk):
        conversation = talk(
            world.staff_a,
            world.alma,
            {"life_area": "sleep"},
            {"life_area": "security", "own_words": "Att känna mig trygg när det är mörkt."},
            {
                "life_area": "mobility",
                "own_words": "Att själv kunna gå till affären.",
                "wants_to_manage_self": True,
            },
            participants="Alma och dottern",
        )
        assert conversation.held_by == world.staff_a
        assert conversation.participants == "Alma och dottern"
        answers = Answer.objects.filter(conversation=conversation)
        assert answers.count() == 3
        assert {a.recipient_id for a in answers} == {world.alma.pk}
        assert {a.created_by_id for a in answers} == {world.staff_a.pk}
        assert answers.get(life_area="mobility").wants_to_manage_self is True
        assert all(a.status == "current" and a.version == 1 for a in answers)

    def test_a_conversation_may_start_without_answers(self, world, life_areas):
        conversation = conversation_create(
            actor=world.staff_a, recipient=world.alma, held_at=an_hour_ago(), location="phone"
        )
        assert conversation.answers.count() == 0

    def test_the_own_words_are_kept_verbatim(self, world, talk):
        words = '  Jag vill inte bli väckt — "aldrig" mer!\n(sa hon två gånger)  '
        conversation = talk(world.staff_a, world.alma, {"own_words": words})
        assert conversation.answers.get().own_words == words

    def test_a_conversation_in_the_future_is_refused(self, world, life_areas):
        with pytest.raises(ValidationError) as exc:
            conversation_create(
                actor=world.staff_a,
                recipient=world.alma,
                held_at=timezone.now() + dt.timedelta(minutes=10),
                location="home_visit",
                answers=[answer_data()],
            )
        assert fields_of(exc.value) == {"held_at"}
        assert not Conversation.objects.exists() and not Answer.objects.exists()

    def test_a_few_minutes_of_clock_skew_are_allowed(self, world, life_areas):
        conversation = conversation_create(
            actor=world.staff_a,
            recipient=world.alma,
            held_at=timezone.now() + dt.timedelta(minutes=4),
            location="home_visit",
        )
        assert conversation.pk

    @pytest.mark.parametrize(
        ("bad", "field"),
        [
            ({"own_words": "x" * (OWN_WORDS_MAX + 1)}, "answers.1.own_words"),
            ({"own_words": ""}, "answers.1.own_words"),
            ({"importance": 11}, "answers.1.importance"),
            ({"performance": -1}, "answers.1.performance"),
            ({"life_area": "no-such-area"}, "answers.1.life_area"),
            ({"staff_summary": "s" * 2001}, "answers.1.staff_summary"),
            ({"mood": "glad"}, "answers.1.mood"),
        ],
    )
    def test_one_bad_answer_names_itself_and_nothing_is_saved(self, world, life_areas, bad, field):
        answers = [answer_data(), {**answer_data("security"), **bad}, answer_data("pain")]
        with pytest.raises(ValidationError) as exc:
            conversation_create(
                actor=world.staff_a,
                recipient=world.alma,
                held_at=an_hour_ago(),
                location="home_visit",
                answers=answers,
            )
        assert fields_of(exc.value) == {field}
        assert not Conversation.objects.exists()
        assert not Answer.objects.exists()

    def test_every_bad_answer_is_named_at_once(self, world, life_areas):
        with pytest.raises(ValidationError) as exc:
            conversation_create(
                actor=world.staff_a,
                recipient=world.alma,
                held_at=an_hour_ago(),
                location="home_visit",
                answers=[answer_data(importance=11), answer_data(), answer_data(own_words="")],
            )
        assert fields_of(exc.value) == {"answers.0.importance", "answers.2.own_words"}

    def test_an_unknown_location_is_refused(self, world, life_areas):
        with pytest.raises(ValidationError) as exc:
            conversation_create(
                actor=world.staff_a, recipient=world.alma, held_at=an_hour_ago(), location="moon"
            )
        assert fields_of(exc.value) == {"location"}
        assert not Conversation.objects.exists()

    @pytest.mark.parametrize("actor", ["admin_user", "outsider", "staff_b"])
    def test_only_care_roles_in_the_persons_unit_may_hold_it(self, world, life_areas, actor):
        with pytest.raises(PermissionDeniedError):
            conversation_create(
                actor=getattr(world, actor),
                recipient=world.alma,
                held_at=an_hour_ago(),
                location="home_visit",
                answers=[answer_data()],
            )
        assert not Conversation.objects.exists()

    @pytest.mark.parametrize("actor", ["staff_a", "assessor_a", "manager"])
    def test_every_care_role_may_hold_it(self, world, talk, actor):
        assert talk(getattr(world, actor), world.alma).held_by == getattr(world, actor)


class TestAnswerAdd:
    def test_it_adds_an_answer_to_the_conversation_of_the_same_person(self, world, talk):
        conversation = talk(world.staff_a, world.alma)
        answer = answer_add(
            actor=world.assessor_a,
            conversation=conversation,
            life_area="pain",
            own_words="Att slippa ha ont i höften.",
            importance=8,
        )
        assert answer.recipient == world.alma
        assert answer.conversation == conversation
        assert answer.created_by == world.assessor_a
        assert conversation.answers.count() == 2

    def test_a_bad_answer_names_its_field_without_a_prefix(self, world, talk):
        conversation = talk(world.staff_a, world.alma)
        with pytest.raises(ValidationError) as exc:
            answer_add(
                actor=world.staff_a,
                conversation=conversation,
                life_area="pain",
                own_words="x" * 5001,
            )
        assert fields_of(exc.value) == {"own_words"}
        assert conversation.answers.count() == 1

    def test_staff_of_another_unit_may_not_add(self, world, talk):
        conversation = talk(world.staff_a, world.alma)
        with pytest.raises(PermissionDeniedError):
            answer_add(
                actor=world.staff_b, conversation=conversation, life_area="pain", own_words="Ont"
            )


class TestAnswerSupersede:
    def test_a_changed_answer_is_a_new_answer_and_the_old_one_is_kept(self, world, talk):
        old = talk(world.staff_a, world.alma).answers.get()
        new = answer_supersede(
            actor=world.staff_a, answer=old, own_words="Att sova utan att någon tittar in."
        )
        old.refresh_from_db()
        assert old.status == "superseded" and old.version == 2
        assert old.own_words == "Att få sova ostört hela natten."
        assert new.supersedes == old and old.superseded_by == new
        assert new.status == "current" and new.version == 1
        assert new.recipient == world.alma and new.conversation_id == old.conversation_id
        # What was not given is taken from the old answer.
        assert (new.life_area_id, new.importance, new.performance) == ("sleep", 9, 3)
        assert new.created_by == world.staff_a

    def test_it_may_be_recorded_in_a_newer_conversation_of_the_same_person(self, world, talk):
        first = talk(world.staff_a, world.alma, held_at=timezone.now() - dt.timedelta(days=30))
        second = talk(world.staff_a, world.alma, {"life_area": "pain", "own_words": "Ont"})
        new = answer_supersede(
            actor=world.staff_a, answer=first.answers.get(), conversation=second, performance=7
        )
        assert new.conversation == second and new.performance == 7

    def test_an_older_conversation_is_refused(self, world, talk):
        older = talk(world.staff_a, world.alma, held_at=timezone.now() - dt.timedelta(days=30))
        newer = talk(world.staff_a, world.alma)
        with pytest.raises(ValidationError) as exc:
            answer_supersede(
                actor=world.staff_a, answer=newer.answers.get(), conversation=older, importance=2
            )
        assert fields_of(exc.value) == {"conversation"}
        assert newer.answers.get().status == "current"

    def test_a_conversation_of_another_person_is_refused(self, world, talk):
        almas = talk(world.manager, world.alma)
        bos = talk(world.manager, world.bo)
        with pytest.raises(ValidationError) as exc:
            answer_supersede(
                actor=world.manager, answer=almas.answers.get(), conversation=bos, importance=2
            )
        assert fields_of(exc.value) == {"conversation"}
        assert Answer.objects.filter(recipient=world.bo).count() == 1

    def test_superseding_a_superseded_answer_is_a_conflict(self, world, talk):
        old = talk(world.staff_a, world.alma).answers.get()
        answer_supersede(actor=world.staff_a, answer=old, importance=10)
        with pytest.raises(ConflictError) as exc:
            answer_supersede(actor=world.staff_a, answer=old, importance=5)
        assert exc.value.extra["current_status"] == "superseded"
        assert Answer.objects.count() == 2

    def test_an_answer_no_longer_relevant_cannot_be_superseded(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        answer_update(
            actor=world.staff_a, answer=answer, expected_version=1, status="no_longer_relevant"
        )
        with pytest.raises(ConflictError):
            answer_supersede(actor=world.staff_a, answer=answer, importance=5)

    def test_a_stale_version_is_refused(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        answer_update(actor=world.staff_a, answer=answer, expected_version=1, staff_summary="S")
        with pytest.raises(VersionMismatch):
            answer_supersede(actor=world.staff_a, answer=answer, expected_version=1, importance=5)
        assert Answer.objects.count() == 1

    def test_an_identical_copy_is_refused(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError):
            answer_supersede(actor=world.staff_a, answer=answer)
        answer.refresh_from_db()
        assert answer.status == "current" and Answer.objects.count() == 1

    def test_bad_new_fields_are_named_and_the_old_answer_stays_current(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError) as exc:
            answer_supersede(actor=world.staff_a, answer=answer, importance=11)
        assert fields_of(exc.value) == {"importance"}
        answer.refresh_from_db()
        assert answer.status == "current" and answer.version == 1

    def test_staff_of_another_unit_may_not_supersede(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(PermissionDeniedError):
            answer_supersede(actor=world.staff_b, answer=answer, importance=1)


class TestAnswerUpdate:
    def test_the_staff_summary_may_change_and_the_version_grows(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        updated = answer_update(
            actor=world.staff_a, answer=answer, expected_version=1, staff_summary="Vill sova."
        )
        assert updated.staff_summary == "Vill sova." and updated.version == 2

    def test_an_update_that_changes_nothing_records_nothing(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        same = answer_update(
            actor=world.staff_a,
            answer=answer,
            expected_version=1,
            staff_summary="",
            status="current",
        )
        assert same.version == 1 and answer.history.count() == 1

    def test_it_may_be_marked_no_longer_relevant(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        updated = answer_update(
            actor=world.staff_a, answer=answer, expected_version=None, status="no_longer_relevant"
        )
        assert updated.status == "no_longer_relevant"

    @pytest.mark.parametrize(
        "change",
        [
            {"own_words": "Nya ord"},
            {"importance": 2},
            {"performance": 2},
            {"life_area": "pain"},
            {"wants_to_manage_self": True},
        ],
    )
    def test_the_persons_words_ratings_and_life_area_are_never_overwritten(
        self, world, talk, change
    ):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError) as exc:
            answer_update(actor=world.staff_a, answer=answer, expected_version=1, **change)
        (field,) = change
        assert validation_codes(exc.value) == {field: {"supersede"}}
        answer.refresh_from_db()
        assert answer.version == 1 and answer.own_words == "Att få sova ostört hela natten."

    @pytest.mark.parametrize("status", ["superseded", "current", "nonsense"])
    def test_only_no_longer_relevant_may_be_set(self, world, talk, status):
        answer = talk(world.staff_a, world.alma).answers.get()
        if status == "current":
            answer_update(
                actor=world.staff_a, answer=answer, expected_version=1, status="no_longer_relevant"
            )
        with pytest.raises(ValidationError) as exc:
            answer_update(actor=world.staff_a, answer=answer, expected_version=None, status=status)
        assert fields_of(exc.value) == {"status"}

    def test_a_superseded_answer_cannot_be_marked_no_longer_relevant(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        answer_supersede(actor=world.staff_a, answer=answer, importance=1)
        with pytest.raises(ConflictError):
            answer_update(
                actor=world.staff_a,
                answer=answer,
                expected_version=None,
                status="no_longer_relevant",
            )

    def test_a_stale_version_is_refused(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        answer_update(actor=world.staff_a, answer=answer, expected_version=1, staff_summary="A")
        with pytest.raises(VersionMismatch) as exc:
            answer_update(actor=world.staff_a, answer=answer, expected_version=1, staff_summary="B")
        assert exc.value.extra == {"current_version": 2}
        answer.refresh_from_db()
        assert answer.staff_summary == "A"

    def test_an_oversize_summary_is_refused(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(ValidationError) as exc:
            answer_update(
                actor=world.staff_a, answer=answer, expected_version=1, staff_summary="s" * 2001
            )
        assert fields_of(exc.value) == {"staff_summary"}

    def test_staff_of_another_unit_may_not_update(self, world, talk):
        answer = talk(world.staff_a, world.alma).answers.get()
        with pytest.raises(PermissionDeniedError):
            answer_update(actor=world.staff_b, answer=answer, expected_version=1, staff_summary="X")
