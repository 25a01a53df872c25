"""Every workflow of registration that mails keeps what it did, and its page answers normally,
when the mail server is down: the failed mail is logged, never turned into an error page."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events import services
from events.links import guest_token
from events.models import Event, Registration
from tests.events.factories import make_event, register_members
from tests.events.test_admin import event_form_data, with_local_times

Status = Registration.Status


@pytest.fixture
def event(db):
    return make_event(open_to_partners=True, audience=Event.Audience.PUBLIC, capacity=1)


def test_a_member_registers(
    client_for, member_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_a).post(
            reverse("events:register", args=[event.slug]), follow=True
        )

    assert response.status_code == 200
    assert event.registrations.get(user=member_a).status == Status.CONFIRMED
    assert len(mail_server_down.failures) == 1


def test_a_reference_person_registers_a_colleague(
    client_for, reference_a, member_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reference_a).post(
            reverse("events:register_colleague", args=[event.slug]),
            {"colleague": member_a.pk},
            follow=True,
        )

    assert response.status_code == 200
    assert event.registrations.get(user=member_a).registered_by == reference_a
    assert len(mail_server_down.failures) == 1


def test_a_partner_registers_and_confirms(
    client, event, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register_guest", args=[event.slug]),
            {"name": "Anne Lenoir", "organisation": "Parquet de Liège", "email": "a@parquet.be"},
        )
    assert response.status_code == 200
    registration = event.registrations.get()
    assert registration.status == Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:guest_confirm", args=[guest_token(registration)]), follow=True
        )

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert len(mail_server_down.failures) == 2


def test_a_member_cancels_and_the_place_is_offered_to_the_next(
    client_for, zone_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    first, second = register_members(event, 2, zone=zone_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(first.user).post(
            reverse("events:registration_cancel", args=[first.pk]), follow=True
        )

    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert second.status == Status.OFFERED
    assert len(mail_server_down.failures) == 2  # the cancellation, and the offer


def test_a_member_accepts_an_offer(
    client_for, zone_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    first, second = register_members(event, 2, zone=zone_a)
    services.cancel(registration=first)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(second.user).post(
            reverse("events:registration_accept", args=[second.pk]), follow=True
        )

    assert response.status_code == 200
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert len(mail_server_down.failures) == 1


def test_staff_promote_a_person_waiting(
    client_for, staff, zone_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    _first, waiting = register_members(event, 2, zone=zone_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("events:promote", args=[event.slug, waiting.pk]),
            {"reason": "Speaker"},
            follow=True,
        )

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert len(mail_server_down.failures) == 1


def test_staff_raise_the_capacity_in_the_admin_and_the_new_place_is_offered(
    client_for, staff, zone_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    _first, waiting = register_members(event, 2, zone=zone_a)
    url = reverse("admin:events_event_change", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            url, event_form_data(with_local_times(event), capacity=2), follow=True
        )

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert len(mail_server_down.failures) == 1


def test_the_housekeeping_passes_a_lapsed_offer_on(
    zone_a, event, mail_server_down, django_capture_on_commit_callbacks
):
    first, second, third = register_members(event, 3, zone=zone_a)
    services.cancel(registration=first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("housekeeping", stdout=io.StringIO())

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.EXPIRED
    assert third.status == Status.OFFERED
    assert len(mail_server_down.failures) == 2  # the lapse, and the new offer
