"""A registration keeps the person's zone of the day, so that past counts by zone or region
do not move when the person changes zone."""

import pytest
from django.urls import reverse

from events import services
from tests.events.factories import make_event
from tests.factories import make_user, make_zone

pytestmark = pytest.mark.django_db


def test_registration_records_the_zone_of_the_day_and_keeps_it():
    liege, gent = make_zone(name="Liège"), make_zone(name="Gent", region="flanders")
    person = make_user(zone=liege)
    registration = services.register(event=make_event(), user=person)
    person.zone = gent
    person.save()
    registration.refresh_from_db()
    assert registration.zone == liege


def test_a_colleague_registered_by_the_reference_person_gets_their_own_zone():
    zone = make_zone()
    reference, colleague = make_user(zone=zone, reference=True), make_user(zone=zone)
    registration = services.register(event=make_event(), user=colleague, by=reference)
    assert registration.zone == zone


def test_a_member_added_at_the_door_gets_their_zone_and_a_guest_none():
    zone = make_zone()
    staff = make_user(staff=True)
    event = make_event()
    member = services.add_walk_in(event=event, by=staff, user=make_user(zone=zone))
    guest = services.add_walk_in(event=event, by=staff, name="Anne", organisation="Parquet")
    assert member.zone == zone
    assert guest.zone is None
    assert guest.guest_organisation == "Parquet"


def test_the_participants_list_badges_and_export_show_the_zone_of_the_day(client_for):
    liege, gent = make_zone(name="Liège"), make_zone(name="Gent", region="flanders")
    person = make_user(zone=liege, last_name="Renard")
    event = make_event()
    services.register(event=event, user=person)
    person.zone = gent
    person.save()
    staff = client_for(make_user(staff=True, totp=True))

    for name in ("participants", "badges", "export_csv"):
        page = staff.get(reverse(f"events:{name}", args=[event.slug])).content.decode("utf-8-sig")
        assert "Liège" in page, name
        assert "Gent" not in page, name
