"""The housekeeping command, as the scheduler runs it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import NEEDS_KEPT_DAYS, Registration
from tests.events.factories import make_event, register_members

Status = Registration.Status
pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("housekeeping", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return list(
        Registration.objects.order_by("pk").values_list(
            "status", "dietary_needs", "accessibility_needs", "offer_expires_at", "attended"
        )
    )


def test_lapsed_offers_pass_on_and_a_second_run_changes_nothing(zone_a, mailoutbox):
    event = make_event(capacity=1)
    first, second, third = register_members(event, 3, zone=zone_a)
    services.cancel(registration=first, now=timezone.now() - datetime.timedelta(hours=25))

    output = run()

    assert "offers lapsed: 1, places offered: 1" in output
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Status.EXPIRED, Status.OFFERED)
    before = snapshot()
    assert "offers lapsed: 0, places offered: 0" in run()
    assert snapshot() == before


def test_needs_are_erased_after_the_event_and_counts_and_consents_stay(zone_a):
    past = make_event(days=-(NEEDS_KEPT_DAYS + 1))
    recent = make_event(days=-1)
    now = timezone.now()
    old = Registration.objects.create(
        event=past,
        guest_name="A",
        email="a@b.be",
        attended=True,
        photo_consent=True,
        photo_consent_at=now,
        dietary_needs="Sans gluten",
        accessibility_needs="Fauteuil",
    )
    kept = Registration.objects.create(
        event=recent,
        guest_name="B",
        email="b@b.be",
        dietary_needs="Halal",
    )

    assert "needs erased: 1" in run()

    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.dietary_needs, old.accessibility_needs) == ("", "")
    assert old.needs_erased_at is not None
    assert old.attended and old.photo_consent and old.photo_consent_at == now
    assert kept.dietary_needs == "Halal"
    before = snapshot()
    assert "needs erased: 0" in run()
    assert snapshot() == before


def test_the_number_of_days_can_be_given(zone_a):
    event = make_event(days=-2)
    registration = Registration.objects.create(
        event=event, guest_name="A", email="a@b.be", dietary_needs="Vegan"
    )

    run("--needs-days", "1")

    registration.refresh_from_db()
    assert registration.dietary_needs == ""


def test_unconfirmed_partner_requests_lapse_after_two_days():
    event = make_event(open_to_partners=True)
    stale = services.register_guest(
        event=event,
        name="A",
        organisation="B",
        email="a@b.be",
        now=timezone.now() - datetime.timedelta(days=3),
    )
    fresh = services.register_guest(event=event, name="C", organisation="D", email="c@d.be")

    assert "partner requests lapsed: 1" in run()

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == (Status.EXPIRED, Status.PENDING)
