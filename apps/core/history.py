"""Change history (django-simple-history) for every record, stamped with the request that
made the change, so that a change can be traced to the access log and the server logs."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from apps.core.logging import request_id_var


class RequestStampedHistory(models.Model):
    request_id = models.CharField(_("begäran"), max_length=36, blank=True)

    class Meta:
        abstract = True


def tracked_history(**kwargs) -> HistoricalRecords:
    """HistoricalRecords with the request id; use instead of HistoricalRecords()."""
    return HistoricalRecords(bases=[RequestStampedHistory], **kwargs)


@receiver(pre_create_historical_record)
def stamp_request_id(sender, history_instance, **kwargs):
    history_instance.request_id = request_id_var.get()


# --- Every change goes through save(), so that history records it -------------------------
_untracked_allowed: ContextVar[bool] = ContextVar("untracked_writes_allowed", default=False)


class UntrackedWriteError(RuntimeError):
    pass


@contextmanager
def allow_untracked_writes():
    """For tests and data repair only: lets QuerySet.update() run on tracked models (it writes
    no history)."""
    token = _untracked_allowed.set(True)
    try:
        yield
    finally:
        _untracked_allowed.reset(token)


class TrackedQuerySet(models.QuerySet):
    """The queryset of every model with change history: a bare bulk update() would change
    rows without a history entry, so it is refused; change records with save()."""

    def update(self, **kwargs):
        if not _untracked_allowed.get():
            raise UntrackedWriteError(
                f"{self.model.__name__}: QuerySet.update() writes no change history; "
                "save each record (or use allow_untracked_writes() in tests)."
            )
        return super().update(**kwargs)
