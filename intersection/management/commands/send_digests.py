"""Run by the scheduler once a week (see the README): the digest of what each person follows.

Idempotent: a fiche or event is recorded for a person in the same transaction that queues
their mail, under a unique constraint, so a second run (even one started by mistake while
the first runs) sends nothing twice.
"""

from django.core.management.base import BaseCommand
from django.db import IntegrityError

from intersection import services


class Command(BaseCommand):
    help = "Mail each follower the new fiches and upcoming events of what they follow."

    def handle(self, *args, **options):
        try:
            mailed = services.send_digests()
        except IntegrityError:
            # Another run recorded the same fiches first: it sends them; this one sends nothing.
            self.stdout.write("digests sent: 0 (another run is sending them)")
            return
        self.stdout.write(f"digests sent: {mailed}")
