"""Benchmark of registration under a rush: `python -m bench.events` (or `make bench`).

On a separate PostgreSQL database (`intersection_bench_events`, or BENCH_EVENTS_DATABASE_URL),
created and migrated when missing, each round opens an event of 150 places and lets 200
members register at once, from a pool of threads that each hold their own connection (as
gunicorn workers would). Every registration goes through `events.services.register`: the
row lock on the event, the count, the insert and the confirmation mail with its calendar
file (to an in-memory mailbox). Prints registrations per second and the p50/p95 time of one
registration, per round and overall, and checks that no round overbooked.

It is not a test and CI does not run it: figures depend on the machine.

    .venv/bin/python -m bench.events [--rounds 5] [--threads 40]
"""

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/intersection_bench_events"
ATTEMPTS = 200
CAPACITY = 150


def configure_environment():
    url = os.environ.get("BENCH_EVENTS_DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = f"bench-only-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    os.environ["ALLOWED_HOSTS"] = "portal.example.org"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "intersection.settings"
    return url


def create_database_if_missing(url):
    import dj_database_url
    import psycopg
    from psycopg import sql

    params = dj_database_url.parse(url)
    name = params["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to use {name!r}: the bench database's name must contain 'bench'.")
    with psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"Creating {name}.")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def members(count):
    from members.models import User, Zone

    zone, _created = Zone.objects.get_or_create(
        number="9990", defaults={"name": "Zone du banc d'essai", "region": "wallonia"}
    )
    existing = User.objects.filter(zone=zone).count()
    User.objects.bulk_create(
        [
            User(
                email=f"bench{n}@police.belgium.eu",
                first_name="Bench",
                last_name=f"{n:04}",
                zone=zone,
            )
            for n in range(existing, count)
        ]
    )
    return list(User.objects.filter(zone=zone).order_by("pk")[:count])


def one_round(number, users, threads):
    import datetime

    from django.db import connections
    from django.utils import timezone

    from events import services
    from events.models import Event, Registration

    starts = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(
        title=f"Banc d'essai {number}",
        kind=Event.Kind.SEMINAR,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        place="Namur",
        capacity=CAPACITY,
    )
    barrier = threading.Barrier(threads + 1)
    durations, errors = [], []

    def worker(share):
        """One connection, kept for the round as a gunicorn worker keeps it."""
        try:
            connections["default"].ensure_connection()
            barrier.wait(timeout=30)
            for user in share:
                began = time.perf_counter()
                try:
                    services.register(event=event, user=user)
                except Exception as error:
                    errors.append(error)
                durations.append(time.perf_counter() - began)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for n in range(threads):
            pool.submit(worker, users[n::threads])
        barrier.wait(timeout=30)  # every connection is open: start the clock and the rush
        began = time.perf_counter()
    elapsed = time.perf_counter() - began

    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    waiting = event.registrations.filter(status=Registration.Status.WAITING).count()
    if errors or confirmed != CAPACITY or waiting != len(users) - CAPACITY:
        sys.exit(
            f"Round {number} went wrong: {confirmed} confirmed, {waiting} waiting, {errors[:3]}"
        )
    return elapsed, durations


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=40, help="connections at once (<= 90)")
    options = parser.parse_args()

    url = configure_environment()
    create_database_if_missing(url)

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)

    users = members(ATTEMPTS)
    print(
        f"{ATTEMPTS} members register at once for {CAPACITY} places,"
        f" {options.threads} connections, {options.rounds} rounds"
    )
    print(f"{'round':>5}  {'seconds':>8}  {'reg/s':>7}  {'p50 ms':>7}  {'p95 ms':>7}")
    all_durations, total = [], 0.0
    for number in range(1, options.rounds + 1):
        elapsed, durations = one_round(number, users, options.threads)
        all_durations += durations
        total += elapsed
        p50, p95 = percentile(durations, 0.5) * 1000, percentile(durations, 0.95) * 1000
        print(
            f"{number:>5}  {elapsed:>8.2f}  {len(durations) / elapsed:>7.0f}"
            f"  {p50:>7.1f}  {p95:>7.1f}"
        )
    print(
        f"{'all':>5}  {total:>8.2f}  {len(all_durations) / total:>7.0f}"
        f"  {statistics.median(all_durations) * 1000:>7.1f}"
        f"  {percentile(all_durations, 0.95) * 1000:>7.1f}"
    )
    print("No round overbooked: each had exactly 150 confirmed and 50 waiting.")


if __name__ == "__main__":
    main()
