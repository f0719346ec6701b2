"""The words of the log review: every route the access log can record has a label in plain
Swedish (so a new page can never show a raw view name), and the kind of access follows from
the outcome and the method."""

import pytest
from django.utils import translation

from apps.audit.labels import access_label, known_label, what_label
from apps.privacy.extract import EXTRACT_WHAT
from tests.audit.routes import loggable_routes


def test_every_route_the_log_can_record_has_a_label():
    routes = loggable_routes()
    # The walk reaches the pages, the API's viewsets (custom actions too) and the admin.
    for name in ("plans:return", "privacy:recipient-history", "api:care-plan-return"):
        assert name in routes
    assert "api:recipient-history-list" in routes
    assert "admin:recipients_carerecipient_change" in routes
    missing = [
        f"{name} {method}"
        for name, methods in routes.items()
        for method in methods
        if known_label(name, method) is None
    ]
    assert missing == []


def test_the_register_extract_which_is_logged_under_its_own_name_has_a_label():
    assert what_label(EXTRACT_WHAT, "GET") == "Registerutdrag, framtaget"


@pytest.mark.parametrize(
    ("what", "method", "label"),
    [
        ("plans:return", "POST", "Genomförandeplan: skicka tillbaka med kommentar"),
        ("privacy:recipient-history", "GET", "Ändringshistorik för omsorgstagaren"),
        ("whatmatters:conversation-create", "POST", "Nytt samtal om vad som är viktigt"),
        ("api:recipient-list", "GET", "API: omsorgstagare, lista"),
        ("api:recipient-list", "POST", "API: omsorgstagare, registrera ny"),
        ("api:recipient-search", "POST", "API: omsorgstagare, sökning"),
        ("api:recipient-detail", "PATCH", "API: omsorgstagare, ändra"),
        ("api:recipient-history-list", "GET", "API: ändringshistorik för omsorgstagare, lista"),
        ("api:intervention-start-trial", "POST", "API: insats, starta utprovning"),
        ("api:care-plan-return", "POST", "API: genomförandeplan, skicka tillbaka med kommentar"),
        ("api:follow-up-complete", "POST", "API: uppföljning, genomför"),
        ("admin:recipients_carerecipient_change", "GET", "Administration: omsorgstagare, visa"),
        ("admin:recipients_carerecipient_change", "POST", "Administration: omsorgstagare, ändra"),
        ("admin:interventions_intervention_changelist", "GET", "Administration: insats, lista"),
        (
            "admin:whatmatters_goal_simple_history",
            "GET",
            "Administration: mål, tidigare version",
        ),
    ],
)
def test_a_label_says_what_was_done(what, method, label):
    assert what_label(what, method) == label


def test_the_labels_are_translated():
    with translation.override("en"):
        assert what_label("plans:return", "POST") == "Care plan: return with a comment"
        assert what_label("api:recipient-list", "POST") == "API: care recipient, register new"
        assert what_label("admin:recipients_carerecipient_change", "POST").startswith(
            "Administration: "
        )
        assert access_label("allowed", "POST") == "Changed"


def test_a_name_without_a_label_is_shown_as_stored():
    assert what_label("newapp:new-page") == "newapp:new-page"
    assert what_label("api:unknown-thing") == "api:unknown-thing"
    assert what_label("admin:nosuchapp_nosuchmodel_change") == "admin:nosuchapp_nosuchmodel_change"


@pytest.mark.parametrize(
    ("outcome", "method", "label"),
    [
        ("allowed", "GET", "Läst"),
        ("allowed", "HEAD", "Läst"),
        ("allowed", "POST", "Ändrat"),
        ("allowed", "PATCH", "Ändrat"),
        ("allowed", "PUT", "Ändrat"),
        ("allowed", "DELETE", "Ändrat"),
        ("denied", "GET", "Nekad"),
        ("denied", "POST", "Nekad"),
    ],
)
def test_the_kind_of_access_follows_from_the_outcome_and_the_method(outcome, method, label):
    assert access_label(outcome, method) == label
