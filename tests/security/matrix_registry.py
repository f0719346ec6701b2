"""What every route of the product may do, for whom: the registry the authorization matrix
checks. A route found in the URL configuration or the OpenAPI schema that is not listed here
fails the suite (tests/security/test_authorization_matrix.py) until someone lists it.

Roles are written out as strings on purpose (not imported from the app), so that widening a
role set in the code shows up here as a failing expectation instead of being followed silently.

Each entry says which object the route is about (an attribute of an object set in
matrix_world: "recipient", "intervention_trial", "plan_submitted"...), which roles in that
object's unit may use it, and for writes a body that would succeed for an allowed persona.
URL kwargs `pk` / `recipient_pk` (and the schema's `{id}`) are filled with that object's id.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

CARE = frozenset({"care_staff", "assessor", "licensed_professional", "manager"})
DECIDERS = frozenset({"assessor", "licensed_professional", "manager"})
ASSESSORS = frozenset({"licensed_professional"})
REVIEWERS = frozenset({"manager"})
RECIPIENT_EDITORS = frozenset({"assessor", "manager", "administrator"})
LOG_REVIEWERS = frozenset({"manager", "administrator"})
EXTRACT_MAKERS = frozenset({"administrator"})
PERSON_SETS = ("A", "B", "X", "P")
UNIT_SETS = ("A", "B", "X")  # P is a person in unit A: as a unit it is A again


@dataclass(frozen=True)
class Route:
    # The object (attribute of an object set) in the URL, the body (`ref`) or the query.
    obj: str | None = None
    # Roles needed in the object's unit (None: seeing the object is enough).
    roles: frozenset | None = None
    # Roles needed in at least one unit before anything else is looked at (403 otherwise).
    gate: frozenset | None = None
    method: str = "get"
    # (world, object set or None) -> the request data.
    body: Callable | None = None
    # Reachable without signing in.
    public: bool = False
    # A create: the body names the object in this field; out of scope → 400 naming it (or 404).
    ref: str | None = None
    # Query parameter naming the object (the managers' overview's unit).
    query: str | None = None
    # Who "sees" the object: "person" (VISIBLE), "unit" (UNITS_IN_SCOPE), "managed" (MANAGES),
    # "review" (REVIEWS: the units whose access log the persona reviews).
    scope: str = "person"
    # The positions tried; None = one request without an object.
    sets: tuple = PERSON_SETS
    # Unsafe method that a read-only token may still use (a search).
    read_only_ok: bool = False
    # Send If-Match with the object's version (PATCH requires it).
    if_match: bool = False
    # A search: the set's person must appear for personas who see them.
    search: bool = False
    # A list: the records (attribute of each set) that must appear for personas who see them.
    shows: str | None = None
    # The page shows record ids of people it does not name, by design (the access log).
    # Names and personal identity numbers are checked all the same.
    ids_ok: bool = False
    # Success is itself a redirect to the login page (signing out).
    login_ok: bool = False


def fixed(**kwargs) -> Route:
    return Route(sets=(None,), **kwargs)


def today(days=0) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def now(hours=0) -> str:
    return (timezone.now() + dt.timedelta(hours=hours)).isoformat()


# --- pages (and the non-schema routes of the API) -------------------------------------------

PAGES: dict[str, Route] = {
    "home": fixed(),
    "healthz": fixed(public=True),
    "set_language": fixed(public=True, method="post", body=lambda w, s: {"language": "sv"}),
    "accounts:login": fixed(public=True),
    "accounts:logout": fixed(public=True, login_ok=True, method="post", body=lambda w, s: {}),
    "accounts:logout-everywhere": fixed(login_ok=True, method="post", body=lambda w, s: {}),
    "accounts:account": fixed(),
    "accounts:mfa-verify": fixed(),
    "accounts:mfa-setup": fixed(),
    # Plain list, then a search by each set's family name (POST, so names stay out of URLs).
    "recipients:list": Route(
        obj="recipient",
        method="post",
        body=lambda w, s: {"q": s.recipient.family_name} if s else {},
        search=True,
        sets=(None, *PERSON_SETS),
    ),
    "recipients:create": fixed(gate=RECIPIENT_EDITORS),
    "recipients:detail": Route(obj="recipient"),
    "recipients:update": Route(obj="recipient", roles=RECIPIENT_EDITORS),
    "insights:overview": Route(
        obj="unit", query="unit", scope="managed", gate=REVIEWERS, sets=(None, *UNIT_SETS)
    ),
    "whatmatters:conversation-create": Route(obj="recipient", roles=CARE),
    "whatmatters:goal-create": Route(obj="recipient", roles=CARE),
    "whatmatters:goal-update": Route(obj="goal", roles=CARE),
    "whatmatters:answer-supersede": Route(obj="answer", roles=CARE),
    "interventions:propose": Route(obj="recipient", roles=DECIDERS),
    "interventions:detail": Route(obj="intervention"),
    "interventions:accept": Route(obj="intervention", roles=DECIDERS),
    "interventions:decline": Route(obj="intervention", roles=DECIDERS),
    "interventions:start-trial": Route(obj="intervention_accepted", roles=DECIDERS),
    "interventions:evaluate": Route(obj="intervention_trial", roles=DECIDERS),
    "interventions:start": Route(obj="intervention_accepted", roles=DECIDERS),
    "interventions:end": Route(obj="intervention_active", roles=DECIDERS),
    "interventions:consent-create": Route(obj="intervention", roles=CARE),
    "interventions:consent-withdraw": Route(obj="consent", roles=CARE),
    "assessments:record": Route(obj="intervention_trial", roles=ASSESSORS),
    "followups:mine": fixed(),
    "followups:schedule": Route(obj="recipient", roles=CARE),
    "followups:complete": Route(obj="followup", roles=CARE),
    "plans:recipient": Route(obj="recipient"),
    "plans:start": Route(obj="recipient", roles=CARE, method="post", body=lambda w, s: {}),
    "plans:print": Route(obj="recipient"),
    "plans:print-pdf": Route(obj="recipient"),
    "plans:review-list": fixed(gate=REVIEWERS),
    "plans:version": Route(obj="plan_submitted"),
    "plans:update-summary": Route(
        obj="plan_submitted",
        roles=CARE,
        method="post",
        body=lambda w, s: {"summary": "Ny klartext.", "row_version": s.plan_submitted.version},
    ),
    "plans:submit": Route(
        obj="plan_submitted",
        roles=CARE,
        method="post",
        body=lambda w, s: {"row_version": s.plan_submitted.version},
    ),
    "plans:approve": Route(
        obj="plan_submitted",
        roles=REVIEWERS,
        method="post",
        body=lambda w, s: {
            "approve-row_version": s.plan_submitted.version,
            "approve-content": "",
            "approve-comment": "",
        },
    ),
    "plans:return": Route(
        obj="plan_submitted",
        roles=REVIEWERS,
        method="post",
        body=lambda w, s: {
            "return-row_version": s.plan_submitted.version,
            "return-comment": "Komplettera målen.",
        },
    ),
    # The access-log review: managers and administrators, for their units' rows. People it
    # may not name appear by id only.
    "audit:review": fixed(gate=LOG_REVIEWERS, ids_ok=True),
    "audit:export": fixed(gate=LOG_REVIEWERS, ids_ok=True),
    "audit:by-recipient": Route(obj="recipient", gate=LOG_REVIEWERS, ids_ok=True),
    "audit:by-user": Route(
        obj="user", gate=LOG_REVIEWERS, scope="review", sets=UNIT_SETS, ids_ok=True
    ),
    # Documented log checks: units and reviewers, no person (tests/audit/test_log_checks.py).
    "audit:checks": fixed(gate=LOG_REVIEWERS),
    "audit:sample": fixed(gate=LOG_REVIEWERS, ids_ok=True),
    "audit:check-create": fixed(gate=LOG_REVIEWERS),
    # Change history (anyone who sees the person) and the register extract (administrators).
    "privacy:recipient-history": Route(obj="recipient"),
    "privacy:extract": Route(obj="recipient", roles=EXTRACT_MAKERS),
    "privacy:extract-print": Route(obj="recipient", roles=EXTRACT_MAKERS),
    "privacy:extract-json": Route(obj="recipient", roles=EXTRACT_MAKERS),
    # The API routes that are not operations of the schema.
    "api:api-root": fixed(),
    "api:schema": fixed(public=True),
    "api:docs": fixed(public=True),
}

# API operations, by operationId: matrix_api_registry.API.

# --- the Django admin: one group, rules per registered model ---------------------------------


@dataclass(frozen=True)
class AdminModel:
    # Attribute of an object set for the model's object routes (None: no object of ours).
    obj: str | None
    # Which rows an admin persona finds: "person" (VISIBLE), "unit" (ADMINISTERS, by the set's
    # unit), "global" (everyone's: the catalogue), "none" (Django permissions only).
    scope: str
    sets: tuple = PERSON_SETS
    ids_ok: bool = False


ADMIN_MODELS: dict[str, AdminModel] = {
    "auth.group": AdminModel(None, "none"),
    "axes.accessattempt": AdminModel(None, "none"),
    "axes.accesslog": AdminModel(None, "none"),
    "axes.accessfailurelog": AdminModel(None, "none"),
    "otp_totp.totpdevice": AdminModel(None, "none"),
    "otp_static.staticdevice": AdminModel(None, "none"),
    "django_tasks_database.dbtaskresult": AdminModel(None, "none"),
    "organisations.organisation": AdminModel("organisation", "unit", UNIT_SETS),
    "organisations.unit": AdminModel("unit", "unit", UNIT_SETS),
    "organisations.membership": AdminModel("membership", "unit", UNIT_SETS),
    "accounts.user": AdminModel("user", "unit", UNIT_SETS),
    "accounts.apitoken": AdminModel("token", "unit", UNIT_SETS),
    "catalogue.lifearea": AdminModel("life_area", "global", (None,)),
    "catalogue.technology": AdminModel("technology", "global", (None,)),
    "recipients.carerecipient": AdminModel("recipient", "person"),
    # Administrators manage grants (also for people they do not see): ids, never names.
    "recipients.protectedidentitygrant": AdminModel("grant", "unit", ids_ok=True),
    # The raw access log: ids only, by design.
    "audit.accesslog": AdminModel("log", "unit", ids_ok=True),
    "audit.logreview": AdminModel("log_review", "unit", UNIT_SETS),
    "whatmatters.conversation": AdminModel("conversation", "person"),
    "whatmatters.answer": AdminModel("answer", "person"),
    "whatmatters.goal": AdminModel("goal", "person"),
    "interventions.intervention": AdminModel("intervention", "person"),
    "interventions.consent": AdminModel("consent", "person"),
    "assessments.assessment": AdminModel("assessment", "person"),
    "followups.followup": AdminModel("followup", "person"),
    "plans.careplanversion": AdminModel("plan_submitted", "person"),
}

# Per-model admin routes: admin:<app>_<model>_<action>.
ADMIN_MODEL_ACTIONS = ("changelist", "add", "change", "history", "delete", "simple_history")
ADMIN_OBJECT_ACTIONS = ("change", "history", "delete", "simple_history")
# The admin site's own routes, and the extra routes some model admins add.
ADMIN_SITE_ROUTES = {
    "admin:index": "site",
    "admin:login": "login",
    "admin:logout": "logout",
    "admin:password_change": "site",
    "admin:password_change_done": "site",
    "admin:autocomplete": "site",
    "admin:jsi18n": "site",
    "admin:app_list": "app_list",
    "admin:view_on_site": "view_on_site",
    "admin:auth_user_password_change": "user_password",
    "admin:otp_totp_totpdevice_config": "device",
    "admin:otp_totp_totpdevice_qrcode": "device",
}
