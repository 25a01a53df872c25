"""Helpers of the indicators tests: records of the other apps, dated in a given year."""

import datetime

from django.utils import timezone

from events.models import Event, Registration
from members.models import Membership
from tests.events.factories import make_event
from tests.factories import make_adoption, make_project, make_zone


def at(year, month=6, day=15, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


def seminar(year, **fields):
    return make_event(kind=Event.Kind.SEMINAR, starts_at=at(year, 10, 10, 9), **fields)


def midi(year, month=3, **fields):
    return make_event(kind=Event.Kind.MIDI, starts_at=at(year, month, 5), **fields)


def came(event, user=None, *, attended=True, status=Registration.Status.CONFIRMED, **fields):
    """A registration at `event` (a member's, or a guest's when `user` is None)."""
    if user is None:
        fields.setdefault("guest_name", "Guest")
        fields.setdefault("email", f"guest{Registration.objects.count()}@partner.example")
    else:
        fields.setdefault("zone", user.zone)
    if status == Registration.Status.WAITING:
        fields.setdefault("queued_at", event.starts_at)
    return Registration.objects.create(
        event=event, user=user, status=status, attended=attended, **fields
    )


def member_zone(start, end=None, **fields):
    zone = make_zone(member_since=None, **fields)
    Membership.objects.create(zone=zone, start=start, end=end)
    return zone


def published_in(year, **fields):
    return make_project(published_at=at(year), **fields)


def implemented_in(year, **fields):
    return make_adoption(status="implemented", implemented_on=datetime.date(year, 5, 1), **fields)
