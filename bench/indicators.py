"""Benchmark of the indicators' pages at the size of a mature network: `make bench`.

Uses the bench database of `bench.projects` (20,000 fiches across 200 zones, filled by it
when missing) and adds, once, ten years of events: 1,000 events (a seminar a year, the rest
midis and other meetings) with 100,000 registrations, most of them checked in. Then measures,
like `bench.projects`, the floor (an empty view) and the indicators' pages through
django.test.Client, uncached (the indicators keep no cache: every request computes every
indicator for every year), and prints requests per second, p50 and p95 latency and the
ratio to the floor.

    .venv/bin/python -m bench.indicators [--seconds 8]
"""

import argparse
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
import uuid

from bench.projects import (
    Page,
    configure_environment,
    prepare_database,
    report_table,
    run,
    staff_client,
)

YEARS = 10
EVENTS = 1_000
REGISTRATIONS = 100_000
SEED = 9


def fill_events():
    from django.db import transaction
    from django.utils import timezone

    from events.models import Event, Registration
    from members.models import User

    if Event.objects.count() >= EVENTS:
        print(f"Reusing the {Event.objects.count():,} events of the bench database.")
        return
    rng = random.Random(SEED)  # noqa: S311 - made-up data, reproducible
    started = time.perf_counter()
    tz = timezone.get_default_timezone()
    this_year = timezone.localdate().year
    people = list(User.objects.filter(zone__isnull=False).values_list("pk", "zone_id"))
    per_event = REGISTRATIONS // EVENTS
    with transaction.atomic():
        events = []
        for n in range(EVENTS):
            year = this_year - YEARS + 1 + n % YEARS
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 330))
            kind = "seminar" if n < YEARS else rng.choice(["midi", "midi", "midi", "other"])
            starts = datetime.datetime.combine(day, datetime.time(12), tzinfo=tz)
            events.append(
                Event(
                    kind=kind,
                    title=f"Bench {kind} {n}",
                    slug=f"bench-{kind}-{n}-{uuid.uuid4().hex[:6]}",
                    audience="public",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place="Namur",
                    capacity=250,
                    open_to_partners=True,
                )
            )
        events = Event.objects.bulk_create(events)
        rows = []
        for event in events:
            past = event.starts_at.date() < timezone.localdate()
            for k, (user_id, zone_id) in enumerate(rng.sample(people, per_event)):
                guest = k % 5 == 4
                status = rng.choices(["confirmed", "cancelled"], [9, 1])[0]
                rows.append(
                    Registration(
                        event=event,
                        user_id=None if guest else user_id,
                        zone_id=None if guest else zone_id,
                        guest_name=f"Guest {k}" if guest else "",
                        email=f"guest{k}-{event.pk}@partner.bench" if guest else "",
                        status=status,
                        attended=past and status == "confirmed" and rng.random() < 0.85,
                        walk_in=False,
                        created_at=event.starts_at - datetime.timedelta(days=10),
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=5000)
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("ANALYZE events_event; ANALYZE events_registration")
    print(
        f"  {len(events):,} events, {len(rows):,} registrations in "
        f"{time.perf_counter() - started:.0f} s"
    )


def member_client():
    from django.test import Client

    from members.models import User

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.filter(zone__isnull=False).order_by("pk").first())
    return client


def close_past_years(staff):
    """A mature network has closed its past years: all but the last two stay open here."""
    from django.utils import timezone

    from indicators import services

    services.close_year(year=timezone.localdate().year - 2, by=staff)


def reopen_all():
    from indicators.models import Snapshot

    Snapshot.objects.all().delete()  # the bench database only: snapshots are never deleted


def measure(seconds):
    from django.test import Client

    from members.models import User

    anonymous = Client(raise_request_exception=False)
    member = member_client()
    staff = staff_client()
    reopen_all()
    pages = [
        Page("floor (empty view)", ["/bench/floor/"], anonymous),
        Page("dashboard, no year closed", ["/indicators/"], anonymous),
        Page("CSV, no year closed", ["/indicators/data.csv"], anonymous),
    ]
    run(pages, seconds, warmup=5)
    close_past_years(User.objects.get(email="bench-staff@intersection.bench"))
    closed = [
        Page("floor (empty view)", ["/bench/floor/"], anonymous),
        Page("indicators dashboard", ["/indicators/"], anonymous),
        Page("dashboard (staff)", ["/indicators/"], staff),
        Page("indicators CSV", ["/indicators/data.csv"], anonymous),
        Page("indicator page (member)", ["/indicators/seminar-participants/"], member),
        Page("travel page (member)", ["/indicators/travel/"], member),
        Page("home page", ["/"], anonymous),
    ]
    run(closed, seconds, warmup=5)
    # One floor for both tables: the first run's, taken at the same time as its pages.
    return pages + closed[1:], closed[0]


def report(pages, second_floor):
    floor = pages[0]
    floor.latencies += second_floor.latencies
    floor.elapsed += second_floor.elapsed
    print(report_table(pages))
    print(
        "\nThe first rows: nothing closed, every year computed live. The others: the years"
        " before the last two closed (their snapshots shown), as in a network that closes its"
        " years."
    )
    dashboard = next(page for page in pages if page.name == "indicators dashboard")
    met = dashboard.percentile(50) < 50
    print(f"\nTarget:\n  {'met   ' if met else 'MISSED'}  dashboard p50 < 50 ms, uncached")
    errors = sorted({e for page in pages for e in page.errors})
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return not errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="time budget per page")
    args = parser.parse_args(argv)

    url = configure_environment()
    must_fill = prepare_database(url, refill=False)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if must_fill:
        from bench.projects import fill

        print("Filling the bench database with fiches first (about a minute)...")
        fill()
    fill_events()
    # Production serves collected, hashed static files: collect them for this run only.
    static_root = tempfile.mkdtemp(prefix="intersection-bench-static-")
    try:
        with override_settings(ROOT_URLCONF="bench.urls", STATIC_ROOT=static_root):
            call_command("collectstatic", verbosity=0, interactive=False)
            print(
                f"Measuring {args.seconds:g} s per page, uncached; {os.cpu_count()} cores, load"
                f" average {os.getloadavg()[0]:.1f}."
            )
            pages, second_floor = measure(args.seconds)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    return 0 if report(pages, second_floor) else 1


if __name__ == "__main__":
    sys.exit(main())
