"""The pages of the events app: who may open them, what they do, and what they cost.

Pages are asked for in English (the French catalogue is still being written), so the texts
asserted here are the source strings of the templates and views.
"""

import datetime
import html
import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import services
from events.links import GUEST_SALT, guest_token, manage_token
from events.models import Event, Registration
from tests.answers import LOGIN, assert_answer
from tests.events.factories import (
    make_event,
    make_guest_registration,
    make_session,
    register_members,
)
from tests.factories import make_user

Status = Registration.Status
PERSONAS = ["anonymous", "pending", "member_a", "reference_a", "member_b", "reference_b", "staff"]


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def public_event(db):
    return make_event(title="Séminaire annuel", kind=Event.Kind.SEMINAR, open_to_partners=True)


@pytest.fixture
def members_event(db):
    return make_event(title="Midi réservé", audience=Event.Audience.MEMBERS)


# Who may open which page

PAGES = {
    "agenda": lambda public, members: reverse("events:agenda"),
    "archive": lambda public, members: reverse("events:archive", args=[2025]),
    "public event": lambda public, members: public.get_absolute_url(),
    "members event": lambda public, members: members.get_absolute_url(),
    "calendar file": lambda public, members: reverse("events:event_calendar", args=[public.slug]),
    "members calendar file": lambda public, members: reverse(
        "events:event_calendar", args=[members.slug]
    ),
    "feed": lambda public, members: reverse("events:feed"),
    "partner form": lambda public, members: reverse("events:register_guest", args=[public.slug]),
    "partner form, members event": lambda public, members: reverse(
        "events:register_guest", args=[members.slug]
    ),
    "colleagues": lambda public, members: reverse("events:register_colleague", args=[public.slug]),
    "check-in": lambda public, members: reverse("events:check_in", args=[public.slug]),
    "check-in, members event": lambda public, members: reverse(
        "events:check_in", args=[members.slug]
    ),
    "participants": lambda public, members: reverse("events:participants", args=[public.slug]),
    "export": lambda public, members: reverse("events:export_csv", args=[public.slug]),
    "badges": lambda public, members: reverse("events:badges", args=[public.slug]),
    "photo consents": lambda public, members: reverse("events:photo_consents", args=[public.slug]),
}
STAFF_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN, "staff": 200}
MEMBERS_SEE = {**dict.fromkeys(PERSONAS, 200), "anonymous": 404, "pending": 404}
EXPECTED = {
    "agenda": dict.fromkeys(PERSONAS, 200),
    "archive": dict.fromkeys(PERSONAS, 200),
    "public event": dict.fromkeys(PERSONAS, 200),
    "members event": MEMBERS_SEE,
    "calendar file": dict.fromkeys(PERSONAS, 200),
    "members calendar file": MEMBERS_SEE,
    "feed": dict.fromkeys(PERSONAS, 200),
    "partner form": dict.fromkeys(PERSONAS, 200),
    "partner form, members event": {**MEMBERS_SEE, **dict.fromkeys(PERSONAS[2:], 404)},
    "colleagues": {**STAFF_ONLY, "reference_a": 200, "reference_b": 200},
    "check-in": STAFF_ONLY,
    "check-in, members event": {**STAFF_ONLY, "pending": 404},
    "participants": STAFF_ONLY,
    "export": STAFF_ONLY,
    "badges": STAFF_ONLY,
    "photo consents": STAFF_ONLY,
}
MATRIX = [
    pytest.param(page, persona, expected, id=f"{page}-{persona}-{expected}")
    for page, by_persona in EXPECTED.items()
    for persona, expected in by_persona.items()
]


@pytest.mark.parametrize(("page", "persona", "expected"), MATRIX)
def test_each_persona_gets_what_it_may_see(
    client_for, personas, public_event, members_event, page, persona, expected
):
    url = PAGES[page](public_event, members_event)

    response = client_for(personas[persona]).get(url)

    assert_answer(response, url, expected)


