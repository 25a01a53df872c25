"""The main pages on a phone (375 px wide) and on a laptop: nothing makes the page scroll
sideways, and axe finds no violation of WCAG 2.1 A/AA. On the phone, the catalogue shows its
results first and folds its filters behind a button; the skip link takes the focus into the
main content.

The interface is in French, and its catalogue is still being written: locators use form
field names, data-testid and URLs, and the few texts they need match French or English.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from events import services
from projects.models import Partner, Theme
from tests.e2e.accessibility import assert_accessible, assert_no_horizontal_overflow
from tests.e2e.conftest import PHONE_HEIGHT, TIMEOUT_MS
from tests.events.factories import make_event, make_guest_registration, make_session
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import (
    make_budget_line,
    make_join_request,
    make_project,
    make_user,
    make_zone,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("restore_migrated_data"),
]

PHONE = 375
TABLET = 768
LAPTOP = 1280
FICHE_TITLE = "Le café tricot des aînés d'Outremeuse et de Sainte-Marguerite"
# The fiche's total, 4 800,00 + 12 345,67 + 350,00 € in French (thin or no-break spaces).
BUDGET_TOTAL = re.compile(r"17[\s.]?495,67")


def _sign_in(browser_page, user, live_server):
    """A session made by the test client, handed to the browser (no login form to fill)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def network():
    """Liège with a reference person, a member and a newcomer waiting; a published fiche
    with a budget; a midi with workshops, the reference person registered."""
    liege = make_zone(name="Zone de police de Liège", short_name="Liège", number="5277")
    reference = make_user(
        zone=liege,
        reference=True,
        first_name="Nathalie",
        last_name="Dubois-Vandenberghe",
        email="nathalie.dubois-vandenberghe@police-liege.belgium.eu",
        function="Inspectrice principale, coordinatrice de la police de proximité",
    )
    make_user(
        zone=liege,
        first_name="Julien",
        last_name="Renard",
        email="julien.renard.inspecteur.quartier@police-liege.belgium.eu",
        function="Agent de quartier",
    )
    make_join_request(
        user=make_user(
            first_name="Camille",
            last_name="Martin",
            email="camille.martin.nouvelle.recrue@police-liege.belgium.eu",
        ),
        zone=liege,
        message="Je rejoins l'équipe de proximité d'Outremeuse au premier janvier.",
    )
    fiche = make_project(
        zone=liege,
        by=reference,
        title=FICHE_TITLE,
        summary="Un rendez-vous hebdomadaire où les aînés rencontrent leurs agents de quartier.",
        approach="- conseils contre les **vols à la tire** ;\n- repérage des personnes isolées.",
        staffing="Deux agents de quartier, deux heures par semaine.",
        results="Quarante personnes par mois en moyenne.",
        links="https://www.liege.be/fr/vie-communale/services-communaux/securite/proximite",
    )
    # Made here: the flush after each browser test empties the themes the migrations loaded.
    seniors, _ = Theme.objects.get_or_create(
        slug="seniors", defaults={"name_fr": "Aînés", "name_nl": "Senioren", "name_en": "Seniors"}
    )
    theft, _ = Theme.objects.get_or_create(
        slug="theft-by-deception",
        defaults={
            "name_fr": "Vols par ruse et à la tire",
            "name_nl": "Diefstal met list en zakkenrollerij",
            "name_en": "Theft by deception and pickpocketing",
        },
    )
    fiche.themes.add(seniors, theft)
    fiche.partners.add(
        Partner.objects.create(name="Plan de prévention de la Ville de Liège", kind="commune")
    )
    for label, category, amount in [
        ("Heures des agents de quartier (heures supplémentaires)", "staff", "4800.00"),
        ("Tables, thermos et matériel de présentation", "equipment", "12345.67"),
        ("Affiches", "communication", "350.00"),
    ]:
        make_budget_line(project=fiche, label=label, category=category, amount=Decimal(amount))
    make_project(title="Vélos gravés à Mons").themes.add(theft)
    midi = make_event(
        title="Midi de la proximité : Senior Focus et sécurité des aînés à domicile",
        place="Hôtel de police, rue Natalis 60, 4020 Liège",
    )
    make_session(midi, hour=12, title="Atelier : prévenir les vols par ruse")
    services.register(event=midi, user=reference)
    make_guest_registration(
        midi,
        guest_name="Marie-Christine Vanderelst-Delvaux",
        guest_organisation="Parquet du procureur du Roi de Liège, section famille et jeunesse",
        email="marie-christine.vanderelst-delvaux@parquet-liege.just.fgov.be",
    )
    return {
        "zone": liege,
        "reference": reference,
        "fiche": fiche,
        "event": midi,
        "theme": seniors,
        "staff": make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert"),
        "newcomer": make_user(first_name="Thomas", last_name="Leclercq"),
    }


