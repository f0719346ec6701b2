"""Helpers shared by the suite (import what you need; fixtures live in conftest.py).

member(username, *pairs, **extra)   a user with a role in each (unit, role) pair
problem_errors(response)            the `errors[]` of a problem+json body (or [])
error_fields(response)              the fields those errors name
error_codes(response)               their codes
error_pairs(response)               their (field, code) pairs
form_error_codes(form)              {field: {codes}} of a bound Django form
records_of_every_kind(...)          one record of every kind about a person (factories)
"""

import datetime as dt
import json
from types import SimpleNamespace

from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    CarePlanFactory,
    CarePlanVersionFactory,
    ConsentFactory,
    ContactFactory,
    ConversationFactory,
    FollowUpFactory,
    GoalFactory,
    InterventionFactory,
    MembershipFactory,
    UserFactory,
)


def member(username, *pairs, **extra):
    """A user (`extra` goes to UserFactory) holding `role` in `unit` for each (unit, role)."""
    user = UserFactory(username=username, **extra)
    for unit, role in pairs:
        MembershipFactory(user=user, unit=unit, role=role)
    return user


def problem_errors(response) -> list[dict]:
    """`errors[]` of a problem+json response (a test client response or its raw body)."""
    content = getattr(response, "content", response)
    try:
        data = json.loads(content)
    except (TypeError, ValueError):
        return []
    errors = data.get("errors", []) if isinstance(data, dict) else []
    return [e for e in errors if isinstance(e, dict)]


def error_fields(response) -> set[str]:
    return {str(e.get("field") or "") for e in problem_errors(response)}


def error_codes(response) -> set[str]:
    return {str(e.get("code") or "") for e in problem_errors(response)}


def error_pairs(response) -> set[tuple[str, str]]:
    return {(str(e.get("field") or ""), str(e.get("code") or "")) for e in problem_errors(response)}


def form_error_codes(form) -> dict[str, set[str]]:
    """The codes of a bound form's errors by field (`__all__` for the form's own)."""
    return {
        field: {error.code for error in errors} for field, errors in form.errors.as_data().items()
    }


def records_of_every_kind(
    recipient,
    *,
    author,
    assessor=None,
    life_area=None,
    technology=None,
    words: str = "Att få sova ostört hela natten.",
    due_date: dt.date | None = None,
    plan: bool = True,
):
    """One record of every kind about `recipient`, made by `author` with the factories: a
    contact, a conversation with one answer, a goal serving it, an intervention serving the
    answer, its consent, assessment (by `assessor`, else `author`) and follow-up, and (with
    `plan`) a care plan with a draft version. Callers add what their tests need on top
    (states, history, log rows)."""
    contact = ContactFactory(recipient=recipient, name="Dottern Dahl", relation="dotter")
    conversation = ConversationFactory(recipient=recipient, held_by=author)
    answer_fields = {"life_area": life_area} if life_area is not None else {}
    answer = AnswerFactory(
        conversation=conversation, own_words=words, created_by=author, **answer_fields
    )
    goal = GoalFactory(recipient=recipient, answers=[answer], own_words="Sova hela natten")
    intervention_fields = {"technology": technology} if technology is not None else {}
    intervention = InterventionFactory(
        recipient=recipient,
        title="Nattkamera",
        serves_answers=[answer],
        proposed_by=author,
        **intervention_fields,
    )
    consent = ConsentFactory(intervention=intervention, recorded_by=author)
    assessment = AssessmentFactory(
        intervention=intervention, assessor=assessor or author, rationale="Passar personen."
    )
    follow_up = FollowUpFactory(
        intervention=intervention, responsible=author, due_date=due_date or dt.date(2026, 5, 4)
    )
    care_plan = version = None
    if plan:
        care_plan = CarePlanFactory(recipient=recipient)
        version = CarePlanVersionFactory(plan=care_plan, summary="Planen i klartext.")
    return SimpleNamespace(
        recipient=recipient,
        contact=contact,
        conversation=conversation,
        answer=answer,
        goal=goal,
        intervention=intervention,
        consent=consent,
        assessment=assessment,
        follow_up=follow_up,
        plan=care_plan,
        version=version,
    )
