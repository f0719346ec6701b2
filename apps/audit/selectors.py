"""Reads for the log review (loggranskning): which log rows a reviewer may see, and whose
identity those rows may show.

Who reviews (`review_scope`): a unit manager the units they manage; an administrator
(systemförvaltare) every unit of their organisation(s); a superuser everything. Anyone else
is refused. A reviewer sees the rows about the care recipients of those units (the unit the
row was written with, or the unit the person belongs to now) and every row of the users who
are members of those units.

Whose identity a row shows (`identities`): name and personal identity number only of a
person in the reviewer's units, and of a person with protected identity only to a reviewer
granted that person (as everywhere else, not even a superuser without a grant). Otherwise the
row stays, with "Skyddad identitet" or "utanför dina enheter" in place of the person: the
access is never hidden, only who it was about.

Denied rows are no existence oracle. A refused lookup (404) is logged with the id that was
tried, whether or not such a person exists. A reviewer learns that a person outside their
scope (another unit's, another organisation's, or protected without a grant) exists, and where
they belong, only from an access that happened (an allowed row the reviewer may see, e.g. a
read through a grant). When the reviewer's rows about an id are all denied, the id shows
exactly as an id that belongs to no one (UNKNOWN: no name, no unit, no link to a page of its
own beyond the one any id with rows has), on every page, in the export, the sample and the
counts. A reviewer of the person's own units sees the denied row with the person, as any row
about their people: someone tried to read them.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Mod
from django.http import Http404

from apps.audit.choices import Outcome
from apps.audit.models import AccessLog, LogReview
from apps.organisations.choices import Role
from apps.organisations.models import Membership, Unit
from apps.recipients.models import CareRecipient, ProtectedIdentityGrant


@dataclass(frozen=True)
class ReviewScope:
    user: Any
    everything: bool = False
    unit_ids: frozenset = field(default_factory=frozenset)

    def covers_unit(self, unit_id) -> bool:
        return self.everything or unit_id in self.unit_ids

    def rows(self) -> QuerySet:
        """Every log row this reviewer may see."""
        if self.everything:
            return AccessLog.objects.all()
        units = list(self.unit_ids)
        people_now = CareRecipient.objects.filter(unit_id__in=units).values("id")
        members = Membership.objects.filter(unit_id__in=units).values("user_id")
        return AccessLog.objects.filter(
            Q(unit_id__in=units) | Q(recipient_id__in=people_now) | Q(user_id__in=members)
        )


def review_scope(user) -> ReviewScope | None:
    """The reviewer's scope (one query), or None for a user who may not review logs."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return ReviewScope(user=user, everything=True)
    administered = Membership.objects.filter(user=user, role=Role.ADMINISTRATOR).values(
        "unit__organisation_id"
    )
    unit_ids = frozenset(
        Unit.objects.filter(
            Q(memberships__user=user, memberships__role=Role.MANAGER)
            | Q(organisation_id__in=administered)
        ).values_list("id", flat=True)
    )
    return ReviewScope(user=user, unit_ids=unit_ids) if unit_ids else None


# --- identities -------------------------------------------------------------------------------

SHOWN, PROTECTED, OTHER_UNIT, UNKNOWN, NONE = "shown", "protected", "other_unit", "unknown", "none"


@dataclass(frozen=True)
class Identity:
    recipient_id: Any
    status: str
    name: str = ""
    personal_number: str = ""
    unit_name: str = ""

    @property
    def shown(self) -> bool:
        return self.status == SHOWN


def identities(scope: ReviewScope, recipient_ids) -> dict:
    """{recipient id: Identity} for the ids (a list, or a queryset of ids): one query.

    An id the reviewer may not see, and has no allowed row about, is left out (and so is
    UNKNOWN, as an id of no one): see the module's note on denied rows."""
    granted = ProtectedIdentityGrant.objects.filter(user=scope.user, recipient=OuterRef("pk"))
    accessed = scope.rows().filter(recipient_id=OuterRef("pk"), outcome=Outcome.ALLOWED)
    people = (
        CareRecipient.objects.filter(id__in=recipient_ids)
        .select_related("unit")
        .only("given_name", "family_name", "personal_number", "protected_identity", "unit__name")
        .annotate(granted=Exists(granted), accessed=Exists(accessed))
    )
    found = {}
    for person in people:
        if person.protected_identity and not person.granted:
            status = PROTECTED
        elif scope.covers_unit(person.unit_id) or person.granted:
            status = SHOWN
        else:
            status = OTHER_UNIT
        if status != SHOWN and not person.accessed:
            continue  # only refused lookups: as an id of no one
        shown = status == SHOWN
        found[person.pk] = Identity(
            recipient_id=person.pk,
            status=status,
            name=person.full_name if shown else "",
            personal_number=person.personal_number if shown else "",
            unit_name=person.unit.name if status != PROTECTED else "",
        )
    return found


def identity_of(found: dict, recipient_id) -> Identity:
    if recipient_id is None:
        return Identity(recipient_id=None, status=NONE)
    return found.get(recipient_id) or Identity(recipient_id=recipient_id, status=UNKNOWN)


