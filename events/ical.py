"""iCalendar files: one event to add to a calendar, or a feed of upcoming events."""

import datetime
import functools
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as CalendarEvent

from members.links import absolute_url

BRUSSELS = ZoneInfo("Europe/Brussels")
# The UID must stay the same for an event forever, so that a calendar updates it in place.
UID_DOMAIN = "events.reseau-intersection.be"


def event_uid(event):
    return f"{event.uid}@{UID_DOMAIN}"


def calendar_for(events, *, name=""):
    """The bytes of a VCALENDAR holding `events`, with Europe/Brussels times and VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Réseau Intersection//Portail//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    calendar.add_component(_brussels_timezone())
    for event in events:
        calendar.add_component(_component(event, stamp))
    return calendar.to_ical()


@functools.cache
def _brussels_timezone():
    """The VTIMEZONE of Europe/Brussels with its rules since 1996 (EU summer time), as
    calendar applications write it: small, and built once per process."""
    timezone_component = Timezone()
    timezone_component.add("tzid", "Europe/Brussels")
    for kind, name, month, offset_from, offset_to, hour in (
        (TimezoneDaylight, "CEST", 3, 1, 2, 2),
        (TimezoneStandard, "CET", 10, 2, 1, 3),
    ):
        rule = kind()
        rule.add("tzname", name)
        rule.add("dtstart", datetime.datetime(1996, month, 31 if month == 3 else 27, hour))
        rule.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        rule.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        timezone_component.add_component(rule)
    return timezone_component


def _component(event, stamp):
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts_at.astimezone(BRUSSELS))
    component.add("dtend", event.ends_at.astimezone(BRUSSELS))
    component.add("summary", event.title)
    url = absolute_url(event.get_absolute_url())
    component.add("url", url)
    description = "\n\n".join(part for part in (event.description, event.online_url, url) if part)
    component.add("description", description)
    location = event.place.replace("\r", "").replace("\n", ", ") or event.online_url
    if location:
        component.add("location", location)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return component
