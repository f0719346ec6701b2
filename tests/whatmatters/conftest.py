"""Helpers for the what-matters tests: a conversation with answers for a recipient."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.whatmatters.services import conversation_create


def answer_data(life_area="sleep", **overrides):
    data = {
        "life_area": life_area,
        "own_words": "Att få sova ostört hela natten.",
        "staff_summary": "",
        "importance": 9,
        "performance": 3,
        "wants_to_manage_self": False,
    }
    data.update(overrides)
    return data


@pytest.fixture
def talk(life_areas):
    """talk(actor, recipient, *answers, **conversation fields) -> a conversation made by the
    service; answers are dicts for answer_data (default: one sleep answer)."""

    def make(actor, recipient, *answers, **fields):
        fields.setdefault("held_at", timezone.now() - dt.timedelta(hours=1))
        fields.setdefault("location", "home_visit")
        return conversation_create(
            actor=actor,
            recipient=recipient,
            answers=[answer_data(**a) for a in answers] if answers else [answer_data()],
            **fields,
        )

    return make
