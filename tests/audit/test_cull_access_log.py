import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from apps.audit.models import AccessLog


def test_only_rows_older_than_five_years_are_culled(db, settings, capsys):
    settings.ACCESS_LOG_RETENTION_YEARS = 1  # a setting below the legal minimum is raised to 5
    AccessLog.objects.create(channel="web", what="x", method="GET", path="/")
    young = AccessLog.objects.create(channel="web", what="y", method="GET", path="/")
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                at=timezone.now() - dt.timedelta(days=5 * 366),
                channel="web",
                what="old",
                method="GET",
                path="/",
            )
        ]
    )
    call_command("cull_access_log")
    whats = set(AccessLog.objects.values_list("what", flat=True))
    assert "old" not in whats and {"x", "y"} <= whats
    assert young.pk in set(AccessLog.objects.values_list("pk", flat=True))
    assert "Deleted 1" in capsys.readouterr().out
