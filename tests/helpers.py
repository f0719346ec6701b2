"""Helpers shared by the suite (import what you need; fixtures live in conftest.py).

member(username, *pairs, **extra)   a user with a role in each (unit, role) pair
problem_errors(response)            the `errors[]` of a problem+json body (or [])
error_fields(response)              the fields those errors name
error_codes(response)               their codes
error_pairs(response)               their (field, code) pairs
form_error_codes(form)              {field: {codes}} of a bound Django form
validation_codes(error)             {field: {codes}} of a Django ValidationError
page_error_codes(response)          {field: {codes}} of every bound form a page rendered
records_of_every_kind(...)          one record of every kind about a person (factories)
"""

import datetime as dt
import json
from types import SimpleNamespace

from django.forms import BaseForm, BaseFormSet

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


def validation_codes(error) -> dict[str, set[str]]:
    """The codes of a Django ValidationError by field (`__all__` for one without fields), e.g.
    `{"trial_end": {"before_start"}}`: which rule refused, whatever the wording."""
    if hasattr(error, "error_dict"):
        return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}
    return {"__all__": {e.code for e in error.error_list}}


def _forms_in(value) -> list:
    if isinstance(value, BaseFormSet):
        return list(value.forms)
    if isinstance(value, BaseForm):
        return [value]
    if isinstance(getattr(value, "form", None), BaseForm):  # a panel holding its form
        return [value.form]
    return []


def page_error_codes(response) -> dict[str, set[str]]:
    """The codes of the errors of every bound form (and formset row) a page rendered, by the
    field's input name (`answers-2-own_words`); a form's own errors under `__all__` (with its
    prefix: `return-__all__`, and a formset's `answers-__all__`). Which rule refused on a
    page, whatever the wording."""
    contexts = response.context
    if contexts is None:
        return {}
    contexts = contexts if isinstance(contexts, list) else [contexts]
    seen, codes = set(), {}

    def add(name, errors):
        if errors:
            codes.setdefault(name, set()).update(e.code for e in errors)

    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, BaseFormSet) and value.is_bound and id(value) not in seen:
                seen.add(id(value))
                add(value.add_prefix("__all__"), value.non_form_errors().as_data())
            for form in _forms_in(value):
                if id(form) in seen or not form.is_bound:
                    continue
                seen.add(id(form))
                for field, errors in form.errors.as_data().items():
                    add(form.add_prefix(field), errors)
    return codes


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
