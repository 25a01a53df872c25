"""Run by a scheduler every few minutes (see the README): offers that lapsed pass to the next
person waiting, unconfirmed partner requests lapse, and dietary and accessibility answers are
erased some days after the event. Counts, attendance and consents stay.

Idempotent: a second run right after the first finds nothing left to do.
"""

from django.core.management.base import BaseCommand

from events import services
from events.models import NEEDS_KEPT_DAYS


class Command(BaseCommand):
    help = (
        "Expire lapsed waiting-list offers and pass them on; erase dietary and accessibility"
        " answers after the events."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--needs-days",
            type=int,
            default=NEEDS_KEPT_DAYS,
            help=f"Days after an event before its needs are erased (default {NEEDS_KEPT_DAYS}).",
        )

    def handle(self, *args, needs_days, **options):
        done = services.housekeeping(needs_days=max(needs_days, 0))
        self.stdout.write(
            "offers lapsed: {offers_lapsed}, places offered: {places_offered},"
            " partner requests lapsed: {guest_requests_lapsed},"
            " needs erased: {needs_erased}".format(**done)
        )
