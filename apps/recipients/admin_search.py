"""The admin's search of care recipients, without personal identity numbers in URLs.

Django's admin searches with GET `?q=`, so a number typed into its search box would land in
the address bar, the browser history and every server and proxy log. Here the search box
POSTs (templates/admin/recipients/carerecipient/search_form.html). A term with digits (a
whole or partial personnummer or samordningsnummer, in any format) is kept in the user's
server-side session under a keyed digest (an HMAC, with a key derived from SECRET_KEY, of
the normalised number) and the list is reached at `?pn=<digest>`, so that paging, sorting
and filters work as usual; names still go to `?q=`. A `?q=` with digits, or a lookup on the
number (typed into the address bar, an old bookmark), runs no search and is not echoed: it
redirects to the list without it and asks for the search box. The autocomplete (a GET
`?term=`) finds no one for a term with digits. The search itself is
`CareRecipientQuerySet.search` over the admin's scoped queryset (out of scope is not found)
and is logged as the page search is (`note_search`), without the term.
"""

from django.contrib import messages
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR, SEARCH_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit.recorder import note_read, note_search
from apps.recipients.identity import parse_identity_number

DIGEST_VAR = "pn"
POSTED_FLAG = "_search"  # marks the search box's POST apart from the actions' form
NUMBER_FIELD = "personal_number"
_SESSION_KEY = "admin_recipient_searches"
_KEPT_SEARCHES = 20
_DIGEST_SALT = "apps.recipients.admin_search"
_NOT_KEPT = {"csrfmiddlewaretoken", POSTED_FLAG, SEARCH_VAR, DIGEST_VAR, PAGE_VAR, ERROR_FLAG}


def has_digits(term) -> bool:
    """A whole or partial personal identity number, whatever its format; names have none."""
    return any(ch.isdigit() for ch in str(term or ""))


def _names_the_number(key: str) -> bool:
    return key.split("__")[0] == NUMBER_FIELD


def number_digest(term: str) -> str:
    """The same digest for every way of writing one number (with or without dash or century)."""
    try:
        canonical = parse_identity_number(term).normalised
    except ValidationError:
        canonical = " ".join(term.split())
    return salted_hmac(_DIGEST_SALT, canonical, algorithm="sha256").hexdigest()[:32]


def _remember(request, term: str) -> str:
    digest = number_digest(term)
    searches = dict(request.session.get(_SESSION_KEY) or {})
    searches.pop(digest, None)
    searches[digest] = term
    request.session[_SESSION_KEY] = dict(list(searches.items())[-_KEPT_SEARCHES:])
    return digest


def recalled_term(request) -> str | None:
    """The term behind `?pn=`, from this user's session; None when it is not (or no longer)."""
    digest = request.GET.get(DIGEST_VAR)
    if not digest:
        return None
    return (request.session.get(_SESSION_KEY) or {}).get(digest)


def _is_autocomplete(request) -> bool:
    return getattr(request.resolver_match, "view_name", "") == "admin:autocomplete"


def _list_url(request, params) -> str:
    query = urlencode(params, doseq=True)
    return f"{request.path}?{query}" if query else request.path


class _ChangeList(ChangeList):
    def get_filters_params(self, params=None):
        # `pn` is kept in the list's links (paging, sorting, filters) but is no field lookup.
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(DIGEST_VAR, None)
        return lookup_params


class _NotedAutocompletePaginator(Paginator):
    """The autocomplete's page of people, noted as the change list's page is."""

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def page(self, number):
        page = super().page(number)
        found = [obj.pk for obj in page.object_list]  # the same evaluated slice the view sends
        if self.request.GET.get("term", "").strip():
            note_search(self.request, found)
        else:
            note_read(self.request, found)
        return page


class NumberSafeSearchAdminMixin:
    """For the ModelAdmin of CareRecipient (whose queryset is already `visible_to`)."""

    search_help_text = gettext_lazy(
        "Sök på namn eller personnummer (med eller utan bindestreck, 10 eller 12 siffror). "
        "Ett personnummer skickas aldrig i adressen."
    )

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied  # as Django's own view, before anything is kept or echoed
        if request.method == "POST" and POSTED_FLAG in request.POST:
            return self._redirect_posted_search(request)
        typed = request.GET.get(SEARCH_VAR, "")
        if has_digits(typed) or any(_names_the_number(key) for key in request.GET):
            messages.error(
                request,
                _(
                    "Sök inte på personnummer via adressen. Skriv numret i sökrutan och "
                    "tryck på Sök, så kommer det inte med i adressen."
                ),
            )
            kept = request.GET.copy()
            for key in list(kept):
                if key in (SEARCH_VAR, PAGE_VAR) or _names_the_number(key):
                    del kept[key]
            return HttpResponseRedirect(_list_url(request, kept.lists()))
        if DIGEST_VAR in request.GET and recalled_term(request) is None:
            messages.warning(request, _("Sökningen gäller inte längre. Sök igen i sökrutan."))
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and (DIGEST_VAR in request.GET or changelist.query.strip()):
            note_search(request, (obj.pk for obj in changelist.result_list))
        return response

    def _redirect_posted_search(self, request):
        term = " ".join(request.POST.get(SEARCH_VAR, "").split())
        kept = [(key, value) for key, value in request.POST.items() if key not in _NOT_KEPT]
        kept = [(key, value) for key, value in kept if not _names_the_number(key)]
        if has_digits(term):
            kept.append((DIGEST_VAR, _remember(request, term)))
        elif term:
            kept.append((SEARCH_VAR, term))
        return HttpResponseRedirect(_list_url(request, kept))

    def get_changelist(self, request, **kwargs):
        return _ChangeList

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        recalled = recalled_term(request)
        if recalled:
            changelist.query = recalled  # shown in the search box (the page, not its address)
        return changelist

    def get_search_results(self, request, queryset, search_term):
        if _is_autocomplete(request):
            if has_digits(search_term):
                return queryset.none(), False
            return queryset.search(search_term), False
        if DIGEST_VAR in request.GET:
            recalled = recalled_term(request)
            return (queryset.search(recalled) if recalled else queryset.none()), False
        if has_digits(search_term):  # refused in changelist_view; never searched
            return queryset.none(), False
        return queryset.search(search_term), False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if _is_autocomplete(request):
            return _NotedAutocompletePaginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
