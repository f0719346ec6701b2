"""build_snapshot: the plan's content as JSON; snapshot_diff: what changed between two."""

import copy
import datetime as dt
import json

import pytest

from apps.followups.choices import FollowUpStatus
from apps.plans.snapshot import build_snapshot, snapshot_diff
from apps.recipients.models import CareRecipient
from apps.whatmatters.choices import AnswerStatus, GoalStatus
from tests.factories import FollowUpFactory, GoalFactory, InterventionFactory, NightCameraFactory
from tests.plans.factories import fill_plan


class TestBuildSnapshot:
    def test_it_holds_the_person_but_never_their_personal_identity_number(self, world):
        fill_plan(world.alma)
        snapshot = build_snapshot(world.alma)
        assert snapshot["recipient"] == {
            "id": str(world.alma.pk),
            "name": "Alma Andersdemo",
            "unit": "Enhet A",
        }
        serialised = json.dumps(snapshot)  # plain JSON, no encoder needed
        assert world.alma.personal_number not in serialised
        assert world.alma.personal_number.replace("-", "") not in serialised
        assert snapshot["generated_at"]

    def test_it_lists_current_answers_with_life_area_in_both_languages(self, world):
        content = fill_plan(world.alma)
        [answer] = build_snapshot(world.alma)["answers"]
        assert answer == {
            "id": str(content.answers[0].pk),
            "life_area": {"code": "sleep", "name_sv": "Sömn", "name_en": "Sleep"},
            "own_words": "Svar 0",
            "importance": 9,
            "performance": 3,
            "wants_to_manage_self": False,
        }

    def test_superseded_and_no_longer_relevant_answers_are_left_out(self, world):
        content = fill_plan(world.alma, size=3)
        content.answers[0].status = AnswerStatus.SUPERSEDED
        content.answers[0].save()
        content.answers[1].status = AnswerStatus.NO_LONGER_RELEVANT
        content.answers[1].save()
        ids = [a["id"] for a in build_snapshot(world.alma)["answers"]]
        assert ids == [str(content.answers[2].pk)]

    def test_goals_are_all_there_active_first_with_their_answer_ids(self, world):
        content = fill_plan(world.alma, size=2)
        done = content.goals[0]
        done.status = GoalStatus.ACHIEVED
        done.save()
        goals = build_snapshot(world.alma)["goals"]
        assert [g["id"] for g in goals] == [str(content.goals[1].pk), str(done.pk)]
        assert goals[1] == {
            "id": str(done.pk),
            "own_words": "Mål 0",
            "indicator": done.indicator,
            "target_date": done.target_date.isoformat(),
            "status": "achieved",
            "answer_ids": [str(content.answers[0].pk)],
        }

    def test_undated_goals_come_after_dated_ones_of_the_same_status(self, world):
        content = fill_plan(world.alma)
        undated = GoalFactory(recipient=world.alma, target_date=None, own_words="Utan datum")
        later = GoalFactory(recipient=world.alma, target_date=dt.date(2099, 1, 1))
        ids = [g["id"] for g in build_snapshot(world.alma)["goals"]]
        assert ids == [str(content.goals[0].pk), str(later.pk), str(undated.pk)]

    def test_interventions_exclude_the_declined_and_carry_what_they_serve(self, world):
        content = fill_plan(world.alma)
        interventions = build_snapshot(world.alma)["interventions"]
        assert [i["id"] for i in interventions] == [str(content.interventions[0].pk)]
        item = interventions[0]
        technology = content.interventions[0].technology
        assert item["technology"] == {
            "code": technology.code,
            "name_sv": technology.name_sv,
            "name_en": technology.name_en,
        }
        assert item["serves_answer_ids"] == [str(content.answers[0].pk)]
        assert item["serves_goal_ids"] == [str(content.goals[0].pk)]
        assert item["trial_start"] == "2026-03-01" and item["trial_end"] == "2026-04-01"
        assert item["visits_replaced_per_week"] == 7.0
        assert item["status"] == "proposed" and item["delivery"] == "technology"
        assert item["digital_first_reason"] == ""

    def test_interventions_carry_their_dates_and_whether_they_need_consent(self, world):
        camera = InterventionFactory(
            recipient=world.alma,
            technology=NightCameraFactory(),
            status="ended",
            started_on=dt.date(2026, 3, 1),
            ended_on=dt.date(2026, 5, 2),
        )
        visit = InterventionFactory(
            recipient=world.alma, technology=None, delivery="in_person", digital_first_reason="x"
        )
        items = {i["id"]: i for i in build_snapshot(world.alma)["interventions"]}
        assert items[str(camera.pk)]["started_on"] == "2026-03-01"
        assert items[str(camera.pk)]["ended_on"] == "2026-05-02"
        assert items[str(camera.pk)]["requires_consent"] is True
        assert items[str(visit.pk)]["requires_consent"] is False
        assert items[str(visit.pk)]["started_on"] is None

    def test_an_in_person_intervention_has_no_technology_and_keeps_its_reason(self, world):
        InterventionFactory(
            recipient=world.alma,
            technology=None,
            delivery="in_person",
            digital_first_reason="Vill träffa personal.",
        )
        [item] = build_snapshot(world.alma)["interventions"]
        assert item["technology"] is None
        assert item["digital_first_reason"] == "Vill träffa personal."

    def test_the_schedule_has_only_scheduled_follow_ups_in_due_order(self, world):
        content = fill_plan(world.alma, size=2)
        goal_follow_up = FollowUpFactory(
            recipient=world.alma,
            intervention=None,
            goal=content.goals[0],
            responsible=content.responsible,
            due_date=dt.date(2026, 3, 15),
        )
        FollowUpFactory(
            recipient=world.alma,
            intervention=content.interventions[0],
            status=FollowUpStatus.CANCELLED,
        )
        schedule = build_snapshot(world.alma)["follow_ups"]
        assert [f["id"] for f in schedule] == [
            str(goal_follow_up.pk),
            str(content.follow_ups[0].pk),
            str(content.follow_ups[1].pk),
        ]
        assert schedule[0] == {
            "id": str(goal_follow_up.pk),
            "due_date": "2026-03-15",
            "goal_id": str(content.goals[0].pk),
            "intervention_id": None,
            "responsible": "Ansvarig Personal",
        }
        assert schedule[1]["intervention_id"] == str(content.interventions[0].pk)

    def test_another_persons_records_never_appear(self, world):
        fill_plan(world.bo, size=2)
        snapshot = build_snapshot(world.alma)
        assert snapshot["answers"] == snapshot["goals"] == []
        assert snapshot["interventions"] == snapshot["follow_ups"] == []

    def test_the_ordering_is_stable(self, world):
        fill_plan(world.alma, size=4)
        first, second = build_snapshot(world.alma), build_snapshot(world.alma)
        first.pop("generated_at"), second.pop("generated_at")
        assert first == second

    @pytest.mark.parametrize("size", [1, 6])
    def test_it_runs_a_fixed_number_of_queries_whatever_the_plan_size(
        self, world, django_assert_num_queries, size
    ):
        fill_plan(world.alma, size=size)
        recipient = CareRecipient.objects.get(pk=world.alma.pk)  # unit not loaded yet
        # unit, answers, goals + their answers, interventions + answers + goals, follow-ups
        with django_assert_num_queries(8):
            snapshot = build_snapshot(recipient)
        assert len(snapshot["interventions"]) == size


