"""The input rules of the services: what an intervention must serve, how it may be
delivered, field limits, and who may give consent."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from apps.interventions.choices import ConsentGiver, Delivery
from apps.whatmatters.choices import AnswerStatus, GoalStatus
from apps.whatmatters.models import Answer, Goal


def _pks(items: Iterable) -> list:
    return list(dict.fromkeys(getattr(item, "pk", item) for item in items))


def _rows_of(recipient, model, items, field: str, *, missing, elsewhere, unusable, usable):
    """Fresh rows for `items` (rows or pks, each once, in order), all of the same person and
    `usable`; the first that is not is refused on `field`, with what is wrong with it."""
    pks = _pks(items)
    found = {row.pk: row for row in model.objects.filter(pk__in=pks)}
    for pk in pks:
        row = found.get(pk)
        if row is None:
            raise ValidationError({field: ValidationError(missing, code="not_found")})
        if row.recipient_id != recipient.pk:
            raise ValidationError({field: ValidationError(elsewhere, code="other_person")})
        if not usable(row):
            raise ValidationError({field: ValidationError(unusable, code="not_current")})
    return [found[pk] for pk in pks]


def resolve_answers(recipient, items) -> list:
    """Fresh rows for the answers: same person, and still current (never a superseded one)."""
    return _rows_of(
        recipient,
        Answer,
        items,
        "serves_answers",
        missing=_("Svaret finns inte."),
        elsewhere=_("Svaret hör till en annan person."),
        unusable=_(
            "Svaret är inte längre aktuellt (ersatt eller inaktuellt); "
            "välj personens aktuella svar."
        ),
        usable=lambda answer: answer.status == AnswerStatus.CURRENT,
    )


def resolve_goals(recipient, items) -> list:
    return _rows_of(
        recipient,
        Goal,
        items,
        "serves_goals",
        missing=_("Målet finns inte."),
        elsewhere=_("Målet hör till en annan person."),
        unusable=_("Målet är inte längre pågående."),
        usable=lambda goal: goal.status == GoalStatus.ACTIVE,
    )


def require_what_matters(answers, goals) -> None:
    if not answers and not goals:
        raise ValidationError(
            {
                "serves_answers": ValidationError(
                    _(
                        "Ange minst ett aktuellt svar eller pågående mål som insatsen svarar mot: "
                        "inget föreslås utan ett uttalat ”vad är viktigt”."
                    ),
                    code="what_matters_required",
                )
            }
        )


def check_delivery(intervention, *, technology_changed: bool) -> None:
    """Digital first, not digital only: in person needs the reason technology did not suit;
    technology comes from the active catalogue."""
    technology = intervention.technology
    if intervention.delivery == Delivery.IN_PERSON:
        if technology is not None:
            raise ValidationError(
                {
                    "technology": ValidationError(
                        _(
                            "En insats som utförs personligt har ingen teknik; "
                            "välj ”Teknik och personligt” om båda behövs."
                        ),
                        code="technology_with_in_person",
                    )
                }
            )
        if not (intervention.digital_first_reason or "").strip():
            raise ValidationError(
                {
                    "digital_first_reason": ValidationError(
                        _(
                            "Digitalt först: ange varför teknik inte passar när insatsen "
                            "utförs personligt."
                        ),
                        code="required",
                    )
                }
            )
    elif intervention.delivery in Delivery.values:
        if technology is None:
            raise ValidationError(
                {"technology": ValidationError(_("Välj en teknik ur katalogen."), code="required")}
            )
        if technology_changed and not technology.is_active:
            raise ValidationError(
                {
                    "technology": ValidationError(
                        _("Tekniken är inte längre aktiv i katalogen; välj en annan."),
                        code="technology_inactive",
                    )
                }
            )


def check_limits(instance) -> None:
    """Limits that model validation reports without naming the field (or not at all: a
    TextField's max_length), checked here so that the refusal names the field."""
    visits = instance.visits_replaced_per_week
    if visits is not None and visits < 0:
        raise ValidationError(
            {
                "visits_replaced_per_week": ValidationError(
                    _("Antalet ersatta besök kan inte vara negativt."), code="negative"
                )
            }
        )
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length:
            value = getattr(instance, field.attname) or ""
            if len(value) > field.max_length:
                raise ValidationError(
                    {
                        field.name: ValidationError(
                            _("Högst %(n)d tecken.") % {"n": field.max_length}, code="max_length"
                        )
                    }
                )


def check_consent_giver(intervention, given_by: str, contact) -> None:
    """Who gave consent must match the contact named: a cohabitant lives with the person, a
    representative is their god man or förvaltare, and the person needs no contact."""
    if contact is not None and contact.recipient_id != intervention.recipient_id:
        raise ValidationError(
            {
                "contact": ValidationError(
                    _("Kontakten hör till en annan person."), code="other_person"
                )
            }
        )
    if given_by == ConsentGiver.PERSON and contact is not None:
        raise ValidationError(
            {
                "contact": ValidationError(
                    _("Personens eget samtycke anges utan kontakt."), code="contact_not_expected"
                )
            }
        )
    if given_by == ConsentGiver.COHABITANT and (
        contact is None or not contact.lives_with_recipient
    ):
        raise ValidationError(
            {
                "contact": ValidationError(
                    _(
                        "Samtycke från samboende närstående kräver en kontakt som bor med "
                        "omsorgstagaren."
                    ),
                    code="not_cohabitant",
                )
            }
        )
    if given_by == ConsentGiver.REPRESENTATIVE and (
        contact is None or not contact.is_legal_representative
    ):
        raise ValidationError(
            {
                "contact": ValidationError(
                    _(
                        "Samtycke från företrädare kräver en kontakt som är god man eller "
                        "förvaltare."
                    ),
                    code="not_legal_representative",
                )
            }
        )