def test_an_event_host_opens_the_check_in_page_but_not_the_exports(client_for, member_b):
    event = make_event()
    event.hosts.add(member_b)
    client = client_for(member_b)

    assert client.get(reverse("events:check_in", args=[event.slug])).status_code == 200
    assert client.get(reverse("events:export_csv", args=[event.slug])).status_code == 403


def test_an_unknown_event_answers_404(client_for, member_a):
    assert client_for(member_a).get("/events/no-such-event/").status_code == 404


def test_members_only_events_are_not_listed_to_visitors(client, members_event, public_event):
    content = text_of(client.get(reverse("events:agenda")))

    assert public_event.title in content
    assert members_event.title not in content


def test_the_agenda_shows_places_left_and_archives_past_events(client_for, member_a, zone_a):
    upcoming = make_event(title="Midi à venir", capacity=3)
    register_members(upcoming, 1, zone=zone_a)
    past = make_event(title="Midi passé", days=-400)

    content = text_of(client_for(member_a).get(reverse("events:agenda")))

    assert "2 places left" in content
    assert past.title not in content
    year = timezone.localtime(past.starts_at).year
    archive = text_of(client_for(member_a).get(reverse("events:archive", args=[year])))
    assert past.title in archive


def test_a_past_event_does_not_show_places_left(client_for, member_a):
    past = make_event(title="Midi passé", days=-3, capacity=30)
    make_session(past)

    content = text_of(client_for(member_a).get(past.get_absolute_url()))

    assert "places left" not in content
    assert "place left" not in content
    assert "This event is over." in content


def test_an_upcoming_event_shows_its_places_left(client_for, member_a):
    upcoming = make_event(capacity=28)
    make_session(upcoming, capacity=12)

    content = text_of(client_for(member_a).get(upcoming.get_absolute_url()))

    assert "28 places left" in content
    assert "12 places left" in content
    assert "This event is over." not in content


# Registering from the site


def test_a_member_registers_in_one_click_and_gets_the_calendar_by_mail(
    client_for, member_a, public_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_a).post(
            reverse("events:register", args=[public_event.slug]), {"photo_consent": "on"}
        )

    assert response.status_code == 302
    registration = Registration.objects.get(event=public_event, user=member_a)
    assert registration.status == Status.CONFIRMED
    assert registration.photo_consent and not registration.publication_consent
    (mail,) = mailoutbox
    assert mail.to == [member_a.email]
    (attachment,) = mail.attachments
    assert attachment[0].endswith(".ics")
    assert attachment[2] == "text/calendar"
    assert "/events/link/" in mail.body


def test_a_member_registering_for_a_full_event_is_told_they_wait(client_for, member_a, zone_b):
    event = make_event(capacity=1)
    register_members(event, 1, zone=zone_b)

    response = client_for(member_a).post(reverse("events:register", args=[event.slug]), follow=True)

    assert "you are on the waiting list" in text_of(response)
    assert "position 1" in text_of(response)


def test_registering_twice_from_the_site_says_so_and_changes_nothing(
    client_for, member_a, public_event
):
    client = client_for(member_a)
    client.post(reverse("events:register", args=[public_event.slug]))

    response = client.post(reverse("events:register", args=[public_event.slug]), follow=True)

    assert "You are already registered for this event." in text_of(response)
    assert public_event.registrations.count() == 1


def test_registering_before_the_opening_says_so(client_for, member_a):
    event = make_event(registration_opens_at=timezone.now() + datetime.timedelta(days=2))

    response = client_for(member_a).post(reverse("events:register", args=[event.slug]), follow=True)

    assert "Registration is not open yet." in text_of(response)
    assert not event.registrations.exists()


def test_over_long_answers_are_refused_with_a_message(client_for, member_a, public_event):
    response = client_for(member_a).post(
        reverse("events:register", args=[public_event.slug]),
        {"dietary_needs": "x" * 501},
        follow=True,
    )

    assert "at most 500 characters" in text_of(response)
    assert not public_event.registrations.exists()


