"""Shared pieces of the what-matters API tests."""

import datetime as dt

from django.utils import timezone

from tests.whatmatters.conftest import answer_data

CONVERSATIONS = "/api/v1/conversations/"
ANSWERS = "/api/v1/answers/"
GOALS = "/api/v1/goals/"


def url(base, obj, action=""):
    return f"{base}{obj.pk}/{action + '/' if action else ''}"


def conversation_body(recipient, *answers, **overrides):
    body = {
        "recipient": str(recipient.pk),
        "held_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "location": "home_visit",
        "participants": "Alma och dottern Eva",
        "answers": list(answers),
    }
    body.update(overrides)
    return body


def three_answers():
    return [
        answer_data("sleep"),
        answer_data("security", own_words="Att känna mig trygg på natten.", importance=8),
        answer_data("mobility", own_words="Att gå till affären själv.", wants_to_manage_self=True),
    ]


def in_days(days):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()
