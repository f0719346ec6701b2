"""One shape for a change to a versioned record (VersionedModel), and the services' scope policy.

Scope: services take records that the caller fetched through the scoped selectors
(`visible_to`). The row a service changes is read again, locked, through
`Model.objects.visible_to(actor)` with `lock_for_change`: outside the actor's scope it is
`NotFoundError`, which the API answers with the same 404 as an id that belongs to no one and
pages with the 404 page (the same single query runs either way, so timing tells nothing). A
record named in the request (a field of the body) that the actor cannot see is a field error
(ValidationError on that field, 400), as the API's serializers answer for an unknown id.
Services never raise Http404 or speak HTTP; apps/api/errors.py and the pages map their errors.

A versioned change, in every service:

    current = lock_for_change(
        Model.objects.visible_to(actor), record, expected_version=..., check=<role/state>
    )
    ... set current's fields; return `current` unsaved when they change nothing ...
    save_new_version(current)

`check` runs on the locked row before the version comparison, so a refused change is 403/409
whatever the client's version; then a stale If-Match is 412 (VersionMismatch).
"""

from collections.abc import Callable

from apps.core.exceptions import NotFoundError, check_version


def lock_for_change(
    queryset,
    record,
    *,
    expected_version: int | None = None,
    check: Callable | None = None,
):
    """The row of `record` (an instance or a pk) from `queryset`, locked until the
    transaction ends and read fresh under the lock; NotFoundError when `queryset` does not
    hold it; then `check(row)`, then the client's version."""
    pk = getattr(record, "pk", record)
    try:
        current = queryset.select_for_update(of=("self",)).get(pk=pk)
    except queryset.model.DoesNotExist:
        raise NotFoundError() from None
    if check is not None:
        check(current)
    check_version(current, expected_version)
    return current


def save_new_version(record, *, clean: Callable | None = None, history_user=None):
    """Save the locked `record` as its next version: version + 1, validated (`clean(record)`,
    by default full_clean), saved with save(), which writes the change history row."""
    record.version += 1
    if clean is None:
        record.full_clean()
    else:
        clean(record)
    if history_user is not None:
        # The change history names the actor also when no request is around (tasks, shell).
        record._history_user = history_user
    record.save()
    return record