@pytest.mark.parametrize("persona", ["anonymous", "pending", "staff"])
def test_people_without_a_zone_cannot_register_themselves(
    client_for, personas, public_event, persona
):
    response = client_for(personas[persona]).post(
        reverse("events:register", args=[public_event.slug])
    )

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))
    assert not public_event.registrations.exists()


def test_a_reference_person_registers_a_colleague_from_the_form(
    client_for, reference_a, member_a, member_b, public_event
):
    url = reverse("events:register_colleague", args=[public_event.slug])
    client = client_for(reference_a)
    content = text_of(client.get(url))
    assert "Julien Renard" in content
    assert "Lotte Peeters" not in content  # another zone

    response = client.post(url, {"colleague": member_a.pk})

    assert response.status_code == 302
    assert public_event.registrations.get().user == member_a
    # Someone of another zone, posted by hand, is refused by the form.
    response = client.post(url, {"colleague": member_b.pk})
    assert response.status_code == 200
    assert public_event.registrations.count() == 1


# Cancelling, accepting


def test_a_member_cancels_from_the_dashboard(client_for, member_a, public_event):
    registration = services.register(event=public_event, user=member_a)
    client = client_for(member_a)
    assert public_event.title in text_of(client.get("/"))

    response = client.post(
        reverse("events:registration_cancel", args=[registration.pk]), {"next": "/"}
    )

    assert response.status_code == 302
    assert response.url == "/"
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("member_b", 404), ("reference_b", 404), ("reference_a", 302), ("staff", 302)],
)
def test_only_the_person_their_reference_person_or_staff_cancel_a_registration(
    client_for, personas, member_a, public_event, persona, expected
):
    registration = services.register(event=public_event, user=member_a)

    response = client_for(personas[persona]).post(
        reverse("events:registration_cancel", args=[registration.pk])
    )

    assert response.status_code == expected
    registration.refresh_from_db()
    assert (registration.status == Status.CANCELLED) is (expected == 302)


def test_a_forged_registration_id_answers_404(client_for, member_a):
    assert client_for(member_a).post("/events/registrations/999999/cancel/").status_code == 404
    assert client_for(member_a).post("/events/registrations/999999/accept/").status_code == 404
    assert client_for(member_a).get("/events/link/forged-token/").status_code == 404


def test_cancelling_after_the_deadline_from_the_site_is_refused(client_for, member_a):
    event = make_event(days=1, cancellation_notice=datetime.timedelta(days=2))
    registration = services.register(event=event, user=member_a)

    response = client_for(member_a).post(
        reverse("events:registration_cancel", args=[registration.pk]), follow=True
    )

    assert "The cancellation deadline has passed" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_the_waiting_person_accepts_the_offer_from_the_mailed_link(client, zone_a):
    event = make_event(capacity=1)
    first, second = register_members(event, 2, zone=zone_a)
    services.cancel(registration=first)
    url = reverse("events:registration_by_link", args=[manage_token(second)])

    assert "A place is free for you" in text_of(client.get(url))
    response = client.post(url, {"action": "accept"}, follow=True)

    assert "Your place is confirmed" in text_of(response)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED


def test_a_lapsed_offer_cannot_be_accepted_from_the_link(client, zone_a):
    event = make_event(capacity=1)
    first, second, third = register_members(event, 3, zone=zone_a)
    services.cancel(registration=first, now=timezone.now() - datetime.timedelta(hours=30))
    url = reverse("events:registration_by_link", args=[manage_token(second)])

    response = client.post(url, {"action": "accept"}, follow=True)

    assert "this offer has lapsed" in text_of(response)
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_an_unknown_action_on_the_link_changes_nothing(client, member_a, public_event):
    registration = services.register(event=public_event, user=member_a)
    url = reverse("events:registration_by_link", args=[manage_token(registration)])

    response = client.post(url, {"action": "delete"}, follow=True)

    assert "Unknown action." in text_of(response)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# Partner guests


