"""Factories of the events tests: each makes one valid object; keyword arguments override."""

import datetime
import itertools

from django.utils import timezone

from events import services
from events.models import Event, Registration, Session
from tests.factories import make_user

_sequence = itertools.count(1)


def make_event(*, days=10, hours=2, **fields):
    """An event starting `days` from now, open for registration now."""
    n = next(_sequence)
    starts = fields.pop("starts_at", None) or timezone.now() + datetime.timedelta(days=days)
    fields.setdefault("title", f"Midi de la proximité {n}")
    fields.setdefault("kind", Event.Kind.MIDI)
    fields.setdefault("audience", Event.Audience.PUBLIC)
    fields.setdefault("place", "Rue Haute 10, 1000 Bruxelles")
    fields.setdefault("capacity", 20)
    fields.setdefault("ends_at", starts + datetime.timedelta(hours=hours))
    return Event.objects.create(starts_at=starts, **fields)


def make_session(event, *, hour=10, **fields):
    n = next(_sequence)
    day = timezone.localtime(event.starts_at).date()
    tz = timezone.get_default_timezone()
    starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
    fields.setdefault("title", f"Atelier {n}")
    fields.setdefault("capacity", 10)
    return Session.objects.create(
        event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **fields
    )


def register_members(event, count, *, zone, **fields):
    """`count` new members of `zone` registered through the service, in order."""
    return [
        services.register(event=event, user=make_user(zone=zone, **fields)) for _ in range(count)
    ]


def make_guest_registration(event, *, status=Registration.Status.CONFIRMED, **fields):
    n = next(_sequence)
    fields.setdefault("guest_name", f"Guest {n}")
    fields.setdefault("guest_organisation", "Parquet de Namur")
    fields.setdefault("email", f"guest{n}@partner.example")
    now = timezone.now()
    if status == Registration.Status.WAITING:
        fields.setdefault("queued_at", now)
    return Registration.objects.create(event=event, status=status, confirmed_at=now, **fields)
