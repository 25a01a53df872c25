"""A member leaves: Julien Renard of Liège, who came to last month's seminar and wrote a fiche,
downloads what the portal holds on him, closes his account, and the association's figures do
not move while his name is gone from every page.
"""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Registration
from tests.e2e.test_fiche_flow import _sign_in, _sign_in_server_side
from tests.events.factories import make_event
from tests.factories import PASSWORD, make_budget_line, make_project, make_user, make_zone
from tests.indicators.conftest import load_plan

pytestmark = pytest.mark.browser

FIRST, LAST = "Julien", "Renard"
PHONE = "+32 4 123 45 67"


def _event_counts(staff_page, event):
    staff_page.goto(event.get_absolute_url())
    return staff_page.get_by_test_id("organiser-tools").locator("p.muted").inner_text()


def _fiche_text(browser_page, fiche):
    browser_page.goto(fiche.get_absolute_url())
    return browser_page.get_by_role("main").inner_text()


def _indicators_text(browser_page):
    """The dashboard and the midis' indicator page (the seminar here is a midi's kind)."""
    texts = []
    for url in (
        reverse("indicators:dashboard"),
        reverse("indicators:indicator_detail", args=["midi-participants"]),
    ):
        browser_page.goto(url)
        texts.append(browser_page.get_by_role("main").inner_text())
    return texts


def test_a_member_downloads_their_data_closes_the_account_and_every_count_stays(page, live_server):
    load_plan()  # the indicators of the plan, as the data migration makes them
    liege = make_zone(name="Liège", number="5277")
    julien = make_user(zone=liege, first_name=FIRST, last_name=LAST, phone=PHONE)
    colleague = make_user(zone=liege, first_name="Sarah", last_name="Lambert")
    staff = make_user(staff=True, totp=True, first_name="Anne", last_name="Staff")
    seminar = make_event(days=-30, title="Séminaire annuel 2026", capacity=50)
    for person in (julien, colleague):
        Registration.objects.create(
            event=seminar,
            user=person,
            status=Registration.Status.CONFIRMED,
            attended=True,
            confirmed_at=seminar.starts_at,
            dietary_needs="Sans gluten",
            photo_consent=True,
            photo_consent_at=seminar.starts_at,
        )
    fiche = make_project(
        zone=liege,
        by=julien,
        title="Coffee with a Cop à Liège",
        contact_name=f"{FIRST} {LAST}",
        contact_email=julien.email,
    )
    make_budget_line(project=fiche)

    office = page("staff")
    _sign_in_server_side(office, staff, live_server)
    visitor = page("visitor")
    counts_before = _event_counts(office, seminar)
    indicators_before = _indicators_text(visitor)
    fiche_before = _fiche_text(visitor, fiche)
    assert "2" in counts_before
    assert f"{FIRST} {LAST}" in fiche_before

    # Julien reads what the portal holds on him, then downloads it.
    member = page("member")
    _sign_in(member, julien)
    member.goto(reverse("my_data"))
    expect(member.get_by_role("main")).to_contain_text(PHONE)
    expect(member.get_by_role("main")).to_contain_text("Séminaire annuel 2026")
    with member.expect_download() as download_info:
        member.get_by_test_id("download-my-data").click()
    document = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert document["sections"]["profile"]["records"][0]["phone"] == PHONE
    (registration,) = document["sections"]["registrations"]["records"]
    assert registration["event"] == "Séminaire annuel 2026"

    # He closes the account, with his password and the confirmation.
    member.goto(reverse("close_account"))
    expect(member.get_by_role("main")).to_contain_text(re.compile("annul|undone", re.I))
    form = member.locator("main form.form")
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("input[name=confirm]").check()
    member.get_by_test_id("close-account").click()
    expect(member).to_have_url(re.compile(r"/$"))
    member.goto(reverse("my_data"))
    expect(member).to_have_url(re.compile(re.escape(reverse("account_login"))))

    # The seminar's counts and the fiche are as they were; his name is on no page.
    assert _event_counts(office, seminar) == counts_before
    assert _indicators_text(visitor) == indicators_before
    fiche_after = _fiche_text(visitor, fiche)
    assert "Coffee with a Cop à Liège" in fiche_after
    budget = re.compile(r"250[,.]00")
    assert budget.search(fiche_before) and budget.search(fiche_after)
    pages = [
        (visitor, fiche.get_absolute_url()),
        (visitor, reverse("projects:list")),
        (visitor, seminar.get_absolute_url()),
        (office, reverse("indicators:indicator_detail", args=["midi-participants"])),
        (office, fiche.get_absolute_url()),
        (office, reverse("projects:history", kwargs={"slug": fiche.slug})),
        (office, reverse("events:participants", kwargs={"slug": seminar.slug})),
        (office, reverse("admin:members_user_changelist") + f"?q={LAST}"),
    ]
    for browser_page, url in pages:
        browser_page.goto(url)
        text = browser_page.locator("body").inner_text()
        assert LAST not in text, url
        assert PHONE not in text, url
    office.goto(reverse("events:participants", kwargs={"slug": seminar.slug}))
    expect(office.get_by_role("main")).to_contain_text("Lambert")