def guest_post(client, event, **data):
    fields = {"name": "Anne Lenoir", "organisation": "Parquet de Liège", "email": "anne@parquet.be"}
    return client.post(reverse("events:register_guest", args=[event.slug]), {**fields, **data})


def test_a_partner_registers_and_confirms_through_the_mailed_link(
    client, public_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = guest_post(client, public_event)
    assert "Check your mailbox" in text_of(response)
    registration = public_event.registrations.get()
    assert registration.status == Status.PENDING
    (mail,) = mailoutbox
    path = mail.body.split("testserver" if "testserver" in mail.body else "://", 1)[1]
    link = "/" + path.split("/", 1)[1].split()[0]
    assert link.startswith("/events/guest/")

    assert "Confirm my registration" in text_of(client.get(link))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert mailoutbox[-1].attachments  # the confirmation carries the calendar file


def test_a_reused_guest_link_changes_nothing(client, public_event):
    registration = services.register_guest(
        event=public_event, name="A", organisation="B", email="a@b.be"
    )
    link = reverse("events:guest_confirm", args=[guest_token(registration)])
    client.post(link)
    services.cancel(registration=registration)

    response = client.post(link)

    assert response.status_code == 200
    assert "This link was already used" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_a_tampered_guest_link_is_refused(client, public_event):
    registration = services.register_guest(
        event=public_event, name="A", organisation="B", email="a@b.be"
    )
    token = guest_token(registration)

    response = client.post(reverse("events:guest_confirm", args=[token[:-3] + "abc"]))

    assert response.status_code == 400
    assert "This link is not valid" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_an_expired_guest_link_is_refused(client, public_event):
    registration = services.register_guest(
        event=public_event, name="A", organisation="B", email="a@b.be"
    )
    three_days_ago = time.time() - 3 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=three_days_ago):
        token = signing.dumps({"r": registration.pk, "e": "a@b.be"}, salt=GUEST_SALT)

    response = client.post(reverse("events:guest_confirm", args=[token]))

    assert response.status_code == 410
    assert "This link has expired" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


@pytest.mark.parametrize("page", ["events:register_colleague", "events:register_guest"])
def test_the_subtitle_of_the_colleague_and_partner_pages_has_no_stray_comma(
    client_for, reference_a, public_event, page
):
    content = text_of(client_for(reference_a).get(reverse(page, args=[public_event.slug])))

    start = content.index("</h1>")
    subtitle = content[start : content.index("<form", start)]
    texts = [text.strip() for text in re.findall(r">([^<]*)<", subtitle) if text.strip()]
    assert texts[0] == public_event.title
    assert not any(text.startswith(",") for text in texts)
    starts = timezone.localtime(public_event.starts_at)
    assert f"{starts:%d}".lstrip("0") + f" {starts:%B} {starts:%Y}" in subtitle


def test_the_guest_form_refuses_an_invalid_address(client, public_event):
    response = guest_post(client, public_event, email="anne@")

    assert response.status_code == 200
    assert "Enter a valid email address." in text_of(response)
    assert not public_event.registrations.exists()


def test_the_guest_form_is_rate_limited(client, public_event):
    for n in range(5):
        assert guest_post(client, public_event, email=f"guest{n}@parquet.be").status_code == 200

    response = guest_post(client, public_event, email="guest9@parquet.be")

    assert response.status_code == 429
    assert public_event.registrations.count() == 5


def test_the_guest_form_is_closed_for_members_only_events(client, members_event):
    assert guest_post(client, members_event).status_code == 404


# Workshops from the event page


def test_a_confirmed_member_chooses_one_workshop_per_slot(client_for, member_a):
    event = make_event()
    morning = make_session(event, hour=10, title="Harcèlement de rue")
    make_session(event, hour=10, title="Véloflic")
    services.register(event=event, user=member_a)
    client = client_for(member_a)
    content = text_of(client.get(event.get_absolute_url()))
    assert "Harcèlement de rue" in content

    client.post(reverse("events:choose_sessions", args=[event.slug]), {"slot_0": morning.pk})

    assert list(member_a.event_registrations.get().choices.values_list("session", flat=True)) == [
        morning.pk
    ]
    response = client.post(
        reverse("events:choose_sessions", args=[event.slug]), {"slot_0": "999999"}, follow=True
    )
    assert "Choose among the workshops shown." in text_of(response)


