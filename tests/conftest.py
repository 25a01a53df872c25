import logging
from smtplib import SMTPException

import pytest
from django.conf import settings

from tests.factories import make_join_request, make_user, make_zone


def pytest_configure(config):
    # A fast hasher keeps the suite quick; plain static storage lets the live server find
    # files that the manifest storage would ask to be collected first.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "catalogue")
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and used TOTP codes must not leak from one test to the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language, whatever the previous request used."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def zone_a(db):
    return make_zone(name="Liège", number="5277")


@pytest.fixture
def zone_b(db):
    return make_zone(
        name="Bruxelles-Capitale/Ixelles", short_name="PolBru", number="5339", region="brussels"
    )


@pytest.fixture
def member_a(zone_a):
    return make_user(zone=zone_a, first_name="Julien", last_name="Renard")


@pytest.fixture
def reference_a(zone_a):
    return make_user(zone=zone_a, reference=True, first_name="Nathalie", last_name="Dubois")


@pytest.fixture
def member_b(zone_b):
    return make_user(zone=zone_b, first_name="Lotte", last_name="Peeters")


@pytest.fixture
def reference_b(zone_b):
    return make_user(zone=zone_b, reference=True, first_name="Karim", last_name="El Amrani")


@pytest.fixture
def staff(db):
    return make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert")


@pytest.fixture
def pending_user(zone_a):
    user = make_user(first_name="Amélie", last_name="Leroy")
    make_join_request(user=user, zone=zone_a, message="Agente de quartier")
    return user


@pytest.fixture
def personas(db, member_a, reference_a, member_b, reference_b, staff, pending_user):
    """Every persona by name; None is the anonymous visitor."""
    return {
        "anonymous": None,
        "pending": pending_user,
        "member_a": member_a,
        "reference_a": reference_a,
        "member_b": member_b,
        "reference_b": reference_b,
        "staff": staff,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as that user (None stays anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def assert_queries_do_not_grow(django_assert_num_queries):
    """STYLE.md's recipe: a page asks the database as often after ten more rows as before.

    check(client, url, add_row) adds a row, warms the page up, counts its queries, adds ten
    rows, then asserts the same count; it returns the last response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(client, url, add_row):
        add_row()
        assert client.get(url).status_code == 200  # warm-up
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for _ in range(10):
            add_row()
        with django_assert_num_queries(len(few)):
            response = client.get(url)
        assert response.status_code == 200
        return response

    return check


class _MailServerDown:
    def __init__(self, caplog):
        self._caplog = caplog

    @property
    def failures(self):
        """The mails that could not leave, as logged: by members.mail.send_mail, or by Django
        for a mail sent in a robust on-commit callback."""
        return [
            record
            for record in self._caplog.records
            if record.levelno >= logging.ERROR
            and record.exc_info
            and isinstance(record.exc_info[1], SMTPException)
        ]


@pytest.fixture
def mail_server_down(settings, caplog):
    """Every mail fails (tests.failing_mail.Backend). A workflow must still commit and answer
    with its normal page; `mail_server_down.failures` are the failures it logged."""
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    caplog.set_level(logging.ERROR)
    return _MailServerDown(caplog)
