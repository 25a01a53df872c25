"""Two votes sent at the same moment by the same person, or by the two reference persons of a
zone, count once: the database's unique constraints hold it (PostgreSQL, real threads)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from awards import services
from awards.models import Phase, Vote
from events.models import Event, Registration
from tests.awards.factories import make_edition, make_entry, make_prize
from tests.events.factories import make_event
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import make_project, make_user, make_zone

ATTEMPTS = 8

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write",
    ),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _race(cast, arguments):
    barrier = threading.Barrier(len(arguments))
    outcomes = []

    def attempt(argument):
        try:
            barrier.wait(timeout=30)
            with translation.override("en"):
                cast(argument)
            outcomes.append("counted")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        list(pool.map(attempt, arguments))
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_one_persons_simultaneous_audience_votes_count_once():
    seminar = make_event(kind=Event.Kind.SEMINAR, days=-1)
    edition = make_edition(year=2026, phase=Phase.VOTING, seminar=seminar)
    prize = make_prize(edition=edition, kind="audience")
    entries = [make_entry(edition=edition) for _ in range(2)]
    prize.shortlist.add(*entries)
    voter = make_user(zone=make_zone())
    Registration.objects.create(event=seminar, user=voter, attended=True)

    outcomes = _race(
        lambda entry: services.vote_audience(prize=prize, entry=entry, user=voter),
        [entries[n % 2] for n in range(ATTEMPTS)],
    )

    assert outcomes.count("counted") == 1
    assert set(outcomes) == {"counted", "Your vote was already counted."}
    assert Vote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_zones_simultaneous_votes_count_once():
    edition = make_edition(year=2026, phase=Phase.VOTING)
    prize = make_prize(edition=edition, kind="reference_persons")
    zone = make_zone()
    entry = make_entry(edition=edition, project=make_project(zone=make_zone()))
    references = [make_user(zone=zone, reference=True) for _ in range(ATTEMPTS)]

    outcomes = _race(
        lambda user: services.vote_reference(prize=prize, entry=entry, user=user), references
    )

    assert outcomes.count("counted") == 1
    assert Vote.objects.get().zone == zone