# On the day


def test_staff_check_in_a_participant_and_add_a_walk_in(client_for, staff, member_a):
    event = make_event()
    registration = services.register(event=event, user=member_a)
    client = client_for(staff)

    response = client.get(reverse("events:check_in", args=[event.slug]), {"q": "renard"})
    assert "Julien Renard" in text_of(response)
    client.post(
        reverse("events:check_in_person", args=[event.slug, registration.pk]), {"attended": "1"}
    )
    client.post(
        reverse("events:walk_in", args=[event.slug]), {"name": "Jean Dupuis", "organisation": ""}
    )

    registration.refresh_from_db()
    assert registration.attended
    assert event.registrations.get(walk_in=True).guest_name == "Jean Dupuis"
    response = client.post(reverse("events:walk_in", args=[event.slug]), {"name": ""})
    assert response.status_code == 200
    assert "This field is required." in text_of(response)


@pytest.mark.parametrize("persona", ["member_a", "reference_a", "member_b"])
def test_members_cannot_check_in_or_promote(client_for, personas, zone_b, persona):
    event = make_event(capacity=1)
    confirmed, waiting = register_members(event, 2, zone=zone_b)
    client = client_for(personas[persona])

    check_in = reverse("events:check_in_person", args=[event.slug, confirmed.pk])
    assert client.post(check_in, {"attended": "1"}).status_code == 403
    promote = reverse("events:promote", args=[event.slug, waiting.pk])
    assert client.post(promote, {"reason": "friend"}).status_code == 403
    assert client.post(reverse("events:walk_in", args=[event.slug])).status_code == 403

    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert not confirmed.attended
    assert waiting.status == Status.WAITING


def test_staff_promote_from_the_participants_page_with_a_reason(client_for, staff, zone_b):
    event = make_event(capacity=1)
    _confirmed, waiting = register_members(event, 2, zone=zone_b)
    client = client_for(staff)
    url = reverse("events:promote", args=[event.slug, waiting.pk])

    response = client.post(url, {"reason": ""}, follow=True)
    assert "Give the reason for this promotion." in text_of(response)
    response = client.post(url, {"reason": "Orateur"}, follow=True)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert waiting.promotion_reason == "Orateur"
    # Beyond the capacity, and staff are told so.
    assert "2 places are now taken, beyond the capacity of 1." in text_of(response)


def test_the_photo_consent_list_shows_only_people_who_agreed(client_for, staff):
    event = make_event()
    make_guest_registration(event, guest_name="Agreed Person", photo_consent=True)
    make_guest_registration(event, guest_name="Refused Person", photo_consent=False)

    content = text_of(client_for(staff).get(reverse("events:photo_consents", args=[event.slug])))

    assert "Agreed Person" in content
    assert "Refused Person" not in content


def test_badges_show_name_zone_and_workshop(client_for, staff, member_a):
    event = make_event()
    workshop = make_session(event, title="Senior Focus")
    registration = services.register(event=event, user=member_a)
    services.choose_sessions(registration=registration, sessions=[workshop])

    content = text_of(client_for(staff).get(reverse("events:badges", args=[event.slug])))

    assert "Julien Renard" in content
    assert "Liège" in content
    assert "Senior Focus" in content


# The dashboard


def test_the_dashboard_shows_a_members_registrations_and_offers(client_for, zone_a, member_a):
    event = make_event(title="Midi complet", capacity=1)
    first = services.register(event=event, user=make_user(zone=zone_a))
    services.register(event=event, user=member_a)
    services.cancel(registration=first)

    content = text_of(client_for(member_a).get("/"))

    assert "Midi complet" in content
    assert "Accept the place" in content