def _snapshot(**sections):
    base = {"answers": [], "goals": [], "interventions": [], "follow_ups": []}
    base.update(sections)
    return base


GOAL = {"id": "g1", "own_words": "Sova", "status": "active", "answer_ids": ["a1"]}


class TestSnapshotDiff:
    def test_without_an_earlier_version_everything_is_added(self):
        new = _snapshot(goals=[GOAL])
        diff = snapshot_diff(None, new)
        assert diff["goals"] == {"added": [GOAL], "removed": [], "changed": []}
        assert set(diff) == {"answers", "goals", "interventions", "follow_ups"}
        assert diff["answers"] == {"added": [], "removed": [], "changed": []}

    def test_identical_snapshots_have_no_changes(self):
        old = _snapshot(goals=[GOAL])
        diff = snapshot_diff(old, copy.deepcopy(old))
        assert all(not any(section.values()) for section in diff.values())

    def test_removed_items_are_listed_whole(self):
        diff = snapshot_diff(_snapshot(goals=[GOAL]), _snapshot())
        assert diff["goals"]["removed"] == [GOAL]
        assert diff["goals"]["added"] == diff["goals"]["changed"] == []

    def test_changed_items_name_each_changed_field_with_before_and_after(self):
        changed = {**GOAL, "status": "achieved", "answer_ids": ["a1", "a2"]}
        diff = snapshot_diff(_snapshot(goals=[GOAL]), _snapshot(goals=[changed]))
        assert diff["goals"]["changed"] == [
            {
                "id": "g1",
                "fields": {
                    "answer_ids": {"before": ["a1"], "after": ["a1", "a2"]},
                    "status": {"before": "active", "after": "achieved"},
                },
            }
        ]
        assert diff["goals"]["added"] == diff["goals"]["removed"] == []

    def test_a_field_new_to_the_format_counts_as_changed_from_none(self):
        diff = snapshot_diff(
            _snapshot(follow_ups=[{"id": "f1"}]),
            _snapshot(follow_ups=[{"id": "f1", "due_date": "2026-05-01"}]),
        )
        assert diff["follow_ups"]["changed"] == [
            {"id": "f1", "fields": {"due_date": {"before": None, "after": "2026-05-01"}}}
        ]

    def test_sections_are_compared_independently_and_generated_at_is_ignored(self):
        old = _snapshot(answers=[{"id": "a1", "own_words": "x"}], generated_at="2026-01-01")
        new = _snapshot(
            answers=[{"id": "a1", "own_words": "x"}],
            interventions=[{"id": "i1", "title": "Nattkamera"}],
            generated_at="2026-02-01",
        )
        diff = snapshot_diff(old, new)
        assert diff["answers"] == {"added": [], "removed": [], "changed": []}
        assert diff["interventions"]["added"] == [{"id": "i1", "title": "Nattkamera"}]
        assert "generated_at" not in diff

    def test_a_real_change_to_the_plan_shows_in_the_diff(self, world):
        content = fill_plan(world.alma, size=2)
        before = build_snapshot(world.alma)
        content.goals[0].own_words = "Sova hela natten"
        content.goals[0].save()
        content.follow_ups[1].status = FollowUpStatus.CANCELLED
        content.follow_ups[1].save()
        new_goal = GoalFactory(recipient=world.alma, own_words="Nytt mål")
        diff = snapshot_diff(before, build_snapshot(world.alma))
        assert diff["goals"]["changed"] == [
            {
                "id": str(content.goals[0].pk),
                "fields": {"own_words": {"before": "Mål 0", "after": "Sova hela natten"}},
            }
        ]
        assert [g["id"] for g in diff["goals"]["added"]] == [str(new_goal.pk)]
        assert [f["id"] for f in diff["follow_ups"]["removed"]] == [str(content.follow_ups[1].pk)]
