"""awards' part of a person's data: entries, jury sheets, votes; closing keeps every count."""

from decimal import Decimal

import pytest

from awards import privacy
from awards.models import Phase, Vote
from intersection import privacy as site_privacy
from tests.awards.factories import make_edition, make_entry, make_prize, make_sheet
from tests.factories import make_project, make_zone

pytestmark = pytest.mark.django_db


def test_the_export_lists_entries_sheets_and_votes(member_a, zone_a, juror, criteria, entry_b):
    entry = make_entry(
        zone=zone_a, project=make_project(zone=zone_a, title="Senior Focus"), entered_by=member_a
    )
    make_sheet(juror=juror, entry=entry, values={criteria[0]: 8}, comment="Clear and useful")
    edition = make_edition(phase=Phase.VOTING)
    prize = make_prize(edition=edition, kind="reference_persons")
    Vote.objects.create(prize=prize, entry=entry_b, zone=zone_a, voter=member_a)

    entries, _sheets, votes = privacy.export(member_a)
    _entries, sheets, _votes = privacy.export(juror.user)

    assert entries.rows[0][1][2] == "Senior Focus"
    assert sheets.rows[0][4][2] == "Clear and useful"
    assert f"{criteria[0].name}: 8.0" in sheets.rows[0][3][2]
    assert votes.rows[0][1][2] == "Véloflic"


def test_closing_an_account_keeps_every_vote_and_result(
    member_a, zone_a, juror, other_juror, criteria, entry_b
):
    entry = make_entry(zone=zone_a, project=make_project(zone=zone_a), entered_by=member_a)
    make_sheet(juror=juror, entry=entry, values={criteria[0]: 8})
    make_sheet(juror=other_juror, entry=entry, values={criteria[0]: 6})
    prize = make_prize(edition=make_edition(phase=Phase.VOTING), kind="reference_persons")
    Vote.objects.create(prize=prize, entry=entry_b, zone=make_zone(), voter=member_a)
    before = juror.prize.results().for_entry(entry.pk).shown

    site_privacy.close_account(user=member_a)
    site_privacy.close_account(user=juror.user)

    assert Vote.objects.get().voter is None
    assert Vote.objects.filter(prize=prize).count() == 1
    assert juror.prize.results().for_entry(entry.pk).shown == before == Decimal("70.0")
    assert privacy.export(member_a)[2].rows == []
