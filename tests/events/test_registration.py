"""Registration rules: capacity, waiting list, offers and their expiry, deadlines, workshops.

Time moves by passing `now=` to the services: nothing waits for real.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.models import Event, Registration, Session, SessionChoice, nth_weekday_dates
from tests.events.factories import make_event, make_session, register_members
from tests.factories import make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted here are the English source texts."""
    with translation.override("en"):
        yield


def statuses(event):
    return list(event.registrations.order_by("pk").values_list("status", flat=True))


# Capacity and the waiting list


def test_registrations_beyond_the_capacity_join_the_waiting_list_in_order(zone_a):
    event = make_event(capacity=2)

    registrations = register_members(event, 4, zone=zone_a)

    assert [r.status for r in registrations] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    waiting = list(event.registrations.waiting_list())
    assert waiting == registrations[2:]


def test_registering_twice_is_refused_and_changes_nothing(member_a):
    event = make_event()
    services.register(event=event, user=member_a)

    with pytest.raises(ValidationError, match="already registered"):
        services.register(event=event, user=member_a)

    assert event.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_of_one_member(member_a):
    event = make_event()
    services.register(event=event, user=member_a)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=member_a, status=Status.CONFIRMED)


def test_a_member_who_cancelled_may_register_again(member_a):
    event = make_event()
    first = services.register(event=event, user=member_a)
    services.cancel(registration=first)

    again = services.register(event=event, user=member_a)

    assert again.status == Status.CONFIRMED
    assert statuses(event) == [Status.CANCELLED, Status.CONFIRMED]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "not open yet"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"is_cancelled": True}, "cancelled"),
        ({"days": -3}, "already started"),
    ],
    ids=["before opening", "after closing", "cancelled event", "past event"],
)
def test_registering_outside_the_window_is_refused(member_a, fields, message):
    event = make_event(**fields)

    with pytest.raises(ValidationError, match=message):
        services.register(event=event, user=member_a)

    assert not event.registrations.exists()


def test_a_person_without_a_zone_cannot_register_with_an_account(pending_user):
    with pytest.raises(ValidationError, match="Only members"):
        services.register(event=make_event(), user=pending_user)


def test_a_reference_person_registers_a_colleague_of_their_zone(reference_a, member_a):
    registration = services.register(event=make_event(), user=member_a, by=reference_a)

    assert registration.user == member_a
    assert registration.registered_by == reference_a


def test_a_reference_person_cannot_register_someone_of_another_zone(reference_a, member_b):
    with pytest.raises(PermissionDenied):
        services.register(event=make_event(), user=member_b, by=reference_a)


def test_a_member_cannot_register_a_colleague(member_a, zone_a):
    colleague = make_user(zone=zone_a)
    with pytest.raises(PermissionDenied):
        services.register(event=make_event(), user=colleague, by=member_a)


def test_answers_and_consents_are_stored_with_their_date(member_a):
    now = timezone.now()
    registration = services.register(
        event=make_event(),
        user=member_a,
        answers={
            "dietary_needs": "Halal",
            "accessibility_needs": "",
            "photo_consent": True,
            "publication_consent": False,
        },
        now=now,
    )

    registration.refresh_from_db()
    assert registration.dietary_needs == "Halal"
    assert registration.photo_consent is True
    assert registration.photo_consent_at == now
    assert registration.publication_consent is False
    assert registration.publication_consent_at == now  # the refusal is dated too


# Cancelling and offers


def test_a_cancelled_place_is_offered_to_the_first_person_waiting(
    zone_a, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, offer_hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = register_members(event, 3, zone=zone_a)
    mailoutbox.clear()
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first, now=now)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.OFFERED
    assert second.offer_expires_at == now + datetime.timedelta(hours=24)
    assert third.status == Status.WAITING
    offer_mails = [mail for mail in mailoutbox if second.user.email in mail.to]
    assert len(offer_mails) == 1
    assert "/events/link/" in offer_mails[0].body


def test_an_offer_accepted_in_time_confirms_the_place(zone_a):
    event = make_event(capacity=1)
    first, second = register_members(event, 2, zone=zone_a)
    now = timezone.now()
    services.cancel(registration=first, now=now)

    accepted = services.accept_offer(registration=second, now=now + datetime.timedelta(hours=23))

    assert accepted.status == Status.CONFIRMED


