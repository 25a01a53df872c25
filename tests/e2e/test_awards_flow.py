"""The year of the prize, end to end: a zone enters a fiche, a juror with a second factor
scores it while another juror's scores stay out of sight, scoring closes, staff record the
winner and publish, and a visitor sees the winner and the badge on the fiche.

The phases follow the edition's dates: the test moves the dates, as time would.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Award, Entry, Phase, Sheet
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_juror,
    make_prize,
    make_sheet,
    set_phase,
)
from tests.e2e.test_events_flow import sign_in
from tests.events.fixtures import restore_migrated_data  # noqa: F401 (a fixture)
from tests.factories import make_project, make_user, make_zone

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("restore_migrated_data")]


def test_a_year_of_the_prize(page, live_server):
    liege = make_zone(name="Liège", number="5277")
    gent = make_zone(name="Gent", number="5415")
    member = make_user(zone=liege, first_name="Julien", last_name="Renard")
    staff = make_user(staff=True, totp=True, first_name="Sophie", last_name="Lambert")
    fiche = make_project(zone=liege, title="Lutte contre le harcèlement de rue", by=member)
    edition = make_edition(year=2026, phase=Phase.CALL)
    prize = make_prize(edition=edition, name_fr="Prix du jury", name_en="Jury prize")
    analysis = make_criterion(prize=prize, weight=2, maximum=10, name_fr="Analyse du problème")
    results = make_criterion(prize=prize, weight=1, maximum=10, name_fr="Résultats mesurés")
    juror = make_juror(prize=prize, user=make_user(zone=gent, totp=True, first_name="Jan"))
    other = make_juror(prize=prize, user=make_user(totp=True, first_name="Marie"))

    # During the call, a member of Liège enters the fiche.
    zone = page("member")
    sign_in(zone, member)
    zone.goto(reverse("awards:enter", args=[2026]))
    zone.locator("select[name=project]").select_option(str(fiche.pk))
    zone.locator("textarea[name=statement]").fill("Repris par Gent, Bruxelles et Namur.")
    for name in ("evaluated", "partnership", "community", "replicable"):
        zone.locator(f"input[name=declares_{name}]").check()
    zone.get_by_test_id("save-entry").click()
    expect(zone.get_by_test_id("zone-entries")).to_contain_text(fiche.title)
    entry = Entry.objects.get()

    # Scoring opens; another juror has already scored, with a comment.
    set_phase(edition, Phase.SCORING)
    make_sheet(juror=other, entry=entry, values={analysis: 3, results: 4}, comment="AVIS-SECRET")
    jury = page("juror")
    sign_in(jury, juror.user, totp=True)
    jury.goto(reverse("awards:jury"))
    jury.get_by_test_id("jury-entry").get_by_role("link", name=fiche.title).click()
    expect(jury.get_by_test_id("frozen")).to_contain_text("Summary of project")
    expect(jury.locator("body")).not_to_contain_text("AVIS-SECRET")
    jury.locator(f"input[name=value_{analysis.pk}]").fill("8,5")
    jury.locator(f"input[name=value_{results.pk}]").fill("9")
    jury.get_by_test_id("submit-sheet").click()
    expect(jury.get_by_test_id("progress")).to_contain_text("1")
    assert Sheet.objects.get(juror=juror).status == Sheet.Status.SUBMITTED
    jury.goto(reverse("awards:results", args=[prize.pk]))
    expect(jury.locator("body")).not_to_contain_text("Marie")  # a 404 page

    # Scoring closes: staff record the winner and publish.
    set_phase(edition, Phase.CLOSED)
    office = page("staff")
    sign_in(office, staff, totp=True)
    office.goto(reverse("awards:results", args=[prize.pk]))
    expect(office.get_by_test_id("result")).to_have_count(1)
    office.locator("select[name=entry]").select_option(str(entry.pk))
    office.locator("select[name=kind]").select_option("winner")
    office.locator("textarea[name=citation_fr]").fill("Un modèle pour toutes les zones.")
    office.get_by_test_id("decide").click()
    expect(office.get_by_test_id("decision")).to_contain_text(fiche.title)
    office.goto(edition.get_absolute_url())
    office.get_by_test_id("publish").click()
    expect(office.get_by_test_id("phase")).to_contain_text("publiés")
    assert Award.objects.get().entry == entry

    # Anyone sees the winner and the badge on the fiche.
    visitor = page("visitor")
    visitor.goto(reverse("awards:edition", args=[2026]))
    expect(visitor.get_by_test_id("winner")).to_contain_text(fiche.title)
    expect(visitor.get_by_test_id("winner")).to_contain_text("Un modèle pour toutes les zones.")
    visitor.get_by_test_id("winner").get_by_role("link", name=fiche.title).click()
    expect(visitor.get_by_test_id("prize-badge")).to_contain_text("Prix du jury 2026")
