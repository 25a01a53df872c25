"""The life of a fiche: Liège writes it, the association publishes it, Brussels finds it,
asks about it and implements it, and the fiche says so.

The interface is in French, and its catalogue is still being written: locators use form
field names, data-testid and URLs, and the few texts they need match French or English.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from PIL import Image
from playwright.sync_api import expect

from projects.models import Theme
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD, make_project, make_user, make_zone

pytestmark = pytest.mark.browser

TITLE = "Le café tricot des aînés d'Outremeuse"
# On SQLite the search is a case-insensitive substring match (ASCII only): a word as written.
TITLE_WORD = "tricot"
CONTACT_EMAIL = "proximite.outremeuse@police.belgium.eu"
APPROACH_MARKDOWN = (
    "Chaque mardi, deux agents de quartier tiennent une table au café :\n\n"
    "- conseils contre les **vols à la tire** ;\n"
    "- repérage des personnes isolées."
)
PHOTO_SIZE = (64, 48)  # smaller than a thumbnail: the thumbnail keeps it
PHOTO_CAPTION = "La première table, en mars"
INTEREST_MESSAGE = "Notre zone voudrait lancer la même chose à Ixelles : combien d'agents ?"
# Photos are served by the portal, through the fiche's access check.
THUMBNAIL_SRC = re.compile(r"/photos/\d+/thumbnail/$")
IMPLEMENTED_ON = datetime.date(2025, 3, 14)
# 1 200,50 € + 349,50 € in French (thin or no-break space), 1,550.00 € in English.
BUDGET_TOTAL = re.compile(r"1[\s,.]?550[,.]00")


def _sign_in(browser_page, user):
    login_url = reverse("account_login")
    browser_page.goto(login_url)
    assert_accessible(browser_page)
    browser_page.locator("input[name=login]").fill(user.email)
    browser_page.locator("input[name=password]").fill(PASSWORD)
    browser_page.locator(f"form[action='{login_url}'] button[type=submit]").click()
    expect(browser_page.get_by_test_id("dashboard-projects")).to_be_visible()
    assert_accessible(browser_page)


def _sign_in_server_side(browser_page, user, live_server):
    """A session made by the test client, handed to the browser: no TOTP step to type."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_fiche_written_by_one_zone_is_published_found_and_replicated_by_another(
    page, live_server, mailoutbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    liege = make_zone(name="Liège", number="5277")
    brussels = make_zone(
        name="Bruxelles-Capitale/Ixelles", short_name="PolBru", number="5339", region="brussels"
    )
    author = make_user(zone=liege, first_name="Julien", last_name="Renard")
    replicator = make_user(zone=brussels, first_name="Lotte", last_name="Peeters")
    reviewer_user = make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert")
    seniors = Theme.objects.get(slug="seniors")
    # Already in the catalogue: a fiche on the same theme, and one on another theme.
    make_project(title="Seniors connectés à Namur").themes.add(seniors)
    make_project(title="Vélos gravés à Mons")

    detail_url = reverse("projects:detail", args=[slugify(TITLE)])
    budget_url = reverse("projects:budget", args=[slugify(TITLE)])
    files_url = reverse("projects:files", args=[slugify(TITLE)])
    submit_url = reverse("projects:submit", args=[slugify(TITLE)])
    review_url = reverse("projects:review", args=[slugify(TITLE)])
    interest_url = reverse("projects:interest", args=[slugify(TITLE)])

    # A member of Liège signs in and writes the fiche from the dashboard.
    writer = page("author")
    _sign_in(writer, author)
    writer.get_by_test_id("dashboard-projects").locator(
        f"a[href='{reverse('projects:create')}']"
    ).click()
    fiche_form = writer.locator("main form.fiche-form")
    expect(fiche_form).to_be_visible()
    assert_accessible(writer)
    fiche_form.locator("input[name=title]").fill(TITLE)
    fiche_form.locator("textarea[name=summary]").fill(
        "Un rendez-vous hebdomadaire où les aînés rencontrent leurs agents de quartier."
    )
    fiche_form.locator("input[name=contact_email]").fill(CONTACT_EMAIL)
    fiche_form.locator(f"input[name=themes][value='{seniors.pk}']").check()
    fiche_form.locator("textarea[name=approach]").fill(APPROACH_MARKDOWN)
    fiche_form.locator("button[type=submit]").click()

    expect(writer).to_have_url(re.compile(re.escape(detail_url) + "$"))
    expect(writer.locator("h1")).to_have_text(TITLE)
    approach = writer.locator("section#approach")
    expect(approach.locator("li")).to_have_count(2)
    expect(approach.locator("strong")).to_have_text("vols à la tire")
    assert_accessible(writer)

    # Two budget lines, one for staff and one for equipment; the fiche shows their total.
    writer.locator(f".fiche-actions a[href='{budget_url}']").click()
    expect(writer).to_have_url(re.compile(re.escape(budget_url) + "$"))
    assert_accessible(writer)
    budget_form = writer.locator("main form.form")
    for index, (label, category, amount, funding) in enumerate(
        [
            ("Heures des agents de quartier", "staff", "1200,50", "zone"),
            ("Tables et thermos", "equipment", "349,50", "commune"),
        ]
    ):
        budget_form.locator(f"input[name=budget_lines-{index}-label]").fill(label)
        budget_form.locator(f"select[name=budget_lines-{index}-category]").select_option(category)
        budget_form.locator(f"input[name=budget_lines-{index}-amount]").fill(amount)
        budget_form.locator(f"select[name=budget_lines-{index}-funding]").select_option(funding)
    budget_form.locator("button[type=submit]").click()

    expect(writer).to_have_url(re.compile(re.escape(detail_url) + "$"))
    expect(writer.get_by_test_id("budget").locator("tbody tr")).to_have_count(2)
    expect(writer.get_by_test_id("budget-total")).to_contain_text(BUDGET_TOTAL)
    assert_accessible(writer)

    # A photo: its thumbnail is shown on the files page and on the fiche.
    photo = tmp_path / "table-du-cafe.png"
    Image.new("RGB", PHOTO_SIZE, (200, 120, 40)).save(photo)
    writer.locator(f".fiche-actions a[href='{files_url}']").click()
    expect(writer).to_have_url(re.compile(re.escape(files_url) + "$"))
    assert_accessible(writer)
    photo_form = writer.locator("main form:has(input[name='image-image'])")
    photo_form.locator("input[name='image-image']").set_input_files(photo)
    photo_form.locator("input[name='image-caption']").fill(PHOTO_CAPTION)
    photo_form.locator("button[type=submit]").click()

    thumbnail = writer.locator(".gallery img")
    expect(thumbnail).to_have_count(1)
    expect(thumbnail).to_have_attribute("src", THUMBNAIL_SRC)
    expect(thumbnail).to_have_js_property("naturalWidth", PHOTO_SIZE[0])
    assert_accessible(writer)

    writer.locator(f"main a[href='{detail_url}']").click()
    expect(writer).to_have_url(re.compile(re.escape(detail_url) + "$"))
    fiche_photo = writer.locator("section#photos img")
    expect(fiche_photo).to_have_attribute("alt", PHOTO_CAPTION)
    expect(fiche_photo).to_have_attribute("src", THUMBNAIL_SRC)
    assert_accessible(writer)

    # Sent for review: the button goes, the draft notice gives way to the waiting one.
    writer.locator(f"form[action='{submit_url}'] button[type=submit]").click()
    expect(writer.locator(f"form[action='{submit_url}']")).to_have_count(0)
    expect(writer.locator(".fiche .notice")).to_contain_text(
        re.compile("examen|relecture|review", re.IGNORECASE)
    )
    assert_accessible(writer)

    # Staff (signed in server-side, past the TOTP step) publish it for everyone.
    staff = page("staff")
    _sign_in_server_side(staff, reviewer_user, live_server)
    staff.goto(detail_url)
    assert_accessible(staff)
    staff.locator(f".fiche-actions a[href='{review_url}']").click()
    expect(staff).to_have_url(re.compile(re.escape(review_url) + "$"))
    assert_accessible(staff)
    staff.locator("input[name=decision][value=publish_public]").check()
    staff.locator("main form.form button[type=submit]").click()
    expect(staff).to_have_url(re.compile(re.escape(detail_url) + "$"))
    expect(staff.locator(".fiche .notice")).to_have_count(0)
    assert_accessible(staff)

    # Published for everyone: a visitor who is not signed in can read it.
    visitor = page("visitor")
    visitor.goto(detail_url)
    expect(visitor.locator("h1")).to_have_text(TITLE)
    public_photo = visitor.locator("section#photos img")
    public_photo.scroll_into_view_if_needed()  # the fiche's photos load lazily
    expect(public_photo).to_have_js_property("naturalWidth", PHOTO_SIZE[0])
    assert_accessible(visitor)

    # A member of Brussels narrows the catalogue by theme, then by a word of the title.
    reader = page("brussels")
    _sign_in(reader, replicator)
    reader.locator(f".main-nav a[href='{reverse('projects:list')}']").click()
    cards = reader.locator(".project-card")
    expect(cards).to_have_count(3)
    assert_accessible(reader)

    reader.get_by_test_id("facets").locator("a[data-facet=theme][data-value=seniors]").click()
    expect(reader).to_have_url(re.compile(r"[?&]theme=seniors\b"))
    expect(reader.get_by_test_id("result-count")).to_contain_text(re.compile(r"\b2\b"))
    expect(cards).to_have_count(2)
    assert_accessible(reader)
    expect(cards.get_by_role("link", name=TITLE)).to_be_visible()

    search = reader.locator("form[role=search]")
    search.locator("input[name=q]").fill(TITLE_WORD)
    search.locator("button[type=submit]").click()
    expect(reader).to_have_url(re.compile(rf"[?&]q={TITLE_WORD}\b"))
    expect(reader).to_have_url(re.compile(r"[?&]theme=seniors\b"))
    expect(reader.get_by_test_id("result-count")).to_contain_text(re.compile(r"\b1\b"))
    expect(cards).to_have_count(1)
    assert_accessible(reader)
    cards.get_by_role("link", name=TITLE).click()
    expect(reader).to_have_url(re.compile(re.escape(detail_url) + "$"))

    # "We are interested": unfolded for a zone that has not asked yet; the contact is mailed.
    replications = reader.get_by_test_id("replications")
    interest = replications.locator("details.interest")
    expect(interest.locator("summary")).to_have_text(
        re.compile("intéress|interested", re.IGNORECASE)
    )
    expect(interest).to_have_attribute("open", "")
    assert_accessible(reader)
    interest_form = interest.locator(f"form[action='{interest_url}']")
    interest_form.locator("textarea[name=message]").fill(INTEREST_MESSAGE)
    interest_form.locator("button[type=submit]").click()

    record_link = replications.locator("a[href^='/projects/replications/']")
    expect(record_link).to_be_visible()
    assert_accessible(reader)
    mails = [mail for mail in mailoutbox if CONTACT_EMAIL in mail.to]
    assert len(mails) == 1, f"expected one mail to the contact, got {len(mails)}"
    assert TITLE in mails[0].subject
    assert INTEREST_MESSAGE in mails[0].body
    assert replicator.email in mails[0].body, "the contact can answer the asker directly"

    # Brussels implements it and says so; the fiche then lists Brussels among those who did.
    record_link.click()
    expect(reader).to_have_url(re.compile(r"/projects/replications/\d+/$"))
    assert_accessible(reader)
    record_form = reader.locator("main form.form")
    record_form.locator("select[name=status]").select_option("implemented")
    record_form.locator("input[name=implemented_on]").fill(IMPLEMENTED_ON.isoformat())
    record_form.locator("button[type=submit]").click()

    expect(reader).to_have_url(re.compile(re.escape(detail_url) + "$"))
    brussels_link = replications.locator(f"a[href='{brussels.get_absolute_url()}']")
    expect(brussels_link).to_have_text(str(brussels))
    expect(brussels_link.locator("xpath=..")).to_contain_text(
        re.compile("mars 2025|March 2025", re.IGNORECASE)
    )
    expect(replications.locator("ul.muted")).to_have_count(0)
    assert_accessible(reader)

    # And everyone reading the fiche sees it.
    visitor.reload()
    expect(
        visitor.get_by_test_id("replications").locator(f"a[href='{brussels.get_absolute_url()}']")
    ).to_have_text(str(brussels))
    assert_accessible(visitor)
