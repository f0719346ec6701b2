from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.demo.activity import create_activity


class Command(BaseCommand):
    help = "Load reference data and the demo municipality, then demo activity (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-activity", action="store_true", help="Only the fixtures.")

    def handle(self, *args, **options):
        call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
        self.stdout.write("Loaded reference data and the demo municipality.")
        if not options["no_activity"]:
            created = create_activity()
            self.stdout.write(f"Demo activity created for {created} care recipients.")