def shown_ids(found: dict) -> list:
    return [i.recipient_id for i in found.values() if i.shown]


# --- the review pages -------------------------------------------------------------------------


def with_token_names(rows: QuerySet) -> QuerySet:
    """The rows, each with `token_name`: the name of the API token it was made with, while the
    token exists (the row keeps only its key; a revoked token leaves the key alone). A subquery
    in the same SELECT, on knox's index on token_key: no query more, none per row."""
    from apps.accounts.models import ApiToken

    named = ApiToken.objects.filter(token_key=OuterRef("token_key")).exclude(token_key="")
    return rows.annotate(token_name=Subquery(named.order_by("-created").values("name")[:1]))


def _groups(rows: QuerySet, key: str, **distinct) -> QuerySet:
    """One row per `key`: how often, how many distinct others (`distinct`: name → field), how
    many outside the user's own units, how many denied, last when; the latest first."""
    return (
        rows.order_by()
        .values(key)
        .annotate(
            accesses=Count("id"),
            **{name: Count(field, distinct=True) for name, field in distinct.items()},
            outside=Count("id", filter=Q(outside_own_units=True)),
            denied=Count("id", filter=Q(outcome=Outcome.DENIED)),
            last_at=Max("at"),
        )
        .order_by("-last_at", key)
    )


def recipient_groups(rows: QuerySet) -> QuerySet:
    """One row per care recipient: how often, by how many users, last when."""
    return _groups(rows, "recipient_id", readers="user_id")


def user_groups(rows: QuerySet) -> QuerySet:
    """One row per user: how often, about how many care recipients, last when."""
    return _groups(rows, "user_id", recipients="recipient_id")


def users_by_id(user_ids) -> dict:
    from apps.accounts.models import User

    ids = [pk for pk in user_ids if pk is not None]
    users = User.objects.filter(id__in=ids).only("username", "first_name", "last_name")
    return {user.pk: user for user in users}


def recipient_for_review(scope: ReviewScope, pk) -> Identity:
    """The person whose log is reviewed, or 404: a protected person without a grant, or one
    the reviewer has neither in their units nor in any row they may see."""
    person = identity_of(identities(scope, [pk]), pk)
    if person.status == PROTECTED:
        raise Http404
    if person.shown or scope.rows().filter(recipient_id=pk).exists():
        return person
    raise Http404


def user_for_review(scope: ReviewScope, pk):
    """The user whose reads are reviewed, or 404: a member of the reviewer's units, or a user
    with rows the reviewer may see."""
    from apps.accounts.models import User

    member = Membership.objects.filter(user=OuterRef("pk"), unit_id__in=list(scope.unit_ids))
    user = User.objects.filter(pk=pk).annotate(in_scope=Exists(member)).first()
    if user is None:
        raise Http404
    if scope.everything or user.in_scope or scope.rows().filter(user_id=pk).exists():
        return user
    raise Http404


# --- documented checks (logguppföljning) -----------------------------------------------------


def review_units(scope: ReviewScope) -> QuerySet:
    """The units whose log this reviewer checks, each with the end of its last documented
    check (`last_checked`): one query."""
    units = Unit.objects.all() if scope.everything else Unit.objects.filter(id__in=scope.unit_ids)
    last = LogReview.objects.filter(unit=OuterRef("pk")).order_by("-period_end")
    return (
        units.select_related("organisation")
        .annotate(last_checked=Subquery(last.values("period_end")[:1]))
        .order_by("organisation__name", "name")
    )


def log_reviews(scope: ReviewScope) -> QuerySet:
    """The documented checks of this reviewer's units, newest period first."""
    reviews = LogReview.objects.select_related("unit", "reviewer")
    if not scope.everything:
        reviews = reviews.filter(unit_id__in=scope.unit_ids)
    return reviews.order_by("-period_end", "-created_at")


# --- samples (stickprov) ---------------------------------------------------------------------

# A seeded pseudo-random order that any database can compute from the id alone: the id times
# a multiplier, plus an offset, modulo a prime (both drawn from the seed). A different seed
# gives a different order; one seed always the same (the sample's address can be written into
# the documented check), and it cannot be guessed without it. The operands stay below 2**31,
# so the product fits a 64-bit integer on PostgreSQL and SQLite.
SAMPLE_MODULUS = 2_147_483_647  # 2**31 - 1, prime
# Spread the seeds over the whole range: a small multiplier would keep neighbouring ids together.
GOLDEN, LEHMER = 1_327_217_884, 48_271


def sample_rows(rows: QuerySet, *, seed: int, size: int) -> list:
    """`size` rows chosen in the order of `seed` (1 … 2**31 - 2), shown oldest first."""
    multiplier = seed * GOLDEN % SAMPLE_MODULUS or GOLDEN
    offset = seed * LEHMER % SAMPLE_MODULUS
    key = (Mod(F("id"), SAMPLE_MODULUS) * multiplier + offset) % SAMPLE_MODULUS
    chosen = rows.annotate(sample_key=key).order_by("sample_key", "id").select_related("user")
    chosen = with_token_names(chosen)
    return sorted(chosen[:size], key=lambda row: (row.at, row.id))
