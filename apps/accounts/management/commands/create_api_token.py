from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = (
        "Create an integration token for an integration user and print it ONCE "
        "(only its digest is stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Which system uses it")
        parser.add_argument("--read-write", action="store_true", help="Default: read-only")
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--unit", action="append", default=[], help="Unit id (repeatable)")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(
                username=options["username"], is_integration=True, is_active=True
            )
        except User.DoesNotExist as exc:
            raise CommandError("No active integration user with that name.") from exc
        if not 1 <= options["days"] <= 366:
            raise CommandError("--days must be 1–366.")
        own_units = set(map(str, user.memberships.values_list("unit_id", flat=True)))
        outside = [u for u in options["unit"] if u not in own_units]
        if outside:
            raise CommandError(f"The user is not a member of: {', '.join(outside)}")
        token, raw = ApiToken.objects.create(
            user=user,
            expiry=timedelta(days=options["days"]),
            name=options["name"],
            read_only=not options["read_write"],
        )
        if options["unit"]:
            token.units.set(options["unit"])
        expires = timezone.localtime(token.expiry).strftime("%Y-%m-%d")
        self.stdout.write(f"Token (shown once, expires {expires}): {raw}")
