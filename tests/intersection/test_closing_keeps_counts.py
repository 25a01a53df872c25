"""Closing an account keeps every figure the association publishes: the indicators of past
years, the events' confirmed and attended counts, the fiches, the replications and the prize's
results are identical before and after, for a person who took part in all of them."""

import datetime

import pytest

from awards.models import Phase, Vote
from events.models import Registration
from indicators import report
from intersection import privacy
from members.models import Membership
from projects.models import Adoption, Project
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
)
from tests.factories import make_budget_line, make_project, make_user
from tests.indicators.conftest import load_plan
from tests.indicators.helpers import at, came, implemented_in, midi, seminar

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1


def published_figures():
    """Every indicator's value and extras for every year, as the dashboard computes them."""
    return {
        (row.indicator.code, item.year): (item.value, tuple(sorted(item.extras.items())))
        for row in report.build(full=True)
        for item in row.years
    }


def event_counts(event):
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        event.registrations.filter(attended=True).count(),
    )


def fiche_state(fiche):
    fiche = Project.objects.get(pk=fiche.pk)
    return (fiche.title, fiche.status, fiche.owner_zone_id, fiche.published_at, fiche.budget_total)


@pytest.fixture
def everything(zone_a, zone_b, member_b):
    """Julien of Liège: at last year's seminar and a midi, author of a fiche published last
    year, asked about Brussels' fiche and implemented it, entered the prize, sat on its jury
    for another entry, voted for his zone."""
    load_plan()
    for zone in (zone_a, zone_b):
        Membership.objects.get_or_create(zone=zone, start=datetime.date(2018, 1, 1))
    julien = make_user(zone=zone_a, reference=True, first_name="Julien", last_name="Renard")
    colleague = make_user(zone=zone_a)
    the_seminar, the_midi = seminar(LAST_YEAR), midi(LAST_YEAR)
    for event in (the_seminar, the_midi):
        came(event, julien, dietary_needs="Sans gluten")
        came(event, colleague)
        came(event)  # a partner guest
    fiche = make_project(zone=zone_a, by=julien, published_at=at(LAST_YEAR))
    make_budget_line(project=fiche)
    veloflic = make_project(zone=zone_b, by=member_b, published_at=at(LAST_YEAR - 1))
    implemented_in(LAST_YEAR, project=veloflic, zone=zone_a, by=julien)

    edition = make_edition(year=LAST_YEAR, phase=Phase.PUBLISHED)
    prize = make_prize(edition=edition)
    criterion = make_criterion(prize=prize, weight=1, maximum=10)
    ours = make_entry(edition=edition, project=fiche, entered_by=julien)
    theirs = make_entry(edition=edition, project=veloflic, entered_by=member_b)
    as_juror = make_juror(prize=prize, user=julien)
    other = make_juror(prize=prize, user=make_user(totp=True))
    make_sheet(juror=as_juror, entry=theirs, values={criterion: 7})
    make_sheet(juror=other, entry=theirs, values={criterion: 9})
    make_sheet(juror=other, entry=ours, values={criterion: 6})
    vote_prize = make_prize(edition=edition, kind="reference_persons")
    Vote.objects.create(prize=vote_prize, entry=theirs, zone=zone_a, voter=julien)
    return {
        "user": julien,
        "events": [the_seminar, the_midi],
        "fiche": fiche,
        "prize": prize,
        "entries": [ours, theirs],
    }


def test_every_published_figure_is_unchanged_after_closing_the_account(everything):
    user, fiche, prize = everything["user"], everything["fiche"], everything["prize"]
    results = prize.results()
    before = (
        published_figures(),
        [event_counts(event) for event in everything["events"]],
        fiche_state(fiche),
        [results.for_entry(entry.pk).shown for entry in everything["entries"]],
        Adoption.objects.filter(status="implemented").count(),
        Vote.objects.count(),
    )
    # The person took part in every figure: the test would notice one that moves.
    figures = before[0]
    assert figures[("seminar-participants", LAST_YEAR)][0] == 3
    assert figures[("fiches-shared", LAST_YEAR)][0] == 1
    assert figures[("replications", LAST_YEAR)][0] == 1
    assert figures[("prize-quality", LAST_YEAR)][0] is not None

    privacy.close_account(user=user)

    results = prize.results()
    after = (
        published_figures(),
        [event_counts(event) for event in everything["events"]],
        fiche_state(fiche),
        [results.for_entry(entry.pk).shown for entry in everything["entries"]],
        Adoption.objects.filter(status="implemented").count(),
        Vote.objects.count(),
    )
    assert after == before
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("", "")
    assert not Registration.objects.filter(user=user).exclude(dietary_needs="").exists()
