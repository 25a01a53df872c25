"""The prize-quality indicator, read from the jury's scores through awards.quality."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import Phase
from indicators import report
from indicators.computations import REGISTRY
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def scored_edition(year, phase, results):
    """An edition whose jury prize has one entry per result (one juror, one criterion /10)."""
    edition = make_edition(year=year, phase=phase)
    prize = make_prize(edition=edition)
    criterion = make_criterion(prize=prize, maximum=10)
    juror = make_juror(prize=prize)
    for value in results:
        make_sheet(juror=juror, entry=make_entry(edition=edition), values={criterion: value})
    return edition


def test_mean_jury_result_and_entries_of_each_closed_edition():
    scored_edition(2023, Phase.PUBLISHED, [7.5, 8, 6.1])  # (75 + 80 + 61) / 3 = 72.0
    scored_edition(2024, Phase.DELIBERATION, [6, 9])  # 75.0
    scored_edition(2025, Phase.SCORING, [10])  # scoring still open: not shown

    figures = REGISTRY["prize_quality"].figures(today=TODAY)

    assert {year: figure.value for year, figure in figures.items()} == {
        2023: Decimal("72.0"),
        2024: Decimal("75.0"),
    }
    assert {year: figure.extras for year, figure in figures.items()} == {
        2023: {"entries": 3},
        2024: {"entries": 2},
    }


def test_a_closed_edition_without_results_shows_no_value():
    scored_edition(2024, Phase.CLOSED, [])
    figures = REGISTRY["prize_quality"].figures(today=TODAY)
    assert figures[2024].value is None
    assert figures[2024].extras == {"entries": 0}


def test_the_dashboard_shows_the_prize_figure(client):
    year = datetime.date.today().year - 1
    scored_edition(year, Phase.PUBLISHED, [8, 9])
    row = next(r for r in report.build() if r.indicator.code == "prize-quality")
    assert row.available
    assert row.latest.year == year and row.latest.value == Decimal("85.0")
    text = client.get(reverse("indicators:dashboard")).content.decode()
    prize_row = text.split('data-indicator="prize-quality"')[1].split("</tr>")[0]
    assert 'data-testid="value">85<' in prize_row
