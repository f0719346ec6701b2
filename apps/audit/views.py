"""The log review (loggranskning) for managers and administrators, and its CSV export.

Reading the log is itself a read of the people it names: each page notes the care recipients
whose identity it shows, and the export notes every person in it (channel export), before a
byte is sent (the middleware writes the log when the view returns).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from apps.audit.choices import Channel
from apps.audit.exports import csv_response
from apps.audit.filters import AccessLogFilterSet
from apps.audit.forms import (
    BY_USER,
    SAMPLE_SIZE,
    LogReviewForm,
    SampleForm,
    review_period_initial,
    with_default_period,
)
from apps.audit.models import AccessLog
from apps.audit.recorder import note_read
from apps.audit.selectors import (
    identities,
    identity_of,
    log_reviews,
    recipient_for_review,
    recipient_groups,
    review_scope,
    review_units,
    sample_rows,
    shown_ids,
    user_for_review,
    user_groups,
    users_by_id,
    with_token_names,
)
from apps.audit.services import log_review_record
from apps.core.forms import error_summary
from apps.core.web import run_service

PAGE_SIZE = 50
FILTER_PARAMS = ("date_from", "date_to", "channel", "outcome", "outside")
CHECK_FIELDS = ("unit", "period_start", "period_end", "method", "scope", "accesses_checked")


def _scope(request):
    scope = review_scope(request.user)
    if scope is None:
        raise PermissionDenied(_("Loggranskning är till för enhetschefer och systemförvaltare."))
    return scope


def _filters(request, scope, rows=None, **fixed):
    """The FilterSet over the reviewer's rows (default period: the last 30 days), and the
    query strings of the links: `filter_query` carries the filters to another review page,
    `export_query` everything the export needs to give the rows on screen."""
    data = with_default_period(request.GET)
    for name, value in fixed.items():
        data[name] = str(value)
    rows = scope.rows() if rows is None else rows
    filterset = AccessLogFilterSet(data, queryset=rows, request=request)
    only_filters = data.copy()
    for name in list(only_filters):
        if name not in FILTER_PARAMS:
            del only_filters[name]
    links = {"export_query": data.urlencode(), "filter_query": only_filters.urlencode()}
    return filterset, links


def _check_named(scope, filterset) -> None:
    """A person or user named in the filters passes the same doors as their own pages (404)."""
    recipient = filterset.form.cleaned_data.get("recipient")
    user = filterset.form.cleaned_data.get("user")
    if recipient is not None:
        recipient_for_review(scope, recipient)
    if user is not None:
        user_for_review(scope, user)


def _render(request, template, context):
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_safe
def review_view(request):
    scope = _scope(request)
    filterset, links = _filters(request, scope)
    by_user = filterset.data.get("view") == BY_USER
    page = None
    if filterset.is_valid():
        _check_named(scope, filterset)
        groups = user_groups(filterset.qs) if by_user else recipient_groups(filterset.qs)
        page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
        if by_user:
            users = users_by_id(g["user_id"] for g in page.object_list)
            for group in page.object_list:
                group["user"] = users.get(group["user_id"])
        else:
            found = identities(scope, [g["recipient_id"] for g in page.object_list])
            for group in page.object_list:
                group["person"] = identity_of(found, group["recipient_id"])
            note_read(request, shown_ids(found))
    return _render(
        request,
        "audit/review.html",
        {"form": filterset.form, "page": page, "by_user": by_user, **links},
    )


@require_safe
def by_recipient_view(request, recipient_pk):
    scope = _scope(request)
    person = recipient_for_review(scope, recipient_pk)
    rows = with_token_names(scope.rows().filter(recipient_id=recipient_pk).select_related("user"))
    filterset, links = _filters(request, scope, rows, recipient=recipient_pk)
    page = None
    if filterset.is_valid():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        if person.shown:
            note_read(request, [person.recipient_id])
    return _render(
        request,
        "audit/by_recipient.html",
        {"person": person, "form": filterset.form, "page": page, **links},
    )


@require_safe
def by_user_view(request, user_pk):
    scope = _scope(request)
    reviewed = user_for_review(scope, user_pk)
    rows = with_token_names(scope.rows().filter(user_id=user_pk))
    filterset, links = _filters(request, scope, rows, user=user_pk)
    page = None
    if filterset.is_valid():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        found = identities(scope, {row.recipient_id for row in page.object_list})
        for row in page.object_list:
            row.person = identity_of(found, row.recipient_id)
        note_read(request, shown_ids(found))
    return _render(
        request,
        "audit/by_user.html",
        {"reviewed": reviewed, "form": filterset.form, "page": page, **links},
    )


@require_safe
def export_view(request):
    """The rows of the current filters as CSV (GET, the same parameters as the pages)."""
    scope = _scope(request)
    filterset, _links = _filters(request, scope)
    if not filterset.is_valid():
        errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in filterset.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    _check_named(scope, filterset)
    # Up to the newest row now: the export's own log rows (and anyone's after them) stay out,
    # so that every row streamed is about a person resolved (and logged) here.
    newest = filterset.qs.aggregate(newest=Max("id"))["newest"] or 0
    rows = filterset.qs.filter(id__lte=newest).select_related("user")
    found = identities(scope, rows.order_by().values("recipient_id"))
    rows = with_token_names(rows)
    note_read(request, shown_ids(found), channel=Channel.EXPORT)
    cleaned = filterset.form.cleaned_data
    stamp = timezone.localdate().isoformat()
    filename = f"atkomstlogg_{cleaned['date_from']}_{cleaned['date_to']}_{stamp}.csv"
    return csv_response(rows, found, filename)


# --- documented checks (logguppföljning) ----------------------------------------------------


@require_safe
def checks_view(request):
    """The documented checks of the reviewer's units, and which units are due for one."""
    scope = _scope(request)
    due_before = timezone.localdate() - dt.timedelta(days=settings.LOG_REVIEW_INTERVAL_DAYS)
    units = list(review_units(scope))
    for unit in units:
        unit.check_due = unit.last_checked is None or unit.last_checked < due_before
    page = Paginator(log_reviews(scope), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "units": units,
        "page": page,
        "interval_days": settings.LOG_REVIEW_INTERVAL_DAYS,
    }
    return render(request, "audit/checks.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def check_create_view(request):
    scope = _scope(request)
    units = review_units(scope)
    initial = review_period_initial()
    # Prefilled from a sample (or a unit's "document a check" link).
    initial.update({name: request.GET[name] for name in CHECK_FIELDS if request.GET.get(name)})
    if "unit" not in initial and len(scope.unit_ids) == 1:
        initial["unit"] = next(iter(scope.unit_ids))
    form = LogReviewForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request, form, lambda: log_review_record(reviewer=request.user, **form.cleaned_data)
        )
        if done.response:
            return done.response
        if done.ok:
            messages.success(request, _("Kontrollen är dokumenterad."))
            return redirect("audit:checks")
    context = {"form": form, "errors": error_summary(form)}
    return render(request, "audit/check_form.html", context)


