"""The published prizes on the fiches: the badge and the catalogue's "Awarded" facet, recorded
by the publication (projects.Distinction), and nothing of them before."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards import services
from awards.models import Award, Phase
from projects.models import Distinction
from tests.awards.conftest import text_of
from tests.awards.factories import make_entry, make_prize, set_phase
from tests.factories import make_distinction, make_project

pytestmark = pytest.mark.django_db


def awarded_count(client):
    """The count of the catalogue's "Awarded" facet, as the reader sees it (0 if not shown)."""
    response = client.get("/projects/")
    menus = {menu["name"]: menu for menu in response.context["facets"]}
    options = menus["awarded"]["options"] if "awarded" in menus else []
    return sum(option["count"] for option in options if option["value"] == "yes")


def awarded_titles(client):
    response = client.get("/projects/", {"awarded": "yes"})
    return sorted(project.title for project in response.context["page"].object_list)


@pytest.fixture
def decided(staff, jury_prize, entry_a, entry_b):
    """The jury prize to entry_a, a special mention to entry_b; not published yet."""
    set_phase(jury_prize.edition, Phase.CLOSED)
    for entry, kind in [(entry_a, "winner"), (entry_b, "mention")]:
        services.decide(prize=jury_prize, entry=entry, kind=kind, citations={}, by=staff)
    return jury_prize


def test_before_publication_no_badge_and_no_awarded_fiche(client, decided, entry_a, entry_b):
    assert not Distinction.objects.exists()
    for entry in (entry_a, entry_b):
        assert "prize-badge" not in text_of(client.get(entry.project.get_absolute_url()))
    assert awarded_count(client) == 0
    assert awarded_titles(client) == []


def test_after_publication_the_badges_and_the_awarded_facet(
    client, staff, decided, entry_a, entry_b, zone_a
):
    make_project(zone=zone_a, title="Sans prix")
    services.publish(edition=decided.edition, by=staff)

    winner = text_of(client.get(entry_a.project.get_absolute_url()))
    mention = text_of(client.get(entry_b.project.get_absolute_url()))

    assert f"{decided.name_en} 2026" in winner
    assert "Special mention" not in winner
    assert f"Special mention, {decided.name_en} 2026" in mention
    assert awarded_count(client) == 2
    assert awarded_titles(client) == sorted([entry_a.project.title, entry_b.project.title])


def test_the_badge_is_in_the_readers_language(client, staff, decided, entry_a):
    services.publish(edition=decided.edition, by=staff)

    fiche = text_of(client.get(entry_a.project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))

    assert f"{decided.name_fr} 2026" in fiche


def test_publishing_twice_records_each_distinction_once(staff, decided):
    services.publish(edition=decided.edition, by=staff)
    with pytest.raises(ValidationError):
        services.publish(edition=decided.edition, by=staff)
    awards = Award.objects.filter(prize__edition=decided.edition).select_related("prize", "entry")
    services.record_distinctions(decided.edition, awards)

    assert Distinction.objects.count() == 2
    assert sorted(Distinction.objects.values_list("kind", flat=True)) == ["mention", "winner"]


def test_recording_again_keeps_the_rows_and_drops_what_is_gone(staff, decided, entry_b):
    services.publish(edition=decided.edition, by=staff)
    kept = Distinction.objects.get(project=entry_a_project(decided))
    Award.objects.filter(entry=entry_b).delete()
    awards = Award.objects.filter(prize__edition=decided.edition).select_related("prize", "entry")

    services.record_distinctions(decided.edition, awards)

    assert list(Distinction.objects.all()) == [kept]


def entry_a_project(prize):
    return prize.awards.get(kind="winner").entry.project_id


def test_another_editions_distinctions_are_left_alone(staff, decided, entry_a, edition):
    other = make_distinction(project=entry_a.project, year=2020, source="awards:2020")
    services.publish(edition=decided.edition, by=staff)

    assert Distinction.objects.filter(pk=other.pk).exists()
    assert Distinction.objects.filter(project=entry_a.project).count() == 2


def test_the_fiche_asks_no_more_with_more_distinctions(client, assert_queries_do_not_grow):
    project = make_project(title="Primée")
    years = iter(range(1990, 2030))

    response = assert_queries_do_not_grow(
        client,
        project.get_absolute_url(),
        lambda: make_distinction(project=project, year=next(years)),
    )

    assert text_of(response).count('data-testid="prize-badge"') == 11


def test_a_prize_of_another_edition_in_the_scoring_phase_shows_nothing(
    client, staff, decided, zone_a, member_a
):
    """Entries of the current edition, still being scored, give no badge."""
    from tests.awards.factories import make_edition

    current = make_edition(year=2027, phase=Phase.SCORING)
    prize = make_prize(edition=current)
    project = make_project(zone=zone_a, title="En lice", by=member_a)
    make_entry(edition=current, project=project, entered_by=member_a)
    services.publish(edition=decided.edition, by=staff)

    assert "prize-badge" not in text_of(client.get(project.get_absolute_url()))
    assert prize.awards.count() == 0
    assert project.title not in awarded_titles(client)


def test_staff_changing_a_published_decision_in_the_admin_changes_the_badge(
    client, staff, decided, entry_a
):
    services.publish(edition=decided.edition, by=staff)
    award = Award.objects.get(entry=entry_a)
    client.force_login(staff)

    response = client.post(
        f"/admin/awards/award/{award.pk}/change/",
        {"kind": "mention", "citation_fr": "", "citation_nl": "", "citation_en": ""},
    )

    assert response.status_code == 302
    client.logout()
    fiche = text_of(client.get(entry_a.project.get_absolute_url()))
    assert f"Special mention, {decided.name_en} 2026" in fiche


def test_results_published_by_their_date_reach_the_fiches_at_the_next_housekeeping(
    client, decided, entry_a
):
    edition = decided.edition
    edition.results_published_at = timezone.now() + datetime.timedelta(hours=1)
    edition.save(update_fields=["results_published_at"])
    services.housekeeping()
    assert awarded_count(client) == 0  # the date has not come

    edition.results_published_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.save(update_fields=["results_published_at"])
    first = services.housekeeping()
    second = services.housekeeping()

    assert first["published results recorded on the fiches"] == 1
    assert second["published results recorded on the fiches"] == 0
    assert awarded_count(client) == 2
    assert "prize-badge" in text_of(client.get(entry_a.project.get_absolute_url()))


def test_results_published_by_their_date_mail_the_winners_zones_once(
    decided, mailoutbox, django_capture_on_commit_callbacks
):
    edition = decided.edition
    edition.results_published_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.save(update_fields=["results_published_at"])
    awards = Award.objects.filter(prize__edition=edition).select_related("entry__zone")
    for award in awards:
        zone = award.entry.zone
        zone.contact_email = f"contact-{zone.slug}@police.belgium.eu"
        zone.save(update_fields=["contact_email"])

    with django_capture_on_commit_callbacks(execute=True):
        services.housekeeping()
        services.housekeeping()

    titles = {award.entry.project.title for award in awards}
    told = {mail.to[0]: mail for mail in mailoutbox}
    assert len(mailoutbox) == len(told) == 2  # each zone once: the second run mails no one
    assert set(told) == {f"contact-{award.entry.zone.slug}@police.belgium.eu" for award in awards}
    assert all(f"{decided.name} {edition.year}" in mail.subject for mail in mailoutbox)
    assert {title for title in titles for mail in mailoutbox if title in mail.body} == titles
