"""Pages for what matters to the person: the conversation, goals, and a changed answer.

Every page fetches through `visible_to` (404 out of scope), shows a 403 page to a role that
may not write, and saves through the services, which check the rules again."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from apps.audit.recorder import note_read
from apps.core.forms import error_summary
from apps.core.web import ASK_UNIT_MANAGER, forbidden, run_service
from apps.organisations.permissions import can_care
from apps.recipients.sections import recipient_page_url
from apps.recipients.selectors import recipient_get
from apps.whatmatters.choices import AnswerStatus, ConversationLocation
from apps.whatmatters.forms import (
    ANSWER_ROWS_MAX,
    NEW_CONVERSATION,
    RATING_HELP,
    AnswerFormSet,
    AnswerSupersedeForm,
    ConversationForm,
    GoalForm,
    GoalUpdateForm,
    life_area_choices,
    now_for_input,
    without_errors,
)
from apps.whatmatters.selectors import (
    answer_get_for_page,
    goal_answer_choices,
    goal_get_for_page,
)
from apps.whatmatters.services import (
    answer_supersede,
    conversation_create,
    goal_create,
    goal_update,
)

ANSWERS_PREFIX = "answers"


def _to_recipient(recipient, section: str):
    return redirect(recipient_page_url(recipient.pk, section))


def _refusal(request, recipient):
    """Opening one of the person's pages (the read is logged): the forbidden page when the
    user's role in the person's unit does not allow what matters to be recorded, else None."""
    note_read(request, [recipient.pk])
    if can_care(request.user, recipient):
        return None
    return forbidden(
        request,
        _("Din roll i enheten tillåter inte samtal om vad som är viktigt."),
        hint=ASK_UNIT_MANAGER,
    )


# --- the conversation ------------------------------------------------------------------------


def _with_one_more_row(post):
    data = post.copy()
    try:
        total = int(data.get(f"{ANSWERS_PREFIX}-TOTAL_FORMS", ""))
    except ValueError:
        total = 0
    data[f"{ANSWERS_PREFIX}-TOTAL_FORMS"] = str(min(max(total, 0) + 1, ANSWER_ROWS_MAX))
    return data


def _spread_answer_errors(error: ValidationError, filled) -> ValidationError:
    """The service names answer errors `answers.<index>.<field>` after the answers it was
    given; put each next to its field in the row the user wrote it in. The rest is the
    form's."""
    if not hasattr(error, "error_dict"):
        return error
    rest = {}
    for key, errors in error.error_dict.items():
        parts = key.split(".")
        is_answer = len(parts) == 3 and parts[0] == ANSWERS_PREFIX and parts[1].isdigit()
        if is_answer and int(parts[1]) < len(filled):
            row = filled[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, errors)
        else:
            rest[key] = errors
    return ValidationError(rest)


def _render_conversation(request, recipient, form, formset, *, partial=False):
    template = "whatmatters/conversation_form.html"
    context = {
        "recipient": recipient,
        "form": form,
        "formset": formset,
        "errors": error_summary(form, formset),
        "next_row": formset.total_form_count() + 1,
        "can_add_row": formset.total_form_count() < ANSWER_ROWS_MAX,
        "rating_help": RATING_HELP,
    }
    return render(request, f"{template}#answers" if partial else template, context)


def _create_conversation(request, recipient, form, filled):
    """Save the conversation; a ValidationError left for the form once the rows took theirs."""
    try:
        return conversation_create(
            actor=request.user,
            recipient=recipient,
            answers=[row.answer_values() for row in filled],
            **form.cleaned_data,
        )
    except ValidationError as exc:
        raise _spread_answer_errors(exc, filled) from exc


@require_http_methods(["GET", "POST"])
def conversation_create_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    if refusal := _refusal(request, recipient):
        return refusal
    rows = {"prefix": ANSWERS_PREFIX, "form_kwargs": {"life_area_choices": life_area_choices()}}
    if request.method == "GET":
        form = ConversationForm(
            initial={"held_at": now_for_input(), "location": ConversationLocation.HOME_VISIT}
        )
        return _render_conversation(request, recipient, form, AnswerFormSet(**rows))

    adding = "add_answer" in request.POST or (
        request.htmx and request.htmx.trigger_name == "add_answer"
    )
    if adding:  # "Lägg till ett svar till": the same page with one more row, nothing saved
        data = _with_one_more_row(request.POST)
        form, formset = ConversationForm(data), AnswerFormSet(data, **rows)
        for each in (form, *formset.forms):
            without_errors(each)
        formset._non_form_errors = formset.error_class()
        return _render_conversation(request, recipient, form, formset, partial=bool(request.htmx))

    form, formset = ConversationForm(request.POST), AnswerFormSet(request.POST, **rows)
    if form.is_valid() and formset.is_valid():
        filled = formset.filled_forms()
        done = run_service(
            request,
            form,
            lambda: _create_conversation(request, recipient, form, filled),
            hint=ASK_UNIT_MANAGER,
        )
        if done.response:
            return done.response
        if done.ok:
            messages.success(
                request,
                ngettext(
                    "Samtalet är sparat med %(n)d svar med personens egna ord.",
                    "Samtalet är sparat med %(n)d svar med personens egna ord.",
                    len(filled),
                )
                % {"n": len(filled)},
            )
            return _to_recipient(recipient, "main")
    return _render_conversation(request, recipient, form, formset)


