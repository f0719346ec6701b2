"""Read-only figures for unit managers (enhetschef), across the units they manage.

Who is counted: the care recipients the user may see (`CareRecipient.objects.visible_to`,
so a protected identity only with a grant) AND who belong to a unit the user manages (a
superuser: every unit). Seeing a unit is not enough; managing it is.

Every function runs a fixed number of SQL queries whatever the amount of data: counting,
summing and averaging happen in the database, and Python only reshapes the handful of
aggregated rows (one per technology, status or unit).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, DecimalField, Exists, F, Min, OuterRef, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core.exceptions import PermissionDeniedError
from apps.followups.choices import FollowUpStatus, StillMatters
from apps.followups.models import FollowUp
from apps.interventions.choices import InterventionStatus
from apps.interventions.models import Intervention
from apps.organisations.models import Unit
from apps.plans.choices import PlanVersionStatus
from apps.plans.models import CarePlanVersion
from apps.recipients.choices import RecipientStatus
from apps.recipients.models import CareRecipient
from apps.whatmatters.choices import AnswerStatus
from apps.whatmatters.models import Answer

# Below this many answers a share or an average is shown as "–": too few to read anything into.
MIN_ANSWERS = 3
OVERDUE_LIST_LENGTH = 10
IN_PERSON = "in_person"  # the row key of interventions without a technology


@dataclass(frozen=True)
class InsightScope:
    """The units the figures cover (`units`: all managed ones, or the one chosen)."""

    user: Any
    managed: tuple[Unit, ...]
    units: tuple[Unit, ...]
    unit: Unit | None = None

    @property
    def unit_ids(self) -> list:
        return [unit.pk for unit in self.units]

    def recipients(self):
        """Every recipient in scope, whatever their status (an unevaluated queryset, used as
        a subquery by the selectors below)."""
        return CareRecipient.objects.visible_to(self.user).filter(unit_id__in=self.unit_ids)


def managed_units(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.managed_by(user)


def insight_scope(*, user, unit_id=None) -> InsightScope:
    """One query. PermissionDeniedError when the user manages no unit; Http404 when
    `unit_id` is given but is not one of the units the user manages."""
    managed = tuple(
        managed_units(user).select_related("organisation").order_by("organisation__name", "name")
    )
    if not managed:
        raise PermissionDeniedError(
            _("Översikten är till för enhetschefer. Du är inte chef för någon enhet."),
            code="not_a_manager",
        )
    if not unit_id:
        return InsightScope(user=user, managed=managed, units=managed)
    chosen = next((unit for unit in managed if str(unit.pk) == str(unit_id)), None)
    if chosen is None:
        raise Http404("unit not managed by the user")
    return InsightScope(user=user, managed=managed, units=(chosen,), unit=chosen)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _one_year_before(moment: dt.datetime) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def _technology_label(name_sv: str | None, name_en: str | None) -> str:
    if name_sv is None:
        return _("Personligt stöd")
    return name_en if (get_language() or "sv").startswith("en") else name_sv


def _sorted_by_technology(rows: list[dict]) -> list[dict]:
    """Technologies alphabetically, in-person support last."""
    return sorted(rows, key=lambda row: (row["key"] == IN_PERSON, row["label"].casefold()))


TECHNOLOGY_FIELDS = ("technology_id", "technology__name_sv", "technology__name_en")


def _technology_row(values: dict, prefix: str = "") -> dict:
    tech_id = values[f"{prefix}technology_id"]
    return {
        "key": str(tech_id) if tech_id else IN_PERSON,
        "label": _technology_label(
            values[f"{prefix}technology__name_sv"], values[f"{prefix}technology__name_en"]
        ),
    }


# --- the figures -----------------------------------------------------------------------------


def conversation_coverage(scope: InsightScope, *, now: dt.datetime | None = None) -> dict:
    """Active recipients, and how many of them had a what-matters conversation in the last
    12 months that still has at least one current answer. One query."""
    since = _one_year_before(now or timezone.now())
    current_answer = Answer.objects.filter(
        recipient=OuterRef("pk"),
        status=AnswerStatus.CURRENT,
        conversation__held_at__gte=since,
    )
    totals = (
        scope.recipients()
        .filter(status=RecipientStatus.ACTIVE)
        .aggregate(
            recipients=Count("id"),
            with_conversation=Count("id", filter=Q(Exists(current_answer))),
        )
    )
    return {**totals, "share": _share(totals["with_conversation"], totals["recipients"])}


OVERDUE_FIELDS = (
    "id",
    "due_date",
    "recipient__id",
    "recipient__given_name",
    "recipient__family_name",
    "recipient__protected_identity",
    "responsible__id",
    "responsible__username",
    "responsible__first_name",
    "responsible__last_name",
)


def overdue_followups(scope: InsightScope, *, today: dt.date | None = None) -> dict:
    """Scheduled follow-ups past their due date: how many, and the oldest few. Two queries."""
    today = today or timezone.localdate()
    overdue = FollowUp.objects.filter(
        recipient__in=scope.recipients(), status=FollowUpStatus.SCHEDULED, due_date__lt=today
    )
    oldest = list(
        overdue.select_related("recipient", "responsible")
        .only(*OVERDUE_FIELDS)
        .order_by("due_date", "id")[:OVERDUE_LIST_LENGTH]
    )
    for follow_up in oldest:
        follow_up.days_overdue = (today - follow_up.due_date).days
    return {"count": overdue.count(), "oldest": oldest}


def interventions_by_technology(scope: InsightScope) -> dict:
    """Interventions per technology (in-person support as its own row) and status. One query."""
    counted = (
        Intervention.objects.filter(recipient__in=scope.recipients())
        .values(*TECHNOLOGY_FIELDS, "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    statuses = list(InterventionStatus.choices)
    position = {value: i for i, (value, _label) in enumerate(statuses)}
    rows: dict[str, dict] = {}
    for values in counted:
        row = _technology_row(values)
        row = rows.setdefault(row["key"], {**row, "counts": [0] * len(statuses)})
        row["counts"][position[values["status"]]] = values["n"]
    ordered = _sorted_by_technology(list(rows.values()))
    labels = [label for _value, label in statuses]
    for row in ordered:
        row["total"] = sum(row["counts"])
        row["cells"] = _cells(labels, row["counts"])
    totals = [sum(row["counts"][i] for row in ordered) for i in range(len(statuses))]
    return {
        "statuses": statuses,
        "rows": ordered,
        "totals": totals,
        "total_cells": _cells(labels, totals),
        "total": sum(totals),
    }


def _cells(labels: list, counts: list[int]) -> list[dict]:
    return [{"label": label, "count": count} for label, count in zip(labels, counts, strict=True)]


def technology_outcomes(scope: InsightScope) -> list[dict]:
    """Per technology (and in-person support), over completed follow-ups of interventions:

    - whether what the intervention serves still matters to the person: yes / partly / no,
      as shares of the follow-ups that answered (`answers`);
    - the average change in the person's own 0–10 rating: the follow-up's rating minus the
      served answer's rating at the start, over every (follow-up, served answer) pair where
      both ratings exist; `rated` is the number of follow-ups behind it.

    Shares and averages are None below MIN_ANSWERS. One query.
    """
    served_rating = "intervention__serves_answers__performance"
    both_rated = Q(performance__isnull=False, **{f"{served_rating}__isnull": False})
    prefix = "intervention__"
    counted = (
        FollowUp.objects.filter(
            recipient__in=scope.recipients(),
            status=FollowUpStatus.DONE,
            intervention__isnull=False,
        )
        .values(*(prefix + name for name in TECHNOLOGY_FIELDS))
        .annotate(
            # The join over served answers repeats a follow-up once per answer: count distinct.
            answers=Count("id", distinct=True, filter=~Q(still_matters="")),
            yes=Count("id", distinct=True, filter=Q(still_matters=StillMatters.YES)),
            partly=Count("id", distinct=True, filter=Q(still_matters=StillMatters.PARTLY)),
            no=Count("id", distinct=True, filter=Q(still_matters=StillMatters.NO)),
            rated=Count("id", distinct=True, filter=both_rated),
            change=Avg(F("performance") - F(served_rating), filter=both_rated),
        )
        .order_by()
    )
    rows = []
    for values in counted:
        answers, rated = values["answers"], values["rated"]
        enough, enough_rated = answers >= MIN_ANSWERS, rated >= MIN_ANSWERS
        rows.append(
            {
                **_technology_row(values, prefix),
                "answers": answers,
                "yes": values["yes"],
                "partly": values["partly"],
                "no": values["no"],
                "yes_share": _share(values["yes"], answers) if enough else None,
                "partly_share": _share(values["partly"], answers) if enough else None,
                "no_share": _share(values["no"], answers) if enough else None,
                "rated": rated,
                "change": float(values["change"]) if enough_rated else None,
            }
        )
    return _sorted_by_technology(rows)


HOURS = Decimal("0.1")


def replaced_visits(scope: InsightScope) -> dict:
    """In-person visits replaced per week by active interventions, and the staff hours per
    week that frees (visits × the technology's visit length), per unit and in total. Visits
    whose length is unknown (no technology, or none given in the catalogue) are counted as
    visits but free no hours; `visits_without_length` says how many. One query."""
    visits = "visits_replaced_per_week"
    summed = (
        Intervention.objects.filter(
            recipient__in=scope.recipients(), status=InterventionStatus.ACTIVE
        )
        .values("recipient__unit_id")
        .annotate(
            visits=Sum(visits),
            minutes=Sum(
                F(visits) * F("technology__replaced_visit_minutes"),
                output_field=DecimalField(max_digits=12, decimal_places=1),
            ),
            visits_without_length=Sum(
                visits, filter=Q(technology__replaced_visit_minutes__isnull=True)
            ),
        )
        .order_by()
    )
    by_unit = {values["recipient__unit_id"]: values for values in summed}
    units = []
    for unit in scope.units:
        values = by_unit.get(unit.pk, {})
        units.append(
            _visits_row(
                unit=unit,
                visits=values.get("visits"),
                minutes=values.get("minutes"),
                without_length=values.get("visits_without_length"),
            )
        )
    total = _visits_row(
        unit=None,
        visits=sum(row["visits"] for row in units),
        minutes=sum(row["minutes"] for row in units),
        without_length=sum(row["visits_without_length"] for row in units),
    )
    return {"units": units, "total": total}


def _visits_row(*, unit, visits, minutes, without_length) -> dict:
    visits = Decimal(visits or 0)
    minutes = Decimal(minutes or 0)
    return {
        "unit": unit,
        "visits": visits,
        "minutes": minutes,
        "hours": (minutes / 60).quantize(HOURS, rounding=ROUND_HALF_UP),
        "visits_without_length": Decimal(without_length or 0),
    }


def plans_waiting_for_review(scope: InsightScope) -> dict:
    """Care plan versions submitted and waiting for a manager. One query."""
    return CarePlanVersion.objects.filter(
        plan__recipient__in=scope.recipients(), status=PlanVersionStatus.SUBMITTED
    ).aggregate(count=Count("id"), oldest_submitted_at=Min("submitted_at"))


def unit_overview(
    scope: InsightScope, *, today: dt.date | None = None, now: dt.datetime | None = None
) -> dict:
    """Everything the overview page shows: eight queries after the scope's one."""
    return {
        "coverage": conversation_coverage(scope, now=now),
        "overdue": overdue_followups(scope, today=today),
        "interventions": interventions_by_technology(scope),
        "outcomes": technology_outcomes(scope),
        "visits": replaced_visits(scope),
        "plans": plans_waiting_for_review(scope),
    }
