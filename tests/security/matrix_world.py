"""The people and records of the authorization matrix, built once per module (per xdist
worker) inside a transaction that is rolled back at the end.

Four object sets, each a care recipient with a full record (conversation, answer, goal,
interventions in four states, consent, assessment, follow-up, care plan with an approved and a
submitted version) and the organisation-level rows around it:

    A  unit A of the organisation "Matriskommun"
    B  unit B of the same organisation
    X  unit X of another organisation
    P  a person with protected identity in unit A, granted to `manager` only

Who sees what is written out by hand below (VISIBLE and friends): it is the specification the
matrix checks the application against, so it must never be computed with `visible_to`.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from tests.helpers import member

SETS = ("A", "B", "X", "P")
UNIT_OF_SET = {"A": "A", "B": "B", "X": "X", "P": "A"}

PERSONAS = (
    "anonymous",
    "staff_a",
    "staff_b",
    "manager",
    "outsider",
    "admin_user",
    "superuser",
    "integration_ro",
    "integration_rw",
)
SESSION_PERSONAS = ("staff_a", "staff_b", "manager", "outsider", "admin_user", "superuser")
TOKEN_PERSONAS = ("integration_ro", "integration_rw")
READ_ONLY_TOKENS = ("integration_ro",)
ADMIN_STAFF = ("admin_user", "superuser")  # is_staff: may enter the Django admin

DESCRIPTION = {
    "anonymous": "not signed in",
    "staff_a": "care staff of unit A, no protected-identity grant",
    "staff_b": "care staff of unit B",
    "manager": "manager of units A and B, granted the protected person",
    "outsider": "manager of unit X in another organisation",
    "admin_user": "administrator of units A and B (is_staff)",
    "superuser": "superuser without memberships or grants",
    "integration_ro": "integration, read-only token, manager role in unit A",
    "integration_rw": "integration, read-write token narrowed to unit A (member of A and B)",
}

# --- the specification ------------------------------------------------------------------------

# Which sets' people (and their records) each persona may see.
VISIBLE = {
    "anonymous": set(),
    "staff_a": {"A"},  # P is in unit A, but staff_a holds no grant
    "staff_b": {"B"},
    "manager": {"A", "B", "P"},
    "outsider": {"X"},
    "admin_user": {"A", "B"},
    "superuser": {"A", "B", "X"},  # not even a superuser sees P without a grant
    "integration_ro": {"A"},
    "integration_rw": {"A"},  # member of B too, but the token is narrowed to unit A
}
# The role each persona holds in the unit of each set (superusers pass every role check).
ROLES = {
    "anonymous": {},
    "staff_a": {"A": "care_staff", "P": "care_staff"},
    "staff_b": {"B": "care_staff"},
    "manager": {"A": "manager", "B": "manager", "P": "manager"},
    "outsider": {"X": "manager"},
    "admin_user": {"A": "administrator", "B": "administrator", "P": "administrator"},
    "superuser": {},
    "integration_ro": {"A": "manager", "P": "manager"},
    "integration_rw": {"A": "manager", "B": "manager", "P": "manager"},
}
# Units (by set name) each persona may name in a request: their memberships, narrowed by the
# token's units.
UNITS_IN_SCOPE = {
    "anonymous": set(),
    "staff_a": {"A"},
    "staff_b": {"B"},
    "manager": {"A", "B"},
    "outsider": {"X"},
    "admin_user": {"A", "B"},
    "superuser": {"A", "B", "X"},
    "integration_ro": {"A"},
    "integration_rw": {"A"},
}
# Units each persona manages (the managers' overview, the review queue).
MANAGES = {
    "manager": {"A", "B"},
    "outsider": {"X"},
    "superuser": {"A", "B", "X"},
    "integration_ro": {"A"},
    "integration_rw": {"A", "B"},
}
# Organisation-level rows in the admin: units of the organisations a persona administers.
ADMINISTERS = {"admin_user": {"A", "B"}, "superuser": {"A", "B", "X"}}
# Units whose access log a persona reviews (managers: their units; administrators: their
# organisations' units). Only pages: integrations never reach them.
REVIEWS = {
    "manager": {"A", "B"},
    "outsider": {"X"},
    "admin_user": {"A", "B"},
    "superuser": {"A", "B", "X"},
}
GRANTED = {"manager"}


def is_superuser(persona: str) -> bool:
    return persona == "superuser"


def has_role(persona: str, set_name: str, roles) -> bool:
    return is_superuser(persona) or ROLES[persona].get(set_name) in roles


def has_role_anywhere(persona: str, roles) -> bool:
    return is_superuser(persona) or any(role in roles for role in ROLES[persona].values())


def position(persona: str, set_name: str) -> str:
    """The object's position relative to the persona, for the report."""
    if set_name == "P":
        granted = persona in GRANTED
        return "protected person, " + ("granted" if granted else "no grant")
    if persona == "superuser":
        return f"unit {set_name} (superuser, no membership)"
    if persona == "anonymous":
        return f"unit {set_name}"
    homes = set(ROLES[persona])
    if set_name in homes and set_name not in UNITS_IN_SCOPE[persona]:
        return "own unit, outside the token's units"
    if set_name in homes:
        return "own unit"
    if set_name in ("A", "B") and homes & {"A", "B"}:
        return "other unit, same organisation"
    return "other organisation"


