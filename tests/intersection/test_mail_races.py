"""Real concurrent clicks and runs on PostgreSQL: the limits on mails hold under a race.

- a member who clicks "ask" several times at once sends one mail to the fiche's contact, and
  every click is kept in the history;
- two digest runs started at once send each fiche once.

Each attempt runs in its own thread with its own connection, released together by a barrier.
SQLite serialises every write: the tests are skipped there.
"""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, connections
from django.utils import timezone, translation

from intersection import services as intersection_services
from intersection.models import DigestEntry, Following
from projects import services as projects_services
from projects.models import Adoption
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import make_project, make_user, make_zone

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and serialises every write",
    ),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _race(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def attempt(n):
        try:
            barrier.wait(timeout=30)
            with translation.override("en"):
                return work(n)
        except Exception as error:  # any error at all fails the test below
            errors.append(error)
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(attempt, range(count)))
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_clicking_ask_many_times_at_once_sends_one_mail_and_keeps_every_click(mailoutbox):
    fiche = make_project(contact_email="cafe@police-liege.be")
    asker = make_user(zone=make_zone())

    results, errors = _race(
        8,
        lambda n: projects_services.express_interest(
            project=fiche, user=asker, message=f"Click {n}"
        ),
    )

    assert errors == []
    assert sum(1 for _adoption, _created, mailed in results if mailed) == 1
    adoption = Adoption.objects.get()
    assert adoption.events.contacts().count() == 8
    assert sorted(sent.to[0] for sent in mailoutbox) == sorted(
        ["cafe@police-liege.be", asker.email]
    )


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_send_each_fiche_once(mailoutbox):
    zone = make_zone()
    for _ in range(5):
        user = make_user(zone=make_zone())
        following = intersection_services.save_following(user=user, themes=[], zones=[zone])
        Following.objects.filter(pk=following.pk).update(
            since=timezone.now() - datetime.timedelta(days=7)
        )
    make_project(zone=zone)

    def run(_n):
        try:
            return intersection_services.send_digests()
        except IntegrityError:
            return 0  # the other run recorded them first: it sends them

    results, errors = _race(2, run)

    assert errors == []
    assert sum(results) == 5
    assert len(mailoutbox) == 5
    assert DigestEntry.objects.count() == 5