# --- goals -----------------------------------------------------------------------------------


def _initial_answer(request) -> list[str]:
    try:
        return [str(uuid.UUID(request.GET.get("answer", "")))]
    except ValueError:
        return []


def _render_goal(request, recipient, form, *, goal=None, has_answers=True):
    return render(
        request,
        "whatmatters/goal_form.html",
        {
            "recipient": recipient,
            "form": form,
            "goal": goal,
            "has_answers": has_answers,
            "errors": error_summary(form),
        },
    )


def _save_goal(request, recipient, form, save):
    """Save the goal with `save(**form.goal_values())`: back to the person once saved, else
    None (the form shows what was refused) or the forbidden page."""
    saved = run_service(request, form, lambda: save(**form.goal_values()), hint=ASK_UNIT_MANAGER)
    if saved.response:
        return saved.response
    if saved.ok:
        messages.success(request, _("Målet är sparat."))
        return _to_recipient(recipient, "main")
    return None


@require_http_methods(["GET", "POST"])
def goal_create_view(request, recipient_pk):
    recipient = recipient_get(user=request.user, pk=recipient_pk)
    if refusal := _refusal(request, recipient):
        return refusal
    answers = goal_answer_choices(user=request.user, recipient=recipient)
    form = GoalForm(
        request.POST or None, answers=answers, initial={"answers": _initial_answer(request)}
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_goal(
            request,
            recipient,
            form,
            lambda **goal: goal_create(actor=request.user, recipient=recipient, **goal),
        )
        if saved:
            return saved
    return _render_goal(request, recipient, form, has_answers=answers.exists())


@require_http_methods(["GET", "POST"])
def goal_update_view(request, pk):
    goal = goal_get_for_page(user=request.user, pk=pk)
    recipient = goal.recipient
    if refusal := _refusal(request, recipient):
        return refusal
    initial = {
        "answers": [answer.pk for answer in goal.answers.all()],
        "own_words": goal.own_words,
        "indicator": goal.indicator,
        "target_date": goal.target_date,
        "status": goal.status,
        "version": goal.version,
    }
    answers = goal_answer_choices(user=request.user, recipient=recipient, goal=goal)
    form = GoalUpdateForm(request.POST or None, answers=answers, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_goal(
            request,
            recipient,
            form,
            lambda **goal_fields: goal_update(
                actor=request.user,
                goal=goal,
                expected_version=form.cleaned_data["version"],
                **goal_fields,
            ),
        )
        if saved:
            return saved
    return _render_goal(request, recipient, form, goal=goal)


# --- a changed answer ------------------------------------------------------------------------


def _supersede(request, answer, form):
    """The new answer, in the old answer's conversation or in a new one: both or nothing."""
    data = form.cleaned_data
    with transaction.atomic():
        conversation = None
        if data["where"] == NEW_CONVERSATION:
            conversation = conversation_create(
                actor=request.user,
                recipient=answer.recipient,
                held_at=data["held_at"],
                location=data["location"],
                participants=data["participants"],
            )
        return answer_supersede(
            actor=request.user,
            answer=answer,
            expected_version=data["version"],
            conversation=conversation,
            **form.answer_values(),
        )


@require_http_methods(["GET", "POST"])
def answer_supersede_view(request, pk):
    answer = answer_get_for_page(user=request.user, pk=pk)
    recipient = answer.recipient
    if refusal := _refusal(request, recipient):
        return refusal
    context = {"recipient": recipient, "answer": answer, "rating_help": RATING_HELP}
    if answer.status != AnswerStatus.CURRENT:
        return render(request, "whatmatters/answer_supersede.html", context)
    form = AnswerSupersedeForm(
        request.POST or None,
        life_area_choices=life_area_choices(),
        old_conversation=answer.conversation,
        initial={
            "life_area": answer.life_area_id,
            "importance": answer.importance,
            "performance": answer.performance,
            "wants_to_manage_self": answer.wants_to_manage_self,
            "held_at": now_for_input(),
            "location": ConversationLocation.HOME_VISIT,
            "version": answer.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: _supersede(request, answer, form),
            rename={"conversation": "held_at"},
            hint=ASK_UNIT_MANAGER,
        )
        if done.response:
            return done.response
        if done.ok:
            messages.success(
                request, _("Det nya svaret är sparat; det gamla finns kvar i historiken.")
            )
            return _to_recipient(recipient, "main")
    context |= {"form": form, "errors": error_summary(form)}
    return render(request, "whatmatters/answer_supersede.html", context)
