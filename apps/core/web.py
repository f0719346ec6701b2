"""What every app's pages share: the forbidden page, the posted data, and one way to run a
service for a form. `run_service` is the page twin of apps/api/errors.py: each domain error
answers in one place (`PAGE_ANSWERS`), the same way on every page."""

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import (
    ApplicationError,
    NotFoundError,
    PermissionDeniedError,
    VersionMismatch,
)
from apps.core.forms import add_service_errors

# The one wording for a change made from a stale read (VersionMismatch) on every page.
STALE = _("Uppgifterna har ändrats av någon annan sedan du öppnade sidan. Öppna sidan igen.")
ASK_UNIT_MANAGER = _("Be din enhetschef om behörighet om du behöver göra detta.")


def forbidden(request, message, *, hint=""):
    """The page for a role refusal (403): the user may see the record, not do this."""
    context = {"message": message, "hint": hint}
    return render(request, "components/forbidden.html", context, status=403)


def posted(request):
    """The posted data, bound even when empty (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def refusal_message(exc: ApplicationError) -> str:
    # VersionMismatch carries an English message meant for API clients.
    return str(STALE) if isinstance(exc, VersionMismatch) else exc.message


@dataclass
class Outcome:
    """What became of a service call: its result, or why not. `response` is the page to
    answer with instead (the forbidden page); `refused` a conflict or a stale version."""

    value: object = None
    invalid: bool = False
    refused: ApplicationError | None = None
    response: HttpResponse | None = None

    @property
    def ok(self) -> bool:
        return not (self.invalid or self.refused or self.response)


def _invalid(request, form, exc, options):
    add_service_errors(form, exc, options["rename"])
    return Outcome(invalid=True)


def _not_found(request, form, exc, options):
    raise Http404  # the 404 page, the same as for an id that belongs to no one


def _forbid(request, form, exc, options):
    return Outcome(response=forbidden(request, exc.message, hint=options["hint"]))


def _refuse(request, form, exc, options):
    if options["refusal_on_form"]:
        add_service_errors(form, exc, message=refusal_message(exc))
    return Outcome(refused=exc)


# How a page answers each domain error; the nearest class in the error's MRO decides.
PAGE_ANSWERS = {
    ValidationError: _invalid,
    NotFoundError: _not_found,  # before its base class PermissionDeniedError (the MRO)
    PermissionDeniedError: _forbid,
    ApplicationError: _refuse,  # ConflictError, IllegalTransition, VersionMismatch
}


def _answer(request, form, exc, **options) -> Outcome:
    answer = next(PAGE_ANSWERS[cls] for cls in type(exc).__mro__ if cls in PAGE_ANSWERS)
    defaults = {"rename": None, "refusal_on_form": True, "hint": ""}
    return answer(request, form, exc, defaults | options)


def run_service(request, form, call, *, rename=None, refusal_on_form=True, hint=""):
    """Call `call()` and map a domain error onto the page: a ValidationError next to the
    form's fields (`rename` maps the service's names), a role refusal to the forbidden page, a
    conflict or stale version on top of the form (or only in `Outcome.refused` when
    `refusal_on_form` is False and the view shows it elsewhere)."""
    try:
        return Outcome(value=call())
    except (ValidationError, ApplicationError) as exc:
        return _answer(
            request, form, exc, rename=rename, refusal_on_form=refusal_on_form, hint=hint
        )


def refusals_forbidden(view=None, *, hint=""):
    """A role refusal from a service, anywhere in the view, is the forbidden page."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDeniedError as exc:
                return _answer(request, None, exc, hint=hint).response

        return wrapper

    return decorate(view) if view is not None else decorate
