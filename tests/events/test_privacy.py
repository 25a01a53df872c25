"""events' part of a person's data: registrations, answers, consents."""

import datetime

import pytest
from django.utils import timezone

from events import privacy, services
from events.models import ConsentChange, Registration
from tests.events.factories import make_event, make_guest_registration

pytestmark = pytest.mark.django_db


def test_the_export_lists_registrations_with_answers_and_dated_consents(member_a):
    event = make_event(title="Midi de la proximité : Senior Focus")
    registration = services.register(
        event=event,
        user=member_a,
        answers={"dietary_needs": "Végétarien", "photo_consent": True},
    )
    services.change_consents(registration=registration, photo=False, publication=False)

    (section,) = privacy.export(member_a)

    (row,) = [{key: value for key, _label, value in row} for row in section.rows]
    assert row["event"] == "Midi de la proximité : Senior Focus"
    assert row["dietary_needs"] == "Végétarien"
    assert row["photo_consent"] is False
    assert row["consent_history"].count("(") == 3  # given, publication refused, withdrawn


def test_anonymising_keeps_status_and_attendance_and_loses_answers_and_consents(member_a):
    event = make_event(days=-3)
    registration = Registration.objects.create(
        event=event,
        user=member_a,
        status=Registration.Status.CONFIRMED,
        attended=True,
        confirmed_at=timezone.now(),
        accessibility_needs="Fauteuil roulant",
        publication_consent=True,
    )

    privacy.anonymise(member_a, timezone.now())

    registration.refresh_from_db()
    assert (registration.status, registration.attended) == ("confirmed", True)
    assert registration.accessibility_needs == ""
    assert not registration.publication_consent
    assert registration.anonymised_at is not None


def test_partner_guests_of_an_event_from_yesterday_keep_their_name():
    yesterday = make_event(days=-1)
    guest = make_guest_registration(yesterday)

    assert privacy.purge(timezone.now()) == {"partner guests anonymised": 0}
    guest.refresh_from_db()
    assert guest.email


def test_consents_given_at_registration_start_the_history():
    event = make_event(open_to_partners=True)
    registration = services.register_guest(
        event=event,
        name="Anne Lenoir",
        organisation="Parquet de Liège",
        email="anne@parquet.be",
        answers={"photo_consent": True, "publication_consent": True},
        now=timezone.now() - datetime.timedelta(minutes=1),
    )
    kinds = set(
        ConsentChange.objects.filter(registration=registration).values_list("kind", "given")
    )
    assert kinds == {("photo", True), ("publication", True)}