# --- building ---------------------------------------------------------------------------------

NAMES = {
    "A": ("Agda", "Alfamatrisdottir"),
    "B": ("Berit", "Bravomatrisdottir"),
    "X": ("Xenia", "Xraymatrisdottir"),
    "P": ("Palle", "Papamatrisson"),
}

STATUS_FIELDS = {
    "proposed": {},
    "accepted": {},
    "trial": {
        "trial_start": dt.date(2026, 1, 1),
        "trial_end": dt.date(2026, 2, 1),
        "started_on": dt.date(2026, 1, 1),
    },
    "active": {"started_on": dt.date(2026, 1, 1)},
}


def _token(user, *, read_only=False, units=()):
    from apps.accounts.models import ApiToken

    token, raw = ApiToken.objects.create(
        user=user, name=f"matrix {user.username}", read_only=read_only
    )
    if units:
        token.units.set(units)
    return token, raw


def _records(name, unit, *, protected, staff, responsible, technology, life_area):
    from apps.plans.snapshot import build_snapshot
    from tests import factories as f

    given, family = NAMES[name]
    recipient = f.CareRecipientFactory(
        unit=unit, given_name=given, family_name=family, protected_identity=protected
    )
    contact = f.ContactFactory(recipient=recipient, name=f"Kontakt {family}")
    conversation = f.ConversationFactory(recipient=recipient, held_by=staff)
    answer = f.AnswerFactory(conversation=conversation, life_area=life_area)
    goal = f.GoalFactory(recipient=recipient, answers=[answer])
    interventions = {
        status: f.InterventionFactory(
            recipient=recipient,
            technology=technology,
            serves_answers=[answer],
            status=status,
            title=f"Insats {status}",
            **fields,
        )
        for status, fields in STATUS_FIELDS.items()
    }
    consent = f.ConsentFactory(intervention=interventions["active"], recorded_by=staff)
    assessment = f.AssessmentFactory(intervention=interventions["trial"], assessor=staff)
    followup = f.FollowUpFactory(
        intervention=interventions["active"],
        responsible=responsible,
        due_date=timezone.localdate() - dt.timedelta(days=3),  # overdue: named in overviews
    )
    plan = f.CarePlanFactory(recipient=recipient)
    now = timezone.now()
    approved = f.CarePlanVersionFactory(
        plan=plan,
        number=1,
        status="approved",
        snapshot=build_snapshot(recipient),
        submitted_by=staff,
        submitted_at=now,
        reviewed_by=staff,
        reviewed_at=now,
    )
    submitted = f.CarePlanVersionFactory(
        plan=plan, number=2, status="submitted", submitted_by=staff, submitted_at=now
    )
    return SimpleNamespace(
        name=name,
        recipient=recipient,
        contact=contact,
        conversation=conversation,
        answer=answer,
        goal=goal,
        intervention=interventions["proposed"],
        intervention_accepted=interventions["accepted"],
        intervention_trial=interventions["trial"],
        intervention_active=interventions["active"],
        consent=consent,
        assessment=assessment,
        followup=followup,
        plan_approved=approved,
        plan_submitted=submitted,
    )


def _access_log_rows(sets, staff_of, users):
    """Reads to review: each unit's staff read their own person; staff_a was refused P."""
    from apps.audit.models import AccessLog

    def row(user, object_set, outcome="allowed"):
        recipient = object_set.recipient
        return AccessLog.objects.create(
            user=user,
            recipient_id=recipient.pk,
            unit_id=recipient.unit_id,
            channel="web",
            outcome=outcome,
            what="recipients:detail",
            method="GET",
            path=f"/omsorgstagare/{recipient.pk}/",
        )

    for name in ("A", "B", "X"):
        sets[name].log = row(staff_of[name], sets[name])
        sets[name].log_review = _log_review(sets[name].recipient.unit, users["manager"])
    sets["P"].log = row(users["manager"], sets["P"])
    row(users["staff_a"], sets["P"], outcome="denied")


def _log_review(unit, reviewer):
    from apps.audit.models import LogReview

    today = timezone.localdate()
    return LogReview.objects.create(
        unit=unit,
        reviewer=reviewer,
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        method="sample",
        scope="Stickprov",
        accesses_checked=10,
        finding="no_remarks",
    )