def test_an_offer_accepted_too_late_lapses_and_passes_to_the_next_person(zone_a):
    event = make_event(capacity=1)
    first, second, third = register_members(event, 3, zone=zone_a)
    now = timezone.now()
    services.cancel(registration=first, now=now)

    result = services.accept_offer(registration=second, now=now + datetime.timedelta(hours=25))

    assert result.status == Status.EXPIRED
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_lapsed_offers_pass_on_when_the_housekeeping_runs(zone_a):
    event = make_event(capacity=2, offer_hours=12)
    first, _second, third, fourth = register_members(event, 4, zone=zone_a)
    now = timezone.now()
    services.cancel(registration=first, now=now)

    assert services.expire_offers(now=now + datetime.timedelta(hours=11)) == (0, 0)
    assert services.expire_offers(now=now + datetime.timedelta(hours=12)) == (1, 1)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Status.EXPIRED
    assert fourth.status == Status.OFFERED
    assert fourth.offer_expires_at == now + datetime.timedelta(hours=24)


def test_an_offer_never_lasts_beyond_the_start_of_the_event(zone_a):
    event = make_event(capacity=1, days=0, hours=2, offer_hours=24)
    event.starts_at = timezone.now() + datetime.timedelta(hours=3)
    event.ends_at = event.starts_at + datetime.timedelta(hours=1)
    event.cancellation_notice = datetime.timedelta(0)
    event.save()
    first, second = register_members(event, 2, zone=zone_a)

    services.cancel(registration=first)

    second.refresh_from_db()
    assert second.offer_expires_at == event.starts_at


