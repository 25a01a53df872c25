"""A full midi, end to end: a member joins the waiting list, a participant cancels, the
waiting member accepts the place from the e-mailed link, staff check them in on the day.

The interface is in French, and its catalogue is still being written: locators use form
field names, data-testid and URLs, and the few texts they need match French or English.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events import services
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import make_event
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import PASSWORD, current_totp_code, make_user, make_zone

# The live server's database is flushed after the test; what the migrations loaded (the
# fiches' themes) is put back for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("restore_migrated_data"),
]

LINK = re.compile(r"https?://\S+?/events/link/[^\s/]+/")


def sign_in(page, user, *, totp=False):
    page.goto(reverse("account_login"))
    assert_accessible(page)
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator(f"form[action='{reverse('account_login')}'] button[type=submit]").click()
    if totp:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        assert_accessible(page)
        page.locator("input[name=code]").fill(current_totp_code())
        page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    assert_accessible(page)


def offer_link_path(outbox, address):
    mails = [mail for mail in outbox if address in mail.to and LINK.search(mail.body)]
    offers = [mail for mail in mails if "/events/link/" in mail.body and mail.attachments == []]
    assert offers, f"no offer mail to {address}"
    # Only the path: outside DEBUG the links say https, the live server speaks plain http.
    return urlsplit(LINK.search(offers[-1].body).group(0)).path


def test_a_waiting_member_gets_the_place_of_a_participant_who_cancels_and_is_checked_in(
    page, live_server, mailoutbox
):
    liege = make_zone(name="Liège", number="5277")
    participant = make_user(zone=liege, first_name="Nathalie", last_name="Dubois")
    waiting = make_user(zone=liege, first_name="Julien", last_name="Renard")
    staff = make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert")
    midi = make_event(title="Midi de la proximité : Senior Focus", capacity=1)
    services.register(event=midi, user=participant)

    # The midi is full: Julien registers and lands on the waiting list.
    member = page("waiting member")
    sign_in(member, waiting)
    member.goto(reverse("events:agenda"))
    assert_accessible(member)
    member.get_by_role("link", name=midi.title).click()
    expect(member.get_by_test_id("places-left").first).to_contain_text(
        re.compile("Complet|Full", re.IGNORECASE)
    )
    assert_accessible(member)
    member.locator("form[data-testid=register-form] button[name=register]").click()
    expect(member.get_by_test_id("registration-status")).to_contain_text(
        re.compile("liste d'attente|waiting list", re.IGNORECASE)
    )
    assert_accessible(member)

    # Nathalie cannot come after all: she cancels from her dashboard.
    confirmed = page("participant")
    sign_in(confirmed, participant)
    registration_row = confirmed.get_by_test_id("dashboard-registration").filter(
        has_text=midi.title
    )
    registration_row.get_by_role("button").click()
    expect(confirmed.get_by_test_id("dashboard-registration")).to_have_count(0)
    assert_accessible(confirmed)

    # Julien is offered the place by e-mail and accepts it from the link.
    member.goto(offer_link_path(mailoutbox, waiting.email))
    assert_accessible(member)
    member.get_by_test_id("accept-offer").click()
    expect(member.get_by_test_id("registration-status")).to_contain_text(
        re.compile("confirmée|confirmed", re.IGNORECASE)
    )
    assert_accessible(member)
    assert any(waiting.email in mail.to and mail.attachments for mail in mailoutbox), (
        "the confirmation carries the calendar file"
    )

    # On the day, staff find Julien on the check-in page and tick him present.
    organiser = page("staff")
    sign_in(organiser, staff, totp=True)
    organiser.goto(midi.get_absolute_url())
    assert_accessible(organiser)
    organiser.get_by_test_id("check-in-link").click()
    expect(organiser).to_have_url(re.compile(r"/check-in/$"))
    assert_accessible(organiser)
    organiser.locator("input[name=q]").fill("Renard")
    organiser.locator("form[role=search] button[type=submit]").click()
    row = organiser.get_by_test_id("checkin-row").filter(has_text="Julien Renard")
    expect(organiser.get_by_test_id("checkin-row")).to_have_count(1)
    assert_accessible(organiser)
    row.get_by_test_id("check-in").click()
    expect(row.get_by_test_id("present")).to_be_visible()
    expect(organiser.get_by_test_id("checkin-counts")).to_contain_text("1")
    assert_accessible(organiser)

    registration = midi.registrations.get(user=waiting)
    assert registration.attended
    assert registration.checked_in_by == staff
