"""An access-log row as the recorder would write it (tests may set `at` in the past)."""

import factory
from django.utils import timezone

from apps.audit.models import AccessLog


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLog

    at = factory.LazyFunction(timezone.now)
    channel = "web"
    outcome = "allowed"
    what = "recipients:detail"
    method = "GET"
    path = "/omsorgstagare/"
    ip_address = "192.0.2.1"


def read(user, recipient, **fields) -> AccessLog:
    """A logged read of `recipient` by `user`, with the unit the recorder would store."""
    fields.setdefault("unit_id", recipient.unit_id if recipient else None)
    return AccessLogFactory(user=user, recipient_id=recipient.pk if recipient else None, **fields)
