from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.audit.models import AccessLog


class Command(BaseCommand):
    help = (
        "Delete access-log rows older than ACCESS_LOG_RETENTION_YEARS (at least 5: "
        "Patientdatalagen and SoLPuL). Run it from cron or the task worker, e.g. monthly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        years = max(5, settings.ACCESS_LOG_RETENTION_YEARS)
        now = timezone.now()
        try:
            cutoff = now.replace(year=now.year - years)
        except ValueError:  # 29 February
            cutoff = now.replace(year=now.year - years, day=28)
        old = AccessLog.objects.filter(at__lt=cutoff)
        count = old.count()
        if not options["dry_run"]:
            old.delete()
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(f"{verb} {count} access-log rows from before {cutoff:%Y-%m-%d}.")
