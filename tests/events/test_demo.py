"""The events' demo data: what a newcomer finds after `make run`, and idempotence."""

import pytest

from events import demo
from events.models import Event, Registration, SessionChoice
from members import demo as members_demo

pytestmark = pytest.mark.django_db


def counts():
    return (Event.objects.count(), Registration.objects.count(), SessionChoice.objects.count())


def test_the_demo_has_a_past_seminar_workshops_and_a_full_midi_and_runs_twice_alike():
    members_demo.seed()
    demo.seed()
    first = counts()

    demo.seed()

    assert counts() == first
    past = Event.objects.with_counts().get(slug="demo-seminaire-passe")
    assert past.attended_count >= 150
    assert Event.objects.get(slug="demo-seminaire-a-venir").sessions.count() == 6
    full = Event.objects.with_counts().get(slug="demo-midi-full")
    assert full.places_left == 0
    assert full.waiting_count == 2
    midis = Event.objects.filter(kind=Event.Kind.MIDI).with_counts()
    assert any(midi.attended_count for midi in midis)
    assert any(not midi.is_past() for midi in midis)