@require_safe
def sample_view(request):
    """A seeded random sample of the log's accesses (stickprov) for one unit or all the
    reviewer's units, in the period and filters given. Without a seed, a new one is drawn (and
    the newest row noted) and the address redirects to it, so that the sample on screen can be
    opened again and shows the same rows."""
    scope = _scope(request)
    units = review_units(scope)
    if not request.GET.get("seed") or not request.GET.get("until"):
        params = request.GET.copy()
        params["seed"] = params.get("seed") or str(secrets.randbelow(2**31 - 3) + 1)
        params["until"] = str(AccessLog.objects.aggregate(newest=Max("id"))["newest"] or 0)
        params.setdefault("size", str(SAMPLE_SIZE))
        return redirect(f"{request.path}?{params.urlencode()}")
    sample_form = SampleForm(request.GET, units=units)
    filterset, links = _filters(request, scope)
    rows = None
    if sample_form.is_valid() and filterset.is_valid():
        unit = sample_form.cleaned_data["unit"]
        chosen = filterset.qs.filter(id__lte=sample_form.cleaned_data["until"])
        chosen = chosen if unit is None else chosen.filter(unit_id=unit.pk)
        size = sample_form.cleaned_data["size"] or SAMPLE_SIZE
        rows = sample_rows(chosen, seed=sample_form.cleaned_data["seed"], size=size)
        found = identities(scope, {row.recipient_id for row in rows})
        for row in rows:
            row.person = identity_of(found, row.recipient_id)
        note_read(request, shown_ids(found))
        links["check_query"] = _check_query(filterset, sample_form, len(rows))
    context = {"form": filterset.form, "sample_form": sample_form, "rows": rows, **links}
    return render(request, "audit/sample.html", context)


def _check_query(filterset, sample_form, count) -> str:
    """The check form's fields, prefilled from this sample."""
    cleaned = filterset.form.cleaned_data
    query = QueryDict(mutable=True)
    if sample_form.cleaned_data["unit"] is not None:
        query["unit"] = str(sample_form.cleaned_data["unit"].pk)
    query["period_start"] = cleaned["date_from"].isoformat()
    query["period_end"] = cleaned["date_to"].isoformat()
    query["method"] = "sample"
    query["accesses_checked"] = str(count)
    query["scope"] = _("Stickprov nr %(seed)s: %(count)s slumpvis valda åtkomster.") % {
        "seed": sample_form.cleaned_data["seed"],
        "count": count,
    }
    return query.urlencode()