def _check(browser_page, url):
    """The page at `url` (not a sign-in page it sends to) fits and passes axe."""
    browser_page.goto(url)
    expect(browser_page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(browser_page.locator("main h1").first).to_be_visible()
    assert_no_horizontal_overflow(browser_page)
    assert_accessible(browser_page)


@pytest.mark.parametrize("width", [PHONE, TABLET, LAPTOP])
def test_the_main_pages_fit_the_screen_and_pass_axe(page, live_server, network, width):
    fiche, event = network["fiche"], network["event"]

    visitor = page("visitor", width=width)
    for url in [
        reverse("home"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("projects:list"),
        fiche.get_absolute_url(),
        reverse("events:agenda"),
        event.get_absolute_url(),
        reverse("members:zone_list"),
    ]:
        _check(visitor, url)

    member = page("reference person", width=width)
    _sign_in(member, network["reference"], live_server)
    for url in [
        reverse("home"),  # the dashboard
        reverse("profile"),
        reverse("usersessions_list"),
        reverse("projects:list") + "?theme=" + network["theme"].slug,
        fiche.get_absolute_url(),
        reverse("projects:budget", args=[fiche.slug]),
        event.get_absolute_url(),
        reverse("members:zone_manage", args=[network["zone"].slug]),  # "My zone"
        reverse("projects:mine"),
        network["zone"].get_absolute_url(),
    ]:
        _check(member, url)

    newcomer = page("newcomer", width=width)
    _sign_in(newcomer, network["newcomer"], live_server)
    _check(newcomer, reverse("members:join"))

    staff = page("staff", width=width)
    _sign_in(staff, network["staff"], live_server)
    for url in [
        reverse("home"),
        reverse("events:participants", args=[event.slug]),
        reverse("events:check_in", args=[event.slug]),
    ]:
        _check(staff, url)

    # The money is whole on every screen: the total is in full view once scrolled to.
    member.goto(fiche.get_absolute_url())
    total = member.get_by_test_id("budget-total")
    expect(total).to_contain_text(BUDGET_TOTAL)
    total.scroll_into_view_if_needed()
    expect(total).to_be_in_viewport(ratio=1)


def test_on_a_phone_my_zone_shows_its_decisions_within_the_screen(page, live_server, network):
    member = page("reference person", width=PHONE)
    _sign_in(member, network["reference"], live_server)
    member.goto(reverse("members:my_zone"))
    pending = member.get_by_test_id("pending-requests")
    for button in (
        pending.get_by_role("button").all()
        + member.get_by_test_id("zone-people").get_by_role("button").all()
    ):
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE, button.inner_text()
    pending.get_by_role("button", name=re.compile("Approuver|Approve")).click()
    expect(member.get_by_test_id("zone-people")).to_contain_text("Camille Martin")
    assert_no_horizontal_overflow(member)
    assert_accessible(member)


def test_on_a_phone_the_catalogue_shows_results_first_and_folds_the_filters(
    page, live_server, network
):
    theme = network["theme"]
    reader = page("visitor", width=PHONE)
    reader.goto(reverse("projects:list"))

    search = reader.locator("form[role=search]")
    toggle = reader.get_by_test_id("filters-toggle")
    facet = reader.get_by_test_id("facets").locator(f"a[data-facet=theme][data-value={theme.slug}]")
    first_card = reader.locator(".project-card").first
    # The button comes right after the search box; the filters are folded, the results in view.
    assert toggle.bounding_box()["y"] > search.bounding_box()["y"]
    expect(toggle).to_contain_text(re.compile(r"Filtres|Filters"))
    expect(toggle).to_contain_text(re.compile(r"\b0\b"))
    expect(facet).to_be_hidden()
    expect(first_card).to_be_in_viewport()

    toggle.click()
    expect(facet).to_be_visible()
    assert_accessible(reader)
    facet.click()
    expect(reader).to_have_url(re.compile(rf"[?&]theme={theme.slug}\b"))
    expect(reader.get_by_test_id("filters-toggle")).to_contain_text(re.compile(r"\b1\b"))
    expect(reader.locator(".project-card").first).to_be_in_viewport()
    assert_no_horizontal_overflow(reader)
    assert_accessible(reader)

    # On a laptop the filters are in view beside the results, no button to press.
    laptop = page("laptop visitor", width=LAPTOP)
    laptop.goto(reverse("projects:list"))
    expect(laptop.get_by_test_id("filters-toggle")).to_be_hidden()
    expect(
        laptop.get_by_test_id("facets").locator(f"a[data-facet=theme][data-value={theme.slug}]")
    ).to_be_visible()


def test_the_catalogue_filters_work_without_javascript(browser, live_server, network):
    theme = network["theme"]
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-BE",
        java_script_enabled=False,
        viewport={"width": PHONE, "height": PHONE_HEIGHT},
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        reader = context.new_page()
        reader.goto(reverse("projects:list"))
        reader.get_by_test_id("filters-toggle").click()
        reader.get_by_test_id("facets").locator(
            f"a[data-facet=theme][data-value={theme.slug}]"
        ).click()
        expect(reader).to_have_url(re.compile(rf"[?&]theme={theme.slug}\b"))
        expect(reader.get_by_test_id("result-count")).to_contain_text(re.compile(r"\b1\b"))
    finally:
        context.close()


def test_the_skip_link_moves_the_focus_into_the_main_content(page, network):
    reader = page("visitor", width=PHONE)
    reader.goto(reverse("projects:list"))
    reader.keyboard.press("Tab")
    skip = reader.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    reader.keyboard.press("Enter")
    expect(reader.locator("main")).to_be_focused()
    # The next Tab goes on from the main content, not back to the header.
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_on_a_phone_a_wide_table_scrolls_in_a_labelled_region_the_keyboard_reaches(
    page, live_server, network
):
    staff = page("staff", width=PHONE)
    _sign_in(staff, network["staff"], live_server)
    staff.goto(reverse("events:participants", args=[network["event"].slug]))
    region = staff.get_by_test_id("confirmed-list").get_by_role("region")
    expect(region).to_have_accessible_name(re.compile(r"Places"))
    assert region.evaluate("box => box.scrollWidth > box.clientWidth"), "the table is wider"
    assert_no_horizontal_overflow(staff)

    region.focus()
    expect(region).to_be_focused()
    staff.keyboard.press("ArrowRight")
    staff.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle(), timeout=2_000)
    assert_accessible(staff)
