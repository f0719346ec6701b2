"""How the plan's JSON reads on the pages: words and dates, never codes or ids."""

import datetime as dt

from django.utils import translation

from apps.plans.presentation import format_value, present_content, present_diff
from apps.plans.snapshot import snapshot_diff

SLEEP = {"code": "sleep", "name_sv": "Sömn", "name_en": "Sleep"}


def snapshot(**sections):
    base = {"answers": [], "goals": [], "interventions": [], "follow_ups": []}
    return {**base, **sections}


def answer(id_, words, **extra):
    return {
        "id": id_,
        "life_area": SLEEP,
        "own_words": words,
        "importance": 9,
        "performance": 3,
        "wants_to_manage_self": False,
        **extra,
    }


def goal(id_, words, **extra):
    return {
        "id": id_,
        "own_words": words,
        "indicator": "",
        "target_date": "2026-05-01",
        "status": "active",
        "answer_ids": [],
        **extra,
    }


def diff_of(old, new):
    raw = {"compared_with": {"id": "x", "number": 1}, "sections": snapshot_diff(old, new)}
    return {s["key"]: s for s in present_diff(raw, new)["sections"]}


class TestValues:
    def test_codes_dates_and_links_read_as_words(self):
        labels = {"a1": "Att sova ostört"}
        with translation.override("sv"):
            assert format_value("goals", "status", "achieved", labels) == "Uppnått"
            assert format_value("interventions", "delivery", "in_person", labels) == (
                "Personligt på plats"
            )
            assert format_value("goals", "target_date", "2026-05-01", labels) == "1 maj 2026"
            assert format_value("goals", "answer_ids", ["a1"], labels) == "Att sova ostört"
            assert format_value("goals", "answer_ids", ["gone"], labels) == "(finns inte längre)"
            assert format_value("answers", "wants_to_manage_self", True, labels) == "Ja"
            assert format_value("interventions", "visits_replaced_per_week", 7.0, labels) == "7"
            assert format_value("interventions", "visits_replaced_per_week", 2.5, labels) == "2.5"
            assert format_value("goals", "indicator", "", labels) == "–"
            assert format_value("interventions", "technology", None, labels) == "–"

    def test_catalogue_labels_follow_the_page_language(self):
        with translation.override("en"):
            assert format_value("answers", "life_area", SLEEP, {}) == "Sleep"
            assert (
                present_content(snapshot(answers=[answer("a1", "x")]))["answers"][0]["life_area"]
                == "Sleep"
            )
        with translation.override("sv"):
            assert format_value("answers", "life_area", SLEEP, {}) == "Sömn"


class TestContent:
    def test_links_become_the_words_they_point_to(self):
        content = snapshot(
            answers=[answer("a1", "Att sova ostört")],
            goals=[goal("g1", "Sova hela natten", answer_ids=["a1"])],
            interventions=[
                {
                    "id": "i1",
                    "title": "Nattkamera",
                    "delivery": "technology",
                    "technology": {"code": "cam", "name_sv": "Kamera", "name_en": "Camera"},
                    "status": "trial",
                    "trial_start": "2026-03-01",
                    "trial_end": None,
                    "serves_answer_ids": ["a1"],
                    "serves_goal_ids": ["g1"],
                    "visits_replaced_per_week": 7.0,
                    "digital_first_reason": "",
                }
            ],
            follow_ups=[
                {
                    "id": "f1",
                    "due_date": "2026-04-01",
                    "goal_id": None,
                    "intervention_id": "i1",
                    "responsible": "Anna",
                }
            ],
        )
        plan = present_content(content)
        assert plan["goals"][0]["answers"] == ["Att sova ostört"]
        assert plan["goals"][0]["target_date"] == dt.date(2026, 5, 1)
        intervention = plan["interventions"][0]
        assert intervention["answers"] == ["Att sova ostört"]
        assert intervention["goals"] == ["Sova hela natten"]
        assert intervention["status"] == "Utprovning" and intervention["technology"] == "Kamera"
        assert plan["follow_ups"][0]["about"] == "Nattkamera"
        assert plan["is_empty"] is False
        assert present_content(snapshot())["is_empty"] is True


class TestDiff:
    def test_added_removed_and_changed_items_with_before_and_after(self):
        old = snapshot(
            answers=[answer("a1", "Att sova ostört"), answer("a2", "Att gå ut")],
            goals=[goal("g1", "Sova hela natten", answer_ids=["a1", "a2"])],
        )
        new = snapshot(
            answers=[answer("a1", "Att sova ostört", importance=10)],
            goals=[goal("g1", "Sova hela natten", status="achieved", answer_ids=["a1"])],
            follow_ups=[
                {
                    "id": "f1",
                    "due_date": "2026-04-01",
                    "goal_id": "g1",
                    "intervention_id": None,
                    "responsible": "Anna",
                }
            ],
        )
        with translation.override("sv"):
            sections = diff_of(old, new)
        answers = sections["answers"]
        assert [i["title"] for i in answers["removed"]] == ["Att gå ut"]
        assert answers["changed"][0]["fields"] == [
            {"label": "Hur viktigt (0–10)", "before": "9", "after": "10"}
        ]
        goal_change = sections["goals"]["changed"][0]
        assert goal_change["title"] == "Sova hela natten"
        fields = {f["label"]: (f["before"], f["after"]) for f in goal_change["fields"]}
        # A link to a removed answer still reads as that answer's words.
        assert fields["Bygger på"] == ("Att sova ostört; Att gå ut", "Att sova ostört")
        assert fields["Status"] == ("Pågående", "Uppnått")
        added = sections["follow_ups"]["added"][0]
        assert added["title"] == "1 april 2026: Sova hela natten"
        assert added["details"] == [{"label": "Ansvarig", "value": "Anna"}]
        assert sections["interventions"]["has_changes"] is False

    def test_a_first_version_is_marked_as_such(self):
        new = snapshot(goals=[goal("g1", "Sova")])
        raw = {"compared_with": None, "sections": snapshot_diff(None, new)}
        presented = present_diff(raw, new)
        assert presented["is_first_version"] is True and presented["has_changes"] is True
