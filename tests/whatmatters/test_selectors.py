"""Reads go through the scoping chokepoint; the recipient page starts with answers by area."""

import pytest
from django.http import Http404

from apps.whatmatters.selectors import (
    answer_get,
    answers_by_life_area,
    conversation_get,
    conversation_list,
    goal_list,
)
from apps.whatmatters.services import answer_supersede, answer_update, goal_create


class TestAnswersByLifeArea:
    def test_current_answers_are_grouped_in_the_life_areas_order(self, world, talk):
        talk(
            world.staff_a,
            world.alma,
            {"life_area": "sleep"},
            {"life_area": "communication", "own_words": "Att höra vad folk säger."},
            {"life_area": "security", "own_words": "Att känna mig trygg."},
            {"life_area": "sleep", "own_words": "Att slippa vakna av ficklampan."},
        )
        groups = answers_by_life_area(user=world.staff_a, recipient=world.alma)
        # communication (30) < security (100) < sleep (120) in fixtures/life_areas.json
        assert [g.life_area.code for g in groups] == ["communication", "security", "sleep"]
        assert len(groups[-1].answers) == 2
        assert groups[0].life_area.label == "Kommunikation"

    def test_superseded_and_no_longer_relevant_answers_are_left_out(self, world, talk):
        conversation = talk(
            world.staff_a, world.alma, {}, {"life_area": "pain", "own_words": "Ont i höften."}
        )
        sleep = conversation.answers.get(life_area="sleep")
        pain = conversation.answers.get(life_area="pain")
        newer = answer_supersede(actor=world.staff_a, answer=sleep, own_words="Sova hela natten.")
        answer_update(
            actor=world.staff_a, answer=pain, expected_version=1, status="no_longer_relevant"
        )
        groups = answers_by_life_area(user=world.staff_a, recipient=world.alma)
        assert [(g.life_area.code, g.answers) for g in groups] == [("sleep", [newer])]

    def test_it_is_empty_for_a_user_who_may_not_see_the_person(self, world, talk):
        talk(world.manager, world.hemlig)
        assert answers_by_life_area(user=world.staff_b, recipient=world.alma) == []
        assert answers_by_life_area(user=world.staff_a, recipient=world.hemlig) == []
        assert len(answers_by_life_area(user=world.manager, recipient=world.hemlig)) == 1

    def test_it_runs_one_query(self, world, talk, django_assert_num_queries):
        talk(world.staff_a, world.alma, {}, {"life_area": "pain", "own_words": "Ont"})
        with django_assert_num_queries(1):
            groups = answers_by_life_area(user=world.staff_a, recipient=world.alma)
            assert [a.conversation.location for g in groups for a in g.answers]


class TestScopedReads:
    def test_lists_hold_only_what_the_user_may_see(self, world, talk):
        almas = talk(world.manager, world.alma)
        bos = talk(world.manager, world.bo)
        goal_create(
            actor=world.manager, recipient=world.bo, answers=[bos.answers.get()], own_words="Bo"
        )
        assert list(conversation_list(user=world.staff_a)) == [almas]
        assert list(conversation_list(user=world.manager, recipient=world.bo)) == [bos]
        assert list(goal_list(user=world.staff_a)) == []
        assert [g.own_words for g in goal_list(user=world.staff_b, status="active")] == ["Bo"]

    def test_out_of_scope_gets_are_not_found(self, world, talk):
        bos = talk(world.staff_b, world.bo)
        with pytest.raises(Http404):
            conversation_get(user=world.staff_a, pk=bos.pk)
        with pytest.raises(Http404):
            answer_get(user=world.outsider, pk=bos.answers.get().pk)
        assert answer_get(user=world.staff_b, pk=bos.answers.get().pk).recipient == world.bo
