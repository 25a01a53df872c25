"""Load the demo data of every app. Idempotent: a second run changes nothing.

Refuses to run unless DEBUG is on, and refuses whatever DEBUG says on a database that holds
any account outside the demo domain: demo accounts with a published password must never reach
a database where real people sign in.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awards import demo as awards_demo
from events import demo as events_demo
from members import demo as members_demo
from members.models import User
from projects import demo as projects_demo


class Command(BaseCommand):
    help = "Load the demo zones, accounts and content (development only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a published password: DEBUG only.")
        real = User.objects.exclude(email__iendswith=f"@{members_demo.DOMAIN}")
        if real.exists():
            raise CommandError(
                f"This database holds {real.count()} account(s) outside @{members_demo.DOMAIN}: "
                "seed_demo runs only on a database of demo accounts."
            )
        with transaction.atomic():
            lines = members_demo.seed()
            lines += projects_demo.seed()
            lines += events_demo.seed()
            lines += awards_demo.seed()
        self.stdout.write(
            "\n".join(["", "Demo data loaded. Open http://127.0.0.1:8000/", *lines, ""])
        )
