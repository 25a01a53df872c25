"""No jury, results, vote or admin page asks the database more often with more entries,
jurors or criteria."""

import itertools

import pytest
from django.urls import reverse

from awards import services
from awards.models import Award, Phase
from events.models import Event, Registration
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
    set_phase,
)
from tests.events.factories import make_event
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def prize(db):
    prize = make_prize(edition=make_edition(year=2026, phase=Phase.SCORING))
    prize.criterion = make_criterion(prize=prize)
    prize.juror = make_juror(prize=prize, user=make_user(totp=True))
    return prize


def add_scored_entry(prize):
    """An entry, copied for the jury as when the call closed, and scored by the juror."""
    entry = make_entry(edition=prize.edition)
    services.freeze_entries(edition=prize.edition)
    make_sheet(juror=prize.juror, entry=entry, values={prize.criterion: 7})
    return entry


def add_juror_with_sheets(prize):
    juror = make_juror(prize=prize)
    for entry in prize.edition.entries.all():
        make_sheet(juror=juror, entry=entry, values={prize.criterion: 6})


def add_criterion(prize):
    make_criterion(prize=prize)


def test_jury_home_with_more_entries(client, prize, assert_queries_do_not_grow):
    client.force_login(prize.juror.user)
    page = assert_queries_do_not_grow(
        client, reverse("awards:jury"), lambda: add_scored_entry(prize)
    )
    assert "11 of 11" in page.content.decode()


def test_sheet_page_with_more_criteria(client, prize, assert_queries_do_not_grow):
    entry = add_scored_entry(prize)
    client.force_login(prize.juror.user)
    url = reverse("awards:jury_entry", args=[prize.pk, entry.pk])
    assert_queries_do_not_grow(client, url, lambda: add_criterion(prize))


@pytest.mark.parametrize("add", [add_scored_entry, add_juror_with_sheets, add_criterion])
def test_results_page_with_more_entries_jurors_and_criteria(
    client, prize, staff, assert_queries_do_not_grow, add
):
    add_scored_entry(prize)
    set_phase(prize.edition, Phase.DELIBERATION)
    client.force_login(staff)
    assert_queries_do_not_grow(
        client, reverse("awards:results", args=[prize.pk]), lambda: add(prize)
    )


def test_published_edition_with_more_winners(client, prize, assert_queries_do_not_grow):
    set_phase(prize.edition, Phase.PUBLISHED)
    kinds = itertools.cycle(["winner", "mention"])

    def add_winner():
        Award.objects.create(prize=prize, entry=add_scored_entry(prize), kind=next(kinds))

    assert_queries_do_not_grow(client, prize.edition.get_absolute_url(), add_winner)


def test_vote_page_with_a_longer_shortlist(client, zone_a, member_a, assert_queries_do_not_grow):
    seminar = make_event(kind=Event.Kind.SEMINAR, days=-1)
    edition = make_edition(year=2026, phase=Phase.VOTING, seminar=seminar)
    audience = make_prize(edition=edition, kind="audience")
    Registration.objects.create(event=seminar, user=member_a, attended=True)
    client.force_login(member_a)

    def add_shortlisted():
        audience.shortlist.add(make_entry(edition=edition, project=make_project()))

    url = reverse("awards:vote", args=[2026, audience.pk])
    assert_queries_do_not_grow(client, url, add_shortlisted)


@pytest.mark.parametrize(
    "model", ["edition", "prize", "entry", "sheet", "conflict", "assignment", "award"]
)
def test_admin_lists_with_more_rows(client, prize, staff, assert_queries_do_not_grow, model):
    from awards.models import Assignment, Conflict

    def add_row():
        entry = add_scored_entry(prize)
        Conflict.objects.create(juror=prize.juror, entry=entry, reason="Former colleague")
        Assignment.objects.create(juror=prize.juror, entry=entry)
        Award.objects.create(prize=prize, entry=entry)
        make_prize(edition=make_edition(), kind="jury")

    client.force_login(staff)
    assert_queries_do_not_grow(client, reverse(f"admin:awards_{model}_changelist"), add_row)
