"""Writes to conversations, answers and goals. Pages, the admin and the API all call these.

Callers resolve the recipient, conversation, answers and goal through `visible_to(user)`
first; these services then check the actor's role in the recipient's unit and the rules.
Answers are never overwritten: a changed answer is a new answer that supersedes the old one.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.catalogue.models import LifeArea
from apps.core.exceptions import ConflictError, IllegalTransition
from apps.core.versioning import lock_for_change, save_new_version
from apps.organisations.permissions import can_care, require
from apps.whatmatters.choices import AnswerStatus
from apps.whatmatters.models import Answer, Conversation, Goal

logger = logging.getLogger(__name__)

# What a client may say about an answer; the person's own words and ratings are fixed once
# recorded (a change is a new answer that supersedes the old one).
ANSWER_FIELDS = (
    "life_area",
    "own_words",
    "staff_summary",
    "importance",
    "performance",
    "wants_to_manage_self",
)
ANSWER_IMMUTABLE_FIELDS = (
    "life_area",
    "own_words",
    "importance",
    "performance",
    "wants_to_manage_self",
)
ANSWER_UPDATABLE_FIELDS = ("staff_summary", "status")
GOAL_SCALAR_FIELDS = ("own_words", "indicator", "target_date", "status")
GOAL_UPDATABLE_FIELDS = (*GOAL_SCALAR_FIELDS, "answers")

# Clocks of phones and servers differ a little; a conversation "just now" must not fail.
CLOCK_SKEW = dt.timedelta(minutes=5)

SUPERSEDE_INSTEAD = gettext_lazy(
    "Svaret skrivs aldrig över. Registrera ett nytt svar som ersätter det (supersede)."
)


def _full_clean(instance, *, exclude=()) -> None:
    """full_clean, plus the max_length of text fields, which Django leaves to forms."""
    errors: dict[str, list] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if field.name in exclude or not field.max_length or not isinstance(value, str):
            continue
        if len(value) > field.max_length:
            errors[field.name] = [
                ValidationError(
                    _("Högst %(max)d tecken (nu %(length)d).")
                    % {"max": field.max_length, "length": len(value)},
                    code="max_length",
                )
            ]
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for name, messages in exc.error_dict.items():  # with their codes
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _save(instance, actor) -> None:
    # The change history names the actor also when no request is around (tasks, shell).
    instance._history_user = actor
    instance.save()


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if not prefix:
        return error
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}.{field}": errors for field, errors in error.error_dict.items()}
        )
    return ValidationError({prefix: error.error_list})


def _resolve_life_area(value, field: str):
    """Accept a LifeArea or its code (pages and tests pass codes)."""
    if value is None or isinstance(value, LifeArea):
        return value
    try:
        return LifeArea.objects.get(code=value)
    except LifeArea.DoesNotExist:
        raise ValidationError(
            {field: ValidationError(_("Okänt livsområde."), code="unknown_life_area")}
        ) from None


def _next_position(conversation) -> int:
    """After the answers the conversation already has (its order is the order given)."""
    last = Answer.objects.filter(conversation=conversation).aggregate(last=Max("position"))
    return 0 if last["last"] is None else last["last"] + 1


def _build_answer(
    *, actor, conversation, fields: Mapping, prefix: str = "", position: int | None = None
) -> Answer:
    """A validated, unsaved answer. Errors are named `<prefix>.<field>`."""
    unknown = sorted(set(fields) - set(ANSWER_FIELDS))
    if unknown:
        unknown_field = ValidationError(_("Okänt fält."), code="unknown_field")
        raise _prefixed(ValidationError(dict.fromkeys(unknown, unknown_field)), prefix)
    values = dict(fields)
    life_area_field = f"{prefix}.life_area" if prefix else "life_area"
    values["life_area"] = _resolve_life_area(values.get("life_area"), life_area_field)
    for text_field in ("own_words", "staff_summary"):
        if values.get(text_field) is None:
            values.pop(text_field, None)
    answer = Answer(
        recipient_id=conversation.recipient_id,
        conversation=conversation,
        created_by=actor,
        position=position if position is not None else _next_position(conversation),
        **values,
    )
    try:
        _full_clean(answer, exclude=["recipient", "conversation", "created_by", "supersedes"])
    except ValidationError as exc:
        raise _prefixed(exc, prefix) from None
    return answer


def _require_care_role(actor, recipient) -> None:
    require(
        can_care,
        actor,
        recipient,
        _("Din roll i enheten tillåter inte samtal om vad som är viktigt."),
    )


@transaction.atomic
def conversation_create(
    *,
    actor,
    recipient,
    held_at: dt.datetime,
    location: str,
    participants: str = "",
    notes: str = "",
    answers: Iterable[Mapping] = (),
) -> Conversation:
    """The conversation and all its answers, or nothing: bad answers are named
    `answers.<index>.<field>` and the conversation is rolled back with them."""
    _require_care_role(actor, recipient)
    if held_at is not None and held_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError(
            {
                "held_at": ValidationError(
                    _("Samtalet kan inte ha hållits i framtiden."), code="in_future"
                )
            }
        )
    conversation = Conversation(
        recipient=recipient,
        held_at=held_at,
        held_by=actor,
        location=location,
        participants=participants or "",
        notes=notes or "",
    )
    _full_clean(conversation, exclude=["recipient", "held_by"])
    _save(conversation, actor)

    built, errors = [], {}
    for index, fields in enumerate(answers):
        try:
            built.append(
                _build_answer(
                    actor=actor,
                    conversation=conversation,
                    fields=fields,
                    prefix=f"answers.{index}",
                    position=index,
                )
            )
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    for answer in built:
        _save(answer, actor)
    logger.info(
        "conversation created",
        extra={"conversation_id": str(conversation.pk), "answers": len(built)},
    )
    return conversation


@transaction.atomic
def answer_add(*, actor, conversation: Conversation, **answer_fields) -> Answer:
    """One more answer in an existing conversation."""
    conversation = Conversation.objects.select_related("recipient").get(pk=conversation.pk)
    _require_care_role(actor, conversation.recipient)
    answer = _build_answer(actor=actor, conversation=conversation, fields=answer_fields)
    _save(answer, actor)
    return answer


@transaction.atomic
def answer_supersede(
    *,
    actor,
    answer: Answer,
    expected_version: int | None = None,
    conversation: Conversation | None = None,
    **new_answer_fields,
) -> Answer:
    """A new answer that replaces `answer` (which becomes superseded). Fields not given are
    taken from the old answer; the new one belongs to the old one's conversation unless a
    newer conversation with the same person is given."""
    old = lock_for_change(
        Answer.objects.visible_to(actor).select_related("recipient", "conversation"),
        answer,
        expected_version=expected_version,
        check=lambda row: _require_care_role(actor, row.recipient),
    )
    if old.status != AnswerStatus.CURRENT:
        raise ConflictError(
            _("Bara ett aktuellt svar kan ersättas."),
            code="answer_not_current",
            extra={"current_status": old.status},
        )
    target = old.conversation
    if conversation is not None and conversation.pk != old.conversation_id:
        target = Conversation.objects.get(pk=conversation.pk)
        if target.recipient_id != old.recipient_id:
            raise ValidationError(
                {
                    "conversation": ValidationError(
                        _("Samtalet gäller en annan person än svaret."), code="other_person"
                    )
                }
            )
        if target.held_at < old.conversation.held_at:
            raise ValidationError(
                {
                    "conversation": ValidationError(
                        _("Ett svar kan bara ersättas i samma eller ett senare samtal."),
                        code="earlier_conversation",
                    )
                }
            )
    fields = {name: getattr(old, name) for name in ANSWER_FIELDS}
    fields.update(new_answer_fields)
    new = _build_answer(actor=actor, conversation=target, fields=fields)
    unchanged = target.pk == old.conversation_id and all(
        getattr(new, name) == getattr(old, name) for name in ANSWER_FIELDS
    )
    if unchanged:
        raise ValidationError(
            _("Det nya svaret är likadant som det gamla; inget att ersätta."), code="unchanged"
        )

    old.status = AnswerStatus.SUPERSEDED
    save_new_version(old, clean=_full_clean, history_user=actor)
    new.supersedes = old
    _save(new, actor)
    logger.info("answer superseded", extra={"answer_id": str(old.pk), "superseded_by": str(new.pk)})
    return new


@transaction.atomic
def answer_update(*, actor, answer: Answer, expected_version: int | None, **fields) -> Answer:
    """Only the staff summary, and current → no longer relevant. The person's words, ratings
    and life area are never overwritten (supersede instead)."""
    immutable = sorted(set(fields) & set(ANSWER_IMMUTABLE_FIELDS))
    if immutable:
        raise ValidationError(
            dict.fromkeys(immutable, ValidationError(SUPERSEDE_INSTEAD, code="supersede"))
        )
    unknown = sorted(set(fields) - set(ANSWER_UPDATABLE_FIELDS))
    if unknown:
        not_updatable = ValidationError(_("Fältet kan inte ändras."), code="not_updatable")
        raise ValidationError(dict.fromkeys(unknown, not_updatable))
    current = lock_for_change(
        Answer.objects.visible_to(actor).select_related("recipient"),
        answer,
        expected_version=expected_version,
        check=lambda row: _require_care_role(actor, row.recipient),
    )
    before = _values(current, ANSWER_UPDATABLE_FIELDS)

    new_status = fields.get("status")
    if new_status is not None and new_status != current.status:
        if new_status != AnswerStatus.NO_LONGER_RELEVANT:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("Ett svar kan bara markeras som inte längre aktuellt."),
                        code="only_no_longer_relevant",
                    )
                }
            )
        if current.status != AnswerStatus.CURRENT:
            raise IllegalTransition(
                _("Bara ett aktuellt svar kan markeras som inte längre aktuellt."),
                code="answer_not_current",
                extra={"current_status": current.status, "allowed_actions": []},
            )
        current.status = new_status
    if "staff_summary" in fields:
        current.staff_summary = fields["staff_summary"] or ""
    if _values(current, ANSWER_UPDATABLE_FIELDS) == before:
        return current  # nothing to record: no new version, no history row
    return save_new_version(current, clean=_full_clean, history_user=actor)


def _values(instance, names) -> dict:
    return {name: getattr(instance, name) for name in names}


def _checked_goal_answers(recipient, answers, *, already_linked=frozenset()) -> list[Answer]:
    """At least one answer, each of this person and current (answers already linked to the
    goal may stay even if they have since been superseded)."""
    answers = list(answers or [])
    if not answers:
        raise ValidationError(
            {
                "answers": ValidationError(
                    _("Ett mål måste utgå från minst ett svar."), code="required"
                )
            }
        )
    # Locked, so that an answer cannot be superseded between this check and the link.
    rows = Answer.objects.select_for_update(of=("self",)).filter(pk__in=[a.pk for a in answers])
    fresh = {a.pk: a for a in rows.order_by("pk")}
    if len(fresh) != len({a.pk for a in answers}):
        raise ValidationError(
            {"answers": ValidationError(_("Ett av svaren finns inte."), code="not_found")}
        )
    for answer in fresh.values():
        if answer.recipient_id != recipient.pk:
            raise ValidationError(
                {
                    "answers": ValidationError(
                        _("Ett av svaren gäller en annan person."), code="other_person"
                    )
                }
            )
        if answer.status != AnswerStatus.CURRENT and answer.pk not in already_linked:
            raise ValidationError(
                {
                    "answers": ValidationError(
                        _("Ett mål kan bara utgå från aktuella svar (inte ersatta)."),
                        code="not_current",
                    )
                }
            )
    return list(fresh.values())


def _check_target_date(target_date) -> None:
    if target_date is not None and target_date < timezone.localdate():
        raise ValidationError(
            {
                "target_date": ValidationError(
                    _("Måldatumet kan inte ligga i det förflutna."), code="in_past"
                )
            }
        )


@transaction.atomic
def goal_create(
    *,
    actor,
    recipient,
    answers: Iterable[Answer],
    own_words: str,
    indicator: str = "",
    target_date: dt.date | None = None,
) -> Goal:
    _require_care_role(actor, recipient)
    checked = _checked_goal_answers(recipient, answers)
    _check_target_date(target_date)
    goal = Goal(
        recipient=recipient,
        own_words=own_words,
        indicator=indicator or "",
        target_date=target_date,
        created_by=actor,
    )
    _full_clean(goal, exclude=["recipient", "created_by"])
    _save(goal, actor)
    goal.answers.set(checked)
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, expected_version: int | None = None, **fields) -> Goal:
    """Change the goal's words, indicator, target date, status or answers. The follow-ups
    record a goal outcome with `goal_update(actor=..., goal=..., status=...)`."""
    unknown = sorted(set(fields) - set(GOAL_UPDATABLE_FIELDS))
    if unknown:
        not_updatable = ValidationError(_("Fältet kan inte ändras."), code="not_updatable")
        raise ValidationError(dict.fromkeys(unknown, not_updatable))
    current = lock_for_change(
        Goal.objects.visible_to(actor).select_related("recipient"),
        goal,
        expected_version=expected_version,
        check=lambda row: _require_care_role(actor, row.recipient),
    )
    before = _values(current, GOAL_SCALAR_FIELDS)

    new_answers, linked = None, frozenset()
    if "answers" in fields:
        linked = frozenset(current.answers.values_list("pk", flat=True))
        new_answers = _checked_goal_answers(
            current.recipient, fields["answers"], already_linked=linked
        )
    if "target_date" in fields and fields["target_date"] != current.target_date:
        _check_target_date(fields["target_date"])
    for name in GOAL_SCALAR_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(current, name, "" if value is None and name == "indicator" else value)
    answers_change = new_answers is not None and {a.pk for a in new_answers} != linked
    if not answers_change and _values(current, GOAL_SCALAR_FIELDS) == before:
        return current  # nothing to record: no new version, no history row
    save_new_version(current, clean=_full_clean, history_user=actor)
    if answers_change:
        current.answers.set(new_answers)
    return current