def test_the_reference_person_sees_the_zones_registrations(client_for, reference_a, member_a):
    services.register(event=make_event(title="Séminaire"), user=member_a)

    content = text_of(client_for(reference_a).get("/"))

    assert "My zone's registrations" in content
    assert "Julien Renard" in content


# Query counts


def assert_queries_do_not_grow(client, url, add_rows, django_assert_num_queries):
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_rows()
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_agenda_queries_do_not_grow(client_for, member_a, zone_b, django_assert_num_queries):
    make_event()

    def add_rows():
        for _ in range(5):
            event = make_event(audience=Event.Audience.MEMBERS)
            register_members(event, 3, zone=zone_b)
            services.register(event=event, user=member_a)

    assert_queries_do_not_grow(
        client_for(member_a), reverse("events:agenda"), add_rows, django_assert_num_queries
    )


def test_the_event_page_queries_do_not_grow(
    client_for, member_a, zone_b, django_assert_num_queries
):
    event = make_event(capacity=5)
    make_session(event)
    services.register(event=event, user=member_a)

    def add_rows():
        register_members(event, 10, zone=zone_b)
        for hour in (11, 12, 13):
            make_session(event, hour=hour)

    assert_queries_do_not_grow(
        client_for(member_a), event.get_absolute_url(), add_rows, django_assert_num_queries
    )


def test_the_check_in_page_queries_do_not_grow(
    client_for, staff, zone_b, django_assert_num_queries
):
    event = make_event(capacity=50)
    register_members(event, 1, zone=zone_b)

    def add_rows():
        register_members(event, 10, zone=zone_b)
        make_guest_registration(event)

    response = assert_queries_do_not_grow(
        client_for(staff),
        reverse("events:check_in", args=[event.slug]),
        add_rows,
        django_assert_num_queries,
    )
    assert text_of(response).count('data-testid="checkin-row"') == 12


@pytest.mark.parametrize("name", ["export_csv", "badges", "participants", "photo_consents"])
def test_the_staff_lists_queries_do_not_grow(
    client_for, staff, zone_b, django_assert_num_queries, name
):
    event = make_event(capacity=8)
    workshop = make_session(event, capacity=50)
    services.choose_sessions(
        registration=register_members(event, 1, zone=zone_b)[0], sessions=[workshop]
    )
    make_guest_registration(event, status=Status.WAITING)
    make_guest_registration(event, status=Status.CANCELLED, photo_consent=True)

    def add_rows():
        for registration in register_members(event, 10, zone=zone_b):
            if registration.status == Status.CONFIRMED:
                services.choose_sessions(registration=registration, sessions=[workshop])
        make_guest_registration(event, photo_consent=True)

    assert_queries_do_not_grow(
        client_for(staff),
        reverse(f"events:{name}", args=[event.slug]),
        add_rows,
        django_assert_num_queries,
    )


def test_staff_register_a_member_of_any_zone(client_for, staff, member_b, public_event):
    url = reverse("events:register_colleague", args=[public_event.slug])
    client = client_for(staff)
    assert "Lotte Peeters" in text_of(client.get(url))

    client.post(url, {"colleague": member_b.pk})

    registration = public_event.registrations.get()
    assert (registration.user, registration.registered_by) == (member_b, staff)


@pytest.mark.parametrize("persona", ["anonymous", "member_a"])
def test_a_started_event_says_so_without_a_registration_deadline(client_for, personas, persona):
    event = make_event(days=-3)
    content = text_of(client_for(personas[persona]).get(event.get_absolute_url()))
    assert "This event has already started." in content
    assert "Registration closes" not in content
    assert "Cancel until" not in content


def test_an_upcoming_event_shows_when_registration_closes(client, db):
    event = make_event(days=5)
    content = text_of(client.get(event.get_absolute_url()))
    assert "Registration closes" in content
    assert "This event has already started." not in content
