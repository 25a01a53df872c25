"""Load the demo data of every app. Idempotent: a second run changes nothing.

Refuses to run unless DEBUG is on, so that demo accounts with a published password never
reach a production database.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import demo as events_demo
from members import demo as members_demo
from projects import demo as projects_demo


class Command(BaseCommand):
    help = "Load the demo zones, accounts and content (development only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a published password: DEBUG only.")
        with transaction.atomic():
            lines = members_demo.seed()
            lines += projects_demo.seed()
            lines += events_demo.seed()
        self.stdout.write(
            "\n".join(["", "Demo data loaded. Open http://127.0.0.1:8000/", *lines, ""])
        )
