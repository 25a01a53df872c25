"""The events admin: lists, counts, the capacity rule, the series of midis."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from events.models import Event, Registration
from tests.events.factories import make_event, make_guest_registration, register_members


@pytest.fixture
def admin_client(client_for, staff):
    client = client_for(staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def event_form_data(event, **changes):
    data = {
        "kind": event.kind,
        "title": event.title,
        "slug": event.slug,
        "description": event.description,
        "audience": event.audience,
        "starts_at_0": event.starts_at.astimezone().strftime("%Y-%m-%d"),
        "starts_at_1": event.starts_at.astimezone().strftime("%H:%M:%S"),
        "ends_at_0": event.ends_at.astimezone().strftime("%Y-%m-%d"),
        "ends_at_1": event.ends_at.astimezone().strftime("%H:%M:%S"),
        "place": event.place,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_closes_at_0": "",
        "registration_closes_at_1": "",
        "cancellation_notice": "2 00:00:00",
        "offer_hours": event.offer_hours,
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def with_local_times(event):
    from django.utils import timezone

    for field in ("starts_at", "ends_at"):
        setattr(event, field, timezone.localtime(getattr(event, field)))
    return event


def test_the_admin_refuses_a_capacity_below_the_confirmed_registrations(admin_client, zone_a):
    event = with_local_times(make_event(capacity=5))
    register_members(event, 3, zone=zone_a)
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_client.post(url, event_form_data(event, capacity=2))

    assert response.status_code == 200
    assert "3 places are already taken (confirmed or offered): the capacity cannot be lower." in (
        response.content.decode().replace("&#x27;", "'")
    )
    event.refresh_from_db()
    assert event.capacity == 5


def test_the_admin_counts_the_places_offered_as_taken_when_the_capacity_is_lowered(
    admin_client, zone_a
):
    event = with_local_times(make_event(capacity=2))
    first, second, third, fourth = register_members(event, 4, zone=zone_a)
    services.cancel(registration=first)
    services.cancel(registration=second)  # the two places are offered to the two waiting
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_client.post(url, event_form_data(event, capacity=1))

    assert response.status_code == 200
    assert "2 places are already taken (confirmed or offered)" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 2
    for offered in (third, fourth):
        assert services.accept_offer(registration=offered).status == Registration.Status.CONFIRMED


def test_raising_the_capacity_in_the_admin_offers_the_new_places(admin_client, zone_a):
    event = with_local_times(make_event(capacity=1))
    _first, waiting = register_members(event, 2, zone=zone_a)
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_client.post(url, event_form_data(event, capacity=2))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED


def test_the_admin_creates_a_series_of_first_thursdays(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_series"),
        {
            "title": "Midi de la proximité",
            "kind": "midi",
            "nth": "1",
            "weekday": "3",
            "first_date": "2030-01-01",
            "count": "12",
            "start_time": "12:00",
            "end_time": "13:30",
            "place": "Namur",
            "capacity": "40",
            "audience": "public",
        },
    )

    assert response.status_code == 302
    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 12
    assert all(e.starts_at.astimezone().weekday() == 3 for e in events)
    assert [e.starts_at.astimezone().day <= 7 for e in events] == [True] * 12
    assert events[0].starts_at.astimezone().date() == datetime.date(2030, 1, 3)


def test_the_series_form_explains_its_errors(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_series"),
        {
            "title": "Midi",
            "kind": "midi",
            "nth": "1",
            "weekday": "3",
            "first_date": "soon",
            "count": "100",
            "start_time": "13:00",
            "end_time": "12:00",
            "capacity": "-1",
            "audience": "members",
            "open_to_partners": "on",
        },
    )

    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert "Enter a valid date." in content
    assert "The end must come after the start." in content
    assert not Event.objects.exists()


def test_members_cannot_open_the_series_page(client_for, reference_a):
    response = client_for(reference_a).get(reverse("admin:events_event_series"))
    assert response.status_code == 302
    assert not Event.objects.exists()


def add_event_rows():
    event = make_event()
    make_guest_registration(event)
    make_guest_registration(event, status="waiting", attended=False)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/event/",
        "/admin/events/event/?when=upcoming&kind__exact=midi",
        "/admin/events/registration/",
        "/admin/events/registration/?q=Guest",
    ],
)
def test_admin_lists_answer_with_queries_that_do_not_grow(
    admin_client, django_assert_num_queries, url
):
    add_event_rows()
    assert admin_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(5):
        add_event_rows()
    with django_assert_num_queries(len(few)):
        response = admin_client.get(url)
    assert response.status_code == 200


def test_the_admin_list_shows_the_counts(admin_client, zone_a, staff):
    event = make_event(title="Midi compté", capacity=2)
    registrations = register_members(event, 3, zone=zone_a)
    services.check_in(registration=registrations[0], by=staff)

    response = admin_client.get("/admin/events/event/")

    row = next(line for line in response.content.decode().splitlines() if "Midi compté" in line)
    assert 'class="field-confirmed">2<' in row
    assert 'class="field-waiting">1<' in row
    assert 'class="field-attended">1<' in row


def test_the_event_page_in_the_admin_lists_registrations_inline(admin_client, zone_a):
    event = make_event()
    register_members(event, 2, zone=zone_a)

    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("field-person") >= 2


def test_registrations_cannot_be_deleted_in_the_admin(admin_client, zone_a):
    event = make_event()
    (registration,) = register_members(event, 1, zone=zone_a)
    url = reverse("admin:events_registration_delete", args=[registration.pk])

    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.parametrize(("language", "typed"), [("fr", "1 200"), ("nl", "1.200"), ("en", "1,200")])
def test_staff_type_a_capacity_the_way_their_language_writes_it(admin_client, language, typed):
    event = with_local_times(make_event(capacity=5))
    url = reverse("admin:events_event_change", args=[event.pk])
    page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    box = re.search(r'<input[^>]*name="capacity"[^>]*>', page).group()
    assert 'type="text"' in box
    assert 'inputmode="numeric"' in box

    response = admin_client.post(
        url, event_form_data(event, capacity=typed), HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 1200


def test_a_capacity_with_a_decimal_part_is_refused_in_the_admin(admin_client):
    event = with_local_times(make_event(capacity=5))
    url = reverse("admin:events_event_change", args=[event.pk])

    response = admin_client.post(url, event_form_data(event, capacity="12.5"))

    assert response.status_code == 200
    assert "Write a whole number such as 3,200." in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 5
