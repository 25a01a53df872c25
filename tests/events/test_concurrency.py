"""Real concurrent registrations on PostgreSQL: the event is never overbooked.

Each attempt runs in its own thread with its own database connection, all released at once
by a barrier, so that they really race for the places and the row lock is what serialises
them. SQLite has no row locks and one writer at a time: the test is skipped there.
"""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib import admin
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.utils import translation

from events import services
from events.models import Event, Registration
from members.models import Membership, User, Zone
from tests.events.factories import make_event
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.events.test_admin import event_form_data, with_local_times

Status = Registration.Status
ATTEMPTS = 200
CAPACITY = 150
# PostgreSQL allows 100 connections by default, shared with the rest of the machine: the
# attempts run on a pool of threads, each thread with its own connection.
THREADS = 40

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and serialises every write",
    ),
    # The flush after a transactional test also empties what the migrations loaded (the
    # fiches' themes): it is put back for the tests that follow.
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _make_members(count):
    zone = Zone.objects.create(name="Zone concurrente", number="9999", region="wallonia")
    Membership.objects.create(zone=zone, start=datetime.date(2018, 1, 1))  # members register
    User.objects.bulk_create(
        [
            User(
                email=f"racer{n}@police.belgium.eu",
                first_name="Racer",
                last_name=f"{n:03}",
                zone=zone,
            )
            for n in range(count)
        ]
    )
    return list(User.objects.filter(zone=zone).order_by("pk"))


def _race(event, users):
    barrier = threading.Barrier(THREADS)
    errors = []

    def attempt(user, wait):
        try:
            if wait:
                barrier.wait(timeout=30)
            with translation.override("en"):  # a new thread speaks the site's language
                return services.register(event=event, user=user)
        except Exception as error:  # any error at all fails the test below
            errors.append(error)
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        # The first wave waits at the barrier, so that THREADS attempts start at once.
        results = list(pool.map(attempt, users, [n < THREADS for n in range(len(users))]))
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook(mailoutbox):
    event = make_event(capacity=CAPACITY)
    users = _make_members(ATTEMPTS)

    results, errors = _race(event, users)

    assert errors == []
    assert all(result is not None for result in results)
    registrations = event.registrations.all()
    assert registrations.filter(status=Status.CONFIRMED).count() == CAPACITY
    assert registrations.filter(status=Status.WAITING).count() == ATTEMPTS - CAPACITY
    assert registrations.values("user").distinct().count() == ATTEMPTS

    # Ten cancellations offer exactly ten places, to the first ten people waiting, in order.
    first_waiting = list(event.registrations.waiting_list()[:10])
    for registration in list(registrations.filter(status=Status.CONFIRMED).order_by("?")[:10]):
        services.cancel(registration=registration)

    offered = list(event.registrations.filter(status=Status.OFFERED).order_by("queued_at", "pk"))
    assert [r.pk for r in offered] == [r.pk for r in first_waiting]
    assert event.registrations.holding_a_place().count() == CAPACITY
    assert event.registrations.filter(status=Status.WAITING).count() == ATTEMPTS - CAPACITY - 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_person_make_one_registration():
    event = make_event(capacity=5)
    (user,) = _make_members(1)

    results, errors = _race(event, [user] * THREADS)

    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == THREADS - 1
    assert all("already registered" in str(error) for error in errors)
    assert event.registrations.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_admin_lowering_the_capacity_and_a_registration_at_the_same_instant_never_overbook(
    staff,
):
    """The admin's change page checks the new capacity while holding the event's row, as the
    workflows count the places: a registration sent meanwhile waits, then finds the new
    capacity."""
    event = with_local_times(make_event(capacity=3))
    first, second, latecomer = _make_members(3)
    for user in (first, second):
        services.register(event=event, user=user)
    request = RequestFactory().post("/")
    request.user = staff
    form_class = admin.site._registry[Event].get_form(request, event, change=True)
    checked = threading.Event()
    errors = []

    def lower_the_capacity():
        try:
            with transaction.atomic():  # as the admin's change view
                form = form_class(event_form_data(event, capacity=2), instance=event)
                assert form.is_valid(), form.errors
                checked.set()
                time.sleep(0.5)  # the registration is sent while the new capacity is unsaved
                form.save()
        except Exception as error:
            errors.append(error)
            checked.set()
        finally:
            connections.close_all()

    def register():
        try:
            checked.wait(timeout=10)
            with translation.override("en"):
                return services.register(event=event, user=latecomer)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        pool.submit(lower_the_capacity)
        registration = pool.submit(register).result(timeout=30)

    assert errors == []
    event.refresh_from_db()
    assert event.capacity == 2
    assert registration.status == Status.WAITING
    assert event.registrations.holding_a_place().count() == 2