def test_offers_accepted_after_the_capacity_was_lowered_never_overbook_the_event(zone_a):
    event = make_event(capacity=2)
    first, second, third, fourth = register_members(event, 4, zone=zone_a)
    services.cancel(registration=first)
    services.cancel(registration=second)
    # Lowered behind the workflows' back (a script, or a save that raced the offers).
    Event.objects.filter(pk=event.pk).update(capacity=1)

    refused = services.accept_offer(registration=third)
    accepted = services.accept_offer(registration=fourth)

    assert refused.status == Status.WAITING
    assert refused.offer_expires_at is None
    assert accepted.status == Status.CONFIRMED
    assert event.registrations.holding_a_place().count() == 1
    # Back at the head of the waiting list: the next place that frees up is theirs.
    services.cancel(registration=accepted)
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_a_person_whose_offer_is_withdrawn_is_told_on_the_page(client_for, zone_a):
    event = make_event(capacity=1)
    first, second = register_members(event, 2, zone=zone_a)
    services.cancel(registration=first)
    Event.objects.filter(pk=event.pk).update(capacity=0)
    client = client_for(second.user)

    response = client.post(
        reverse("events:registration_accept", args=[second.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "you are back at the head of the waiting list" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Status.WAITING


def test_declining_an_offer_passes_it_on(zone_a):
    event = make_event(capacity=1)
    first, second, third = register_members(event, 3, zone=zone_a)
    services.cancel(registration=first)
    second.refresh_from_db()

    services.cancel(registration=second)

    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_cancelling_after_the_deadline_is_refused(member_a):
    event = make_event(days=5, cancellation_notice=datetime.timedelta(days=2))
    registration = services.register(event=event, user=member_a)
    late = event.starts_at - datetime.timedelta(days=1)

    with pytest.raises(ValidationError, match="deadline has passed"):
        services.cancel(registration=registration, now=late)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert services.cancel(registration=registration, now=late, by_staff=True)[1] is True


def test_leaving_the_waiting_list_is_possible_after_the_deadline(zone_a):
    event = make_event(capacity=1, days=5, cancellation_notice=datetime.timedelta(days=2))
    _first, waiting = register_members(event, 2, zone=zone_a)

    services.cancel(registration=waiting, now=event.starts_at - datetime.timedelta(hours=5))

    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED


def test_cancelling_twice_changes_nothing_the_second_time(member_a):
    registration = services.register(event=make_event(), user=member_a)
    services.cancel(registration=registration)

    _again, changed = services.cancel(registration=registration)

    assert changed is False


def test_staff_promote_a_waiting_person_with_a_reason(zone_a, staff):
    event = make_event(capacity=1)
    _first, waiting = register_members(event, 2, zone=zone_a)

    promoted = services.promote(registration=waiting, by=staff, reason="Speaker of the day")

    assert promoted.status == Status.CONFIRMED
    assert promoted.promoted_by == staff
    assert promoted.promotion_reason == "Speaker of the day"


def test_a_promotion_needs_a_reason_and_staff(zone_a, staff, reference_a):
    event = make_event(capacity=1)
    _first, waiting = register_members(event, 2, zone=zone_a)

    with pytest.raises(ValidationError):
        services.promote(registration=waiting, by=staff, reason="  ")
    with pytest.raises(PermissionDenied):
        services.promote(registration=waiting, by=reference_a, reason="Colleague")
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_raising_the_capacity_offers_the_new_places(zone_a):
    event = make_event(capacity=1)
    _first, second, third = register_members(event, 3, zone=zone_a)
    event.capacity = 2
    event.save(update_fields=["capacity"])

    offered = services.fill_free_places(event=event)

    assert [r.pk for r in offered] == [second.pk]
    third.refresh_from_db()
    assert third.status == Status.WAITING


# Partner guests


def test_a_guest_holds_no_place_until_the_link_is_opened(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, open_to_partners=True)
    with django_capture_on_commit_callbacks(execute=True):
        guest = services.register_guest(
            event=event,
            name="Anne Lenoir",
            organisation="Parquet de Liège",
            email="Anne@Parquet.be",
        )

    assert guest.status == Status.PENDING
    assert guest.email == "anne@parquet.be"
    assert "/events/guest/" in mailoutbox[0].body

    confirmed, changed = services.confirm_guest(registration=guest)
    assert changed and confirmed.status == Status.CONFIRMED
    again, changed = services.confirm_guest(registration=guest)
    assert not changed and again.status == Status.CONFIRMED


def test_guests_are_refused_when_the_event_is_not_open_to_partners():
    with pytest.raises(ValidationError, match="not open to partners"):
        services.register_guest(
            event=make_event(), name="Anne", organisation="Parquet", email="anne@parquet.be"
        )


def test_a_guest_registered_twice_with_one_address_is_refused_once_confirmed():
    event = make_event(open_to_partners=True)
    first = services.register_guest(event=event, name="A", organisation="B", email="a@b.be")
    services.confirm_guest(registration=first)

    with pytest.raises(ValidationError, match="already registered"):
        services.register_guest(event=event, name="A", organisation="B", email="A@B.BE")


def test_the_database_refuses_two_active_guests_with_one_address():
    event = make_event(open_to_partners=True)
    services.register_guest(event=event, name="A", organisation="B", email="a@b.be")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, guest_name="C", email="A@b.be", status=Status.PENDING
        )


# Workshops


def test_workshop_capacity_is_enforced(zone_a):
    event = make_event(capacity=10)
    workshop = make_session(event, capacity=1)
    first, second = register_members(event, 2, zone=zone_a)
    services.choose_sessions(registration=first, sessions=[workshop])

    with pytest.raises(ValidationError, match="is full"):
        services.choose_sessions(registration=second, sessions=[workshop])

    assert workshop.choices.count() == 1


def test_a_participant_picks_at_most_one_workshop_per_time_slot(member_a):
    event = make_event()
    morning_a = make_session(event, hour=10)
    morning_b = make_session(event, hour=10)
    afternoon = make_session(event, hour=14)
    registration = services.register(event=event, user=member_a)

    with pytest.raises(ValidationError, match="one workshop per time slot"):
        services.choose_sessions(registration=registration, sessions=[morning_a, morning_b])

    services.choose_sessions(registration=registration, sessions=[morning_a, afternoon])
    services.choose_sessions(registration=registration, sessions=[morning_b, afternoon])
    assert set(registration.choices.values_list("session_id", flat=True)) == {
        morning_b.pk,
        afternoon.pk,
    }


def test_the_database_refuses_two_workshops_of_one_slot(member_a):
    event = make_event()
    first, second = make_session(event, hour=10), make_session(event, hour=10)
    registration = services.register(event=event, user=member_a)
    SessionChoice.objects.create(registration=registration, session=first, slot=first.starts_at)

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionChoice.objects.create(
            registration=registration, session=second, slot=second.starts_at
        )


def test_a_cancelled_participant_frees_the_workshop_seat(zone_a):
    event = make_event()
    workshop = make_session(event, capacity=1)
    first, second = register_members(event, 2, zone=zone_a)
    services.choose_sessions(registration=first, sessions=[workshop])
    services.cancel(registration=first)

    services.choose_sessions(registration=second, sessions=[workshop])

    assert Session.objects.with_counts().get(pk=workshop.pk).taken_count == 1


def test_people_waiting_cannot_pick_workshops_yet(zone_a):
    event = make_event(capacity=1)
    workshop = make_session(event)
    _first, waiting = register_members(event, 2, zone=zone_a)

    with pytest.raises(ValidationError, match="once your place is confirmed"):
        services.choose_sessions(registration=waiting, sessions=[workshop])


# On the day


def test_check_in_records_who_came_and_who_ticked(member_a, staff):
    registration = services.register(event=make_event(), user=member_a)

    services.check_in(registration=registration, by=staff)

    registration.refresh_from_db()
    assert registration.attended
    assert registration.checked_in_by == staff
    services.check_in(registration=registration, by=staff, attended=False)
    registration.refresh_from_db()
    assert not registration.attended


def test_a_walk_in_is_recorded_as_present(staff):
    event = make_event()

    walk_in = services.add_walk_in(event=event, by=staff, name="Jean Dupuis", organisation="CPAS")

    assert walk_in.walk_in and walk_in.attended
    assert walk_in.status == Status.CONFIRMED
    with pytest.raises(ValidationError, match="name"):
        services.add_walk_in(event=event, by=staff, name=" ")


# The event's own rules


def test_the_capacity_cannot_be_lowered_below_the_places_taken(zone_a):
    event = make_event(capacity=5)
    register_members(event, 3, zone=zone_a)
    event.capacity = 2

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "3 places are already taken" in str(error.value.message_dict["capacity"])


def test_places_offered_count_as_taken_when_the_capacity_is_lowered(zone_a):
    event = make_event(capacity=2)
    first, second, _third, _fourth = register_members(event, 4, zone=zone_a)
    services.cancel(registration=first)
    services.cancel(registration=second)
    event.refresh_from_db()
    event.capacity = 1

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "2 places are already taken" in str(error.value.message_dict["capacity"])


@pytest.mark.parametrize(
    "changes",
    [{"capacity": -1}, {"ends_at": "before"}, {"open_to_partners": True, "audience": "members"}],
    ids=["negative capacity", "ends before start", "partners on a members-only event"],
)
def test_the_database_refuses_an_inconsistent_event(changes):
    event = make_event()
    for field, value in changes.items():
        if value == "before":
            value = event.starts_at - datetime.timedelta(hours=1)
        setattr(event, field, value)

    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_an_event_needs_a_place_or_a_link():
    event = make_event(place="", online_url="")
    with pytest.raises(ValidationError, match="place, an online link"):
        event.full_clean()


def test_event_slugs_are_unique_and_dated():
    starts = timezone.now() + datetime.timedelta(days=3)
    first = make_event(title="Midi", starts_at=starts)
    second = make_event(title="Midi", starts_at=starts)

    assert first.slug != second.slug
    assert first.slug.startswith(timezone.localtime(starts).date().isoformat())


def test_a_series_of_first_thursdays_skips_none_and_starts_on_or_after_the_first_day():
    dates = nth_weekday_dates(first=datetime.date(2026, 1, 2), weekday=3, nth=1, count=3)

    assert dates == [
        datetime.date(2026, 2, 5),
        datetime.date(2026, 3, 5),
        datetime.date(2026, 4, 2),
    ]
    assert nth_weekday_dates(first=datetime.date(2026, 1, 1), weekday=3, nth=-1, count=1) == [
        datetime.date(2026, 1, 29)
    ]


def test_create_series_keeps_brussels_hours_across_daylight_saving():
    events = services.create_series(
        dates=[datetime.date(2026, 3, 5), datetime.date(2026, 4, 2)],
        start_time=datetime.time(12),
        end_time=datetime.time(13, 30),
        title="Midi",
        kind=Event.Kind.MIDI,
        place="Namur",
        capacity=30,
    )

    assert [timezone.localtime(e.starts_at).hour for e in events] == [12, 12]
    assert [e.starts_at.utcoffset() for e in events] != [None, None]
    assert events[0].starts_at.astimezone(datetime.UTC).hour == 11
    assert events[1].starts_at.astimezone(datetime.UTC).hour == 10


def test_a_mail_server_failure_never_undoes_a_registration(
    member_a, mail_server_down, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(event=event, user=member_a)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert len(mail_server_down.failures) == 1


def test_registration_mails_carry_the_associations_name_and_an_html_part(
    member_a, mailoutbox, django_capture_on_commit_callbacks, settings
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=member_a)

    [message] = mailoutbox
    assert message.subject.startswith(settings.MAIL_SUBJECT_PREFIX)
    assert settings.MAIL_SENDER_NAME in message.from_email
    assert [mimetype for _c, mimetype in message.alternatives] == ["text/html"]
    assert event.title in message.alternatives[0][0]
    assert [name for name, _c, _m in message.attachments] == [f"{event.slug}.ics"]
