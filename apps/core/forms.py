"""What every app's forms share: the date widgets, a service's errors on a form, and the
entries of the error summary (templates/components/error_summary.html)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import ApplicationError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def add_service_errors(form, error, rename: dict | None = None, *, message=None) -> None:
    """Put a service's error on the form, keeping its code (form.errors.as_data() tells which
    rule refused). A ValidationError goes next to the form's fields: `rename` maps the service's
    field names to the form's; a name the form does not have goes to the summary on top. A
    domain refusal (ApplicationError) goes on top, as `message` (else its own) with its code."""
    if isinstance(error, ApplicationError):
        form.add_error(None, ValidationError(message or error.message, code=error.code))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = (rename or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def error_summary(*forms_and_formsets) -> list[dict]:
    """Every error, with a link to its field, for the summary at the top of the page."""
    entries = []
    for item in forms_and_formsets:
        if isinstance(item, forms.BaseFormSet):
            entries += [{"text": e, "anchor": ""} for e in item.non_form_errors()]
            labelled = [(form, _("Svar %(n)d") % {"n": n}) for n, form in enumerate(item, 1)]
        else:
            labelled = [(item, "")]
        for form, prefix in labelled:
            lead = f"{prefix}: " if prefix else ""
            entries += [{"text": f"{lead}{e}", "anchor": ""} for e in form.non_field_errors()]
            for field in form:
                anchor = field.id_for_label or f"{field.auto_id}_0"
                label = str(field.label)
                label = label if label.endswith("?") else f"{label}:"
                entries += [{"text": f"{lead}{label} {e}", "anchor": anchor} for e in field.errors]
    return entries