def build_world() -> SimpleNamespace:
    from apps.organisations.choices import Role
    from tests import factories as f

    org = f.OrganisationFactory(name="Matriskommun")
    other_org = f.OrganisationFactory(name="Annan matriskommun")
    units = {
        "A": f.UnitFactory(organisation=org, name="Matrisenhet A"),
        "B": f.UnitFactory(organisation=org, name="Matrisenhet B"),
        "X": f.UnitFactory(organisation=other_org, name="Matrisenhet X"),
    }
    a, b, x = units["A"], units["B"], units["X"]
    users = {
        "staff_a": member("mx_staff_a", (a, Role.CARE_STAFF)),
        "staff_b": member("mx_staff_b", (b, Role.CARE_STAFF)),
        "manager": member("mx_manager", (a, Role.MANAGER), (b, Role.MANAGER)),
        "outsider": member("mx_outsider", (x, Role.MANAGER)),
        "admin_user": member(
            "mx_admin", (a, Role.ADMINISTRATOR), (b, Role.ADMINISTRATOR), is_staff=True
        ),
        "superuser": member("mx_root", is_staff=True, is_superuser=True),
        "integration_ro": member("mx_integ_ro", (a, Role.MANAGER), is_integration=True),
        "integration_rw": member(
            "mx_integ_rw", (a, Role.MANAGER), (b, Role.MANAGER), is_integration=True
        ),
    }
    raw_tokens = {
        "integration_ro": _token(users["integration_ro"], read_only=True)[1],
        "integration_rw": _token(users["integration_rw"], units=[a])[1],
    }
    # Organisation-level rows per set for the admin: a user, their membership and a token.
    integ_b = member("mx_integ_b", (b, Role.MANAGER), is_integration=True)
    integ_x = member("mx_integ_x", (x, Role.MANAGER), is_integration=True)
    org_rows = {
        "A": (org, users["staff_a"], _token(users["integration_ro"])[0]),
        "B": (org, users["staff_b"], _token(integ_b)[0]),
        "X": (other_org, users["outsider"], _token(integ_x)[0]),
    }

    technology = f.TechnologyFactory(code="matrix-tech", requires_consent=False)
    life_area = f.LifeAreaFactory(code="sleep")
    staff_of = {"A": users["staff_a"], "B": users["staff_b"], "X": users["outsider"]}
    sets = {}
    for name in SETS:
        unit = units[UNIT_OF_SET[name]]
        staff = staff_of[UNIT_OF_SET[name]]
        sets[name] = _records(
            name,
            unit,
            protected=name == "P",
            staff=staff,
            # staff_a is responsible for P's follow-up without being granted P: "my
            # follow-ups" must still not name P.
            responsible=staff,
            technology=technology,
            life_area=life_area,
        )
        s = sets[name]
        s.unit = unit
        s.staff = staff
        if name in org_rows:
            s.organisation, s.user, s.token = org_rows[name]
            s.membership = s.user.memberships.get(unit=unit)
    _access_log_rows(sets, staff_of, users)
    grant = f.ProtectedIdentityGrantFactory(recipient=sets["P"].recipient, user=users["manager"])
    sets["P"].grant = grant
    for name in ("A", "B", "X"):
        # A grant row per unit, for the grant admin's positions.
        sets[name].grant = f.ProtectedIdentityGrantFactory(
            recipient=sets[name].recipient, user=staff_of[name]
        )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # A device for the otp admin's extra routes, of a user who is no persona (a persona with
    # a device would be sent to the second-factor page at sign-in).
    device_owner = member("mx_device_owner", (a, Role.CARE_STAFF))
    totp_device = TOTPDevice.objects.create(user=device_owner, name="matrix", confirmed=True)
    return SimpleNamespace(
        totp_device=totp_device,
        new_personal_number=f.make_test_number,
        units=units,
        users=users,
        raw_tokens=raw_tokens,
        sets=sets,
        technology=technology,
        life_area=life_area,
    )


def make_clients(world) -> dict:
    from rest_framework.test import APIClient

    clients = {}
    for persona in PERSONAS:
        client = APIClient()
        if persona in SESSION_PERSONAS:
            client.force_login(world.users[persona])
        elif persona in TOKEN_PERSONAS:
            client.credentials(HTTP_AUTHORIZATION=f"Token {world.raw_tokens[persona]}")
        clients[persona] = client
    return clients


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world and one client per persona, in a transaction rolled back after the module
    (the tests are marked django_db, so that this is the test database).
    Each request of the matrix runs in its own savepoint, also rolled back, so that no request
    changes what the next one sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.clients = make_clients(world)
        yield world
        transaction.set_rollback(True)
