"""Indicators end to end: staff raise a target in the admin and the status changes; a
check-in at a midi raises the midis figure; closing the year keeps the figure after the
check-in is removed.

Locators use data-testid, form field names and URLs; the few texts match French or English.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from indicators.models import Target
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_events_flow import sign_in
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import make_user, make_zone
from tests.indicators.conftest import load_plan
from tests.indicators.helpers import came, midi

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("restore_migrated_data"),
]


def midi_row(page):
    return page.locator("tr[data-indicator=midi-participants]")


def test_target_check_in_and_closed_year(page, live_server):
    load_plan()
    last_year = timezone.localdate().year - 1
    zone = make_zone(name="Liège", number="5277", member_since=datetime.date(last_year, 1, 1))
    event = midi(last_year, title="Midi de la proximité : Senior Focus")
    came(event, make_user(zone=zone, first_name="Nathalie", last_name="Dubois"))
    came(event, make_user(zone=zone, first_name="Julien", last_name="Renard"), attended=False)
    target = Target.objects.get(indicator__code="midi-participants")
    target.horizon_year, target.baseline_year, target.low = last_year, last_year - 1, 1
    target.save()
    staff = make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert")

    browser = page("staff")
    sign_in(browser, staff, totp=True)
    browser.goto(reverse("indicators:dashboard"))
    expect(midi_row(browser).get_by_test_id("value")).to_have_text("1")
    expect(midi_row(browser).get_by_test_id("status")).to_contain_text(
        re.compile("Objectif atteint|Target met")
    )

    # Staff raise the target in the admin: one participant is no longer enough.
    browser.goto(reverse("admin:indicators_target_change", args=[target.pk]))
    browser.locator("input[name=low]").fill("2")
    browser.locator("input[name=_save]").click()
    expect(browser).to_have_url(re.compile(r"/admin/indicators/target/$"))
    browser.goto(reverse("indicators:dashboard"))
    expect(midi_row(browser).get_by_test_id("status")).to_contain_text(
        re.compile("En retard|Behind")
    )

    # Julien came after all: checked in, the figure rises and the target is met.
    browser.goto(reverse("events:check_in", args=[event.slug]))
    browser.get_by_test_id("checkin-row").filter(has_text="Renard").get_by_test_id(
        "check-in"
    ).click()
    expect(browser.get_by_test_id("checkin-row").filter(has_text="Renard")).to_contain_text(
        re.compile("Présent|Present")
    )
    browser.goto(reverse("indicators:dashboard"))
    expect(midi_row(browser).get_by_test_id("value")).to_have_text("2")
    expect(midi_row(browser).get_by_test_id("status")).to_contain_text(
        re.compile("Objectif atteint|Target met")
    )

    # Staff close last year, then the check-in is undone: the published figure stays.
    close = browser.get_by_test_id("close-year")
    close.locator("select[name=year]").select_option(str(last_year))
    close.get_by_role("button").click()
    expect(browser.locator(".message-success")).to_contain_text(str(last_year))
    browser.goto(reverse("events:check_in", args=[event.slug]))
    browser.get_by_test_id("checkin-row").filter(has_text="Renard").get_by_role("button").click()
    expect(
        browser.get_by_test_id("checkin-row").filter(has_text="Renard").get_by_test_id("check-in")
    ).to_be_visible()
    browser.goto(reverse("indicators:dashboard"))
    expect(midi_row(browser).get_by_test_id("value")).to_have_text("2")
    assert_accessible(browser)
    # On the indicator's page, staff see today's computation beside the frozen figure.
    browser.goto(reverse("indicators:indicator_detail", args=["midi-participants"]))
    expect(browser.locator(f"tr[data-year='{last_year}'] [data-testid=live]")).to_contain_text("1")
    assert_accessible(browser)
    browser.goto(reverse("indicators:travel"))
    assert_accessible(browser)
