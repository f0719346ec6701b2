"""Finding things in the demo data (apps/demo/activity.py, fixtures/demo.json) for the browser
tests: the live server shares the test's database, so the tests look records up with the ORM
and open their pages by URL, as a user following a link would."""

from django.urls import reverse

from apps.accounts.models import User
from apps.followups.models import FollowUp
from apps.interventions.models import Consent, Intervention
from apps.plans.models import CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_submit, plan_version_update
from apps.recipients.models import CareRecipient
from apps.whatmatters.models import Answer, Goal

NORR = "Hemtjänst Norr"
NIGHT_CAMERA = "Nattkamera (digital tillsyn)"
# Gösta Exempelsson of Hemtjänst Norr: no demo activity (beyond the first 30 people), no
# cohabiting relative. A namesake lives at Solgården, where cecilia works too.
FRESH_NAME = "Gösta Exempelsson"
FRESH_NUMBER = "19470822-9903"


def path(name: str, *args) -> str:
    return reverse(name, args=args)


def user(username: str) -> User:
    return User.objects.get(username=username)


def fresh_person() -> CareRecipient:
    return CareRecipient.objects.get(personal_number=FRESH_NUMBER)


def intervention(status: str, *, unit: str = NORR, **filters) -> Intervention:
    return (
        Intervention.objects.filter(status=status, recipient__unit__name=unit, **filters)
        .order_by("recipient__personal_number")
        .first()
    )


def consent_in_force(*, unit: str = NORR) -> Consent:
    return (
        Consent.objects.filter(withdrawn_at__isnull=True, recipient__unit__name=unit)
        .order_by("recipient__personal_number")
        .first()
    )


def plan_version(status: str, *, unit: str = NORR) -> CarePlanVersion:
    return (
        CarePlanVersion.objects.filter(status=status, plan__recipient__unit__name=unit)
        .select_related("plan__recipient")
        .order_by("plan__recipient__personal_number")
        .first()
    )


def followup(status: str, *, responsible: str = "anna", unit: str = NORR) -> FollowUp:
    return (
        FollowUp.objects.filter(
            status=status, responsible__username=responsible, recipient__unit__name=unit
        )
        .order_by("due_date", "recipient__personal_number")
        .first()
    )


def current_answer(recipient) -> Answer:
    return Answer.objects.filter(recipient=recipient, status="current").order_by("id").first()


def goal(recipient) -> Goal:
    return Goal.objects.filter(recipient=recipient).order_by("id").first()


def person_with_everything(*, unit: str = NORR) -> CareRecipient:
    """Someone with answers, a goal, a running intervention with follow-ups and an approved
    plan: the fullest pages of the demo."""
    return plan_version("approved", unit=unit).plan.recipient


def submitted_change_to_an_approved_plan(*, unit: str = NORR) -> CarePlanVersion:
    """A second version of an approved plan, with a changed plain-language text, submitted by
    the care staff: the review page then shows the changes since the approved version."""
    approved = plan_version("approved", unit=unit)
    staff = user("anna")
    draft = plan_start_draft(actor=staff, recipient=approved.plan.recipient)
    draft = plan_version_update(
        actor=staff,
        version=draft,
        summary="Vi provar nattkameran i en månad till och frågar dig sedan igen.",
    )
    return plan_version_submit(actor=staff, version=draft)
