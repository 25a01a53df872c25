"""Run by a scheduler every few minutes (see the README): the site's housekeeping in one command.

- awards: the fiches entered for the prize are copied for the jury once the call has closed,
  and results published by their date put their badges on the winners' fiches;
- events: offers that lapsed pass to the next person waiting, unconfirmed partner requests
  lapse, dietary and accessibility answers are erased some days after the event;
- personal data: the retention table (settings.RETENTION_DAYS) is applied in every app:
  accounts never verified are deleted, refused or withdrawn join requests lose their text,
  partner guests are anonymised after their event, ended sessions go, the record of downloads
  of personal data is trimmed.

Counts, attendance and consents stay. Idempotent: a second run right after the first finds
nothing left to do, and prints zeros.
"""

from django.core.management.base import BaseCommand

from awards import services as awards_services
from events import services as events_services
from events.models import NEEDS_KEPT_DAYS
from intersection import privacy


class Command(BaseCommand):
    help = "Expire lapsed offers, erase event answers and apply the retention of personal data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--needs-days",
            type=int,
            default=NEEDS_KEPT_DAYS,
            help=f"Days after an event before its needs are erased (default {NEEDS_KEPT_DAYS}).",
        )

    def handle(self, *args, needs_days, **options):
        done = events_services.housekeeping(needs_days=max(needs_days, 0))
        self.stdout.write(
            "offers lapsed: {offers_lapsed}, places offered: {places_offered},"
            " partner requests lapsed: {guest_requests_lapsed},"
            " needs erased: {needs_erased}".format(**done)
        )
        frozen = awards_services.housekeeping()
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in frozen.items()))
        retention = privacy.housekeeping()
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in retention.items()))
