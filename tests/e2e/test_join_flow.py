"""The way in: a newcomer signs up, verifies the address, asks to join Liège, is approved.

The interface is in French, and its catalogue is still being written: locators use form
field names, data-testid and URLs, and the few texts they need match French or English.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD, make_user, make_zone

pytestmark = pytest.mark.browser

NEWCOMER_EMAIL = "camille.martin@police.belgium.eu"
NEWCOMER_PASSWORD = "Pr0x1mite-Liege-2025"
VERIFICATION_LINK = re.compile(r"https?://\S+?/accounts/confirm-email/[^\s/]+/")


def _verification_path(outbox, address):
    """The path of the link in the verification mail, to be opened on the live server."""
    mails = [mail for mail in outbox if address in mail.to]
    assert len(mails) == 1, f"expected one verification mail to {address}, got {len(mails)}"
    link = VERIFICATION_LINK.search(mails[0].body)
    assert link, f"no verification link in:\n{mails[0].body}"
    # Only the path: outside DEBUG the links say https, the live server speaks plain http.
    return urlsplit(link.group(0)).path


def test_newcomer_signs_up_verifies_and_is_approved_by_the_liege_reference_person(
    page, live_server, mailoutbox
):
    liege = make_zone(name="Liège", number="5277")
    reference = make_user(zone=liege, reference=True, first_name="Nathalie", last_name="Dubois")

    # The newcomer finds the way in from the home page.
    newcomer = page("newcomer")
    newcomer.goto("/")
    assert_accessible(newcomer)
    newcomer.get_by_role("main").get_by_role(
        "link", name=re.compile("Créer un compte|Create an account", re.IGNORECASE)
    ).click()
    expect(newcomer).to_have_url(re.compile(re.escape(reverse("account_signup")) + "$"))
    assert_accessible(newcomer)

    signup = newcomer.locator(f"form[action='{reverse('account_signup')}']")
    signup.locator("input[name=first_name]").fill("Camille")
    signup.locator("input[name=last_name]").fill("Martin")
    signup.locator("input[name=email]").fill(NEWCOMER_EMAIL)
    signup.locator("input[name=password1]").fill(NEWCOMER_PASSWORD)
    signup.locator("input[name=password2]").fill(NEWCOMER_PASSWORD)
    signup.locator("button[type=submit]").click()

    # Verification is mandatory: the portal says a mail was sent, and the mail holds the link.
    sent_url = reverse("account_email_verification_sent")
    expect(newcomer).to_have_url(re.compile(re.escape(sent_url) + "$"))
    assert_accessible(newcomer)
    newcomer.goto(_verification_path(mailoutbox, NEWCOMER_EMAIL))
    assert_accessible(newcomer)
    # The form posts to a freshly signed key (it carries a timestamp), not always the link's.
    newcomer.locator(f"form[action^='{sent_url}'] button[type=submit]").click()

    # Confirming signs the newcomer in and leads to the join form.
    join_url = reverse("members:join")
    expect(newcomer).to_have_url(re.compile(re.escape(join_url) + "$"))
    assert_accessible(newcomer)
    newcomer.locator("select[name=zone]").select_option(value=str(liege.pk))
    newcomer.locator("textarea[name=message]").fill("Inspectrice de quartier, Outremeuse")
    newcomer.locator("main form.form button[type=submit]").click()

    pending_notice = newcomer.get_by_test_id("pending-notice")
    expect(pending_notice).to_be_visible()
    expect(pending_notice).to_contain_text("Liège")
    assert_accessible(newcomer)

    # The reference person of Liège signs in, in a browser of her own, and opens her zone.
    manager = page("reference")
    manager.goto(reverse("account_login"))
    assert_accessible(manager)
    manager.locator("input[name=login]").fill(reference.email)
    manager.locator("input[name=password]").fill(PASSWORD)
    manager.locator(f"form[action='{reverse('account_login')}'] button[type=submit]").click()
    expect(manager.get_by_test_id("dashboard-zone")).to_contain_text("Liège")
    assert_accessible(manager)

    manager.locator(f".main-nav a[href='{reverse('members:my_zone')}']").click()
    expect(manager).to_have_url(
        re.compile(re.escape(reverse("members:zone_manage", args=[liege.slug])) + "$")
    )
    assert_accessible(manager)
    request_row = (
        manager.get_by_test_id("pending-requests")
        .get_by_role("row")
        .filter(has_text=NEWCOMER_EMAIL)
    )
    expect(request_row).to_contain_text("Camille Martin")
    request_row.get_by_role("button", name=re.compile("Approuver|Approve")).click()
    expect(manager.get_by_test_id("pending-requests")).not_to_contain_text(NEWCOMER_EMAIL)
    expect(manager.get_by_test_id("zone-people")).to_contain_text(NEWCOMER_EMAIL)
    assert_accessible(manager)
    assert len([mail for mail in mailoutbox if NEWCOMER_EMAIL in mail.to]) == 2, (
        "the newcomer is told of the approval by e-mail"
    )

    # Back in the newcomer's browser: the home page is now the member dashboard of Liège.
    newcomer.goto("/")
    expect(newcomer.get_by_test_id("pending-notice")).to_have_count(0)
    expect(newcomer.get_by_test_id("dashboard-zone")).to_contain_text("Liège")
    assert_accessible(newcomer)
