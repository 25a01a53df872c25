"""The files the events app hands out: iCalendar (parsed back with the library) and CSV."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from events import services
from events.ical import event_uid
from events.links import feed_token
from events.models import Event
from tests.events.factories import make_event, make_guest_registration, make_session

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def events_in(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(component["summary"]): component for component in calendar.walk("VEVENT")}


def test_the_calendar_file_has_brussels_times_and_a_stable_uid(client, db):
    # 12:00 in Brussels on a summer day is 10:00 UTC; on a winter day, 11:00 UTC.
    summer = make_event(title="Midi d'été", starts_at=brussels(2030, 7, 4, 12), hours=1)
    url = reverse("events:event_calendar", args=[summer.slug])

    first = events_in(client.get(url))["Midi d'été"]
    second = events_in(client.get(url))["Midi d'été"]

    assert str(first["uid"]) == str(second["uid"]) == event_uid(summer)
    start = first.decoded("dtstart")
    assert start.tzinfo is not None
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert start.astimezone(datetime.UTC) == brussels(2030, 7, 4, 10).replace(tzinfo=datetime.UTC)
    assert first["dtstart"].params["TZID"] == "Europe/Brussels"
    assert first.decoded("dtend") == brussels(2030, 7, 4, 13)
    assert "Rue Haute 10" in str(first["location"])
    calendar = Calendar.from_ical(client.get(url).content)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_the_calendar_file_of_a_winter_event(client, db):
    winter = make_event(title="Midi d'hiver", starts_at=brussels(2030, 1, 3, 12))

    start = events_in(client.get(reverse("events:event_calendar", args=[winter.slug])))[
        "Midi d'hiver"
    ].decoded("dtstart")

    assert start.astimezone(datetime.UTC).hour == 11


def test_the_public_feed_lists_upcoming_public_events_only(client, db):
    make_event(title="Public à venir")
    make_event(title="Réservé aux membres", audience=Event.Audience.MEMBERS)
    make_event(title="Passé", days=-30)
    make_event(title="Annulé", is_cancelled=True)

    titles = set(events_in(client.get(reverse("events:feed"))))

    assert titles == {"Public à venir"}


def test_a_members_personal_feed_adds_the_members_only_events(client, member_a):
    make_event(title="Public à venir")
    make_event(title="Réservé aux membres", audience=Event.Audience.MEMBERS)
    url = reverse("events:personal_feed", args=[feed_token(member_a)])

    assert set(events_in(client.get(url))) == {"Public à venir", "Réservé aux membres"}
    assert client.get(reverse("events:personal_feed", args=["forged"])).status_code == 404


def test_the_confirmation_mail_attaches_the_same_event(
    member_a, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(title="Séminaire")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=member_a)

    _name, content, _mimetype = mailoutbox[0].attachments[0]
    component = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(component["uid"]) == event_uid(event)
    assert str(component["summary"]) == "Séminaire"


def rows_of(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def english_staff(client_for, staff):
    client = client_for(staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_export_keeps_accents_and_neutralises_formulas(english_staff, member_a):
    event = make_event()
    workshop = make_session(event, title="Véloflic")
    registration = services.register(
        event=event, user=member_a, answers={"dietary_needs": "Végétarien", "photo_consent": True}
    )
    services.choose_sessions(registration=registration, sessions=[workshop])
    for name in ['=HYPERLINK("http://evil.example","clic")', "+32 4 123", "-2+3", "@SUM(A1)"]:
        make_guest_registration(event, guest_name=name, guest_organisation="\tTab")
    make_guest_registration(event, guest_name="Zoé Lefèvre", guest_organisation="Commune d'Ixelles")

    response = english_staff.get(reverse("events:export_csv", args=[event.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = rows_of(response)
    assert header[:4] == ["Name", "E-mail address", "Zone or organisation", "Status"]
    by_name = {row[0]: row for row in rows}
    assert '\'=HYPERLINK("http://evil.example","clic")' in by_name
    assert {"'+32 4 123", "'-2+3", "'@SUM(A1)"} <= set(by_name)
    assert by_name["'+32 4 123"][2] == "'\tTab"
    assert by_name["Zoé Lefèvre"][2] == "Commune d'Ixelles"
    julien = by_name["Julien Renard"]
    assert julien[2] == "Liège"
    assert julien[5] == "Véloflic"
    assert julien[7] == "yes"
    assert julien[11] == "Végétarien"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_export_lists_the_waiting_list_but_not_cancellations(english_staff, db):
    event = make_event()
    make_guest_registration(event, guest_name="Waiting Person", status="waiting")
    make_guest_registration(event, guest_name="Cancelled Person", status="cancelled")

    names = [
        row[0]
        for row in rows_of(english_staff.get(reverse("events:export_csv", args=[event.slug])))
    ]

    assert "Waiting Person" in names
    assert "Cancelled Person" not in names
