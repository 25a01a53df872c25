"""A Belgian types an amount with a decimal comma: the budget keeps it to the cent.

Chromium's number field dropped the comma (3200,50 became 320 050,00 €); the amount is now a
text box read on the server for the page's language.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import BudgetLine
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import make_project, make_user, make_zone

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("restore_migrated_data")]


def _signed_in(browser_page, user, live_server, language):
    """A session made by the test client, with the page's language chosen by its cookie."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def _fill_line(form, amount):
    form.locator("input[name=budget_lines-0-label]").fill("Heures des agents de quartier")
    form.locator("select[name=budget_lines-0-category]").select_option("staff")
    form.locator("input[name=budget_lines-0-amount]").fill(amount)
    form.locator("select[name=budget_lines-0-funding]").select_option("zone")
    form.locator("button[type=submit]").click()


@pytest.mark.parametrize(
    ("language", "shown"),
    # French groups thousands with a (no-break) space, Dutch with a dot.
    [("fr", r"^3\s200,50\s€$"), ("nl", r"^3\.200,50\s€$")],
)
def test_3200_comma_50_typed_in_the_budget_is_saved_and_shown_as_3200_euros_50(
    page, live_server, language, shown
):
    zone = make_zone(name="Liège", number="5277")
    author = make_user(zone=zone, preferred_language=language)
    fiche = make_project(zone=zone, by=author, status="draft", title="Café tricot")
    writer = page(language)
    _signed_in(writer, author, live_server, language)

    writer.goto(reverse("projects:budget", args=[fiche.slug]))
    amount = writer.locator("input[name=budget_lines-0-amount]")
    expect(amount).to_have_attribute("inputmode", "decimal")
    _fill_line(writer.locator("main form.form"), "3200,50")

    expect(writer).to_have_url(re.compile(re.escape(fiche.get_absolute_url()) + "$"))
    expect(writer.get_by_test_id("budget-total")).to_have_text(re.compile(shown))
    assert str(BudgetLine.objects.get(project=fiche).amount) == "3200.50"


def test_a_malformed_amount_shows_how_to_write_it_and_saves_nothing(page, live_server):
    zone = make_zone(name="Liège", number="5277")
    author = make_user(zone=zone)
    fiche = make_project(zone=zone, by=author, status="draft", title="Café tricot")
    writer = page("author")
    _signed_in(writer, author, live_server, "fr")
    budget_url = reverse("projects:budget", args=[fiche.slug])

    writer.goto(budget_url)
    _fill_line(writer.locator("main form.form"), "3,200")

    expect(writer).to_have_url(re.compile(re.escape(budget_url) + "$"))
    expect(writer.locator("tr.has-error")).to_contain_text(re.compile(r"3\s200,50"))
    expect(writer.locator("input[name=budget_lines-0-amount]")).to_have_value("3,200")
    assert not BudgetLine.objects.exists()
