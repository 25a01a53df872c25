"""The numbers of the prize, computed by hand."""

from decimal import Decimal

import pytest

from awards.models import Phase, Sheet
from awards.quality import JuryQuality, jury_quality
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
)

pytestmark = pytest.mark.django_db


def test_weighted_total_with_unequal_weights_and_a_skipped_optional_criterion():
    prize = make_prize()
    analysis = make_criterion(prize=prize, weight=3, maximum=10)
    objectives = make_criterion(prize=prize, weight=1, maximum=5)
    originality = make_criterion(prize=prize, weight=2, maximum=10, required=False)
    skipped, complete = make_entry(edition=prize.edition), make_entry(edition=prize.edition)
    juror = make_juror(prize=prize)
    # (3 x 8/10 + 1 x 4/5) / (3 + 1) = 3.2 / 4 = 80 %: the skipped criterion weighs nothing.
    make_sheet(juror=juror, entry=skipped, values={analysis: 8, objectives: 4, originality: None})
    # (3 x 8/10 + 1 x 4/5 + 2 x 2/10) / 6 = 3.6 / 6 = 60 %.
    make_sheet(juror=juror, entry=complete, values={analysis: 8, objectives: 4, originality: 2})

    results = prize.results()

    assert results.for_entry(skipped.pk).shown == Decimal("80.0")
    assert results.for_entry(complete.pk).shown == Decimal("60.0")
    assert [row.entry_id for row in results.rows] == [skipped.pk, complete.pk]


def test_mean_standard_deviation_and_range_across_jurors():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    entry = make_entry(edition=prize.edition)
    for value in (6, 8, 7):
        make_sheet(juror=make_juror(prize=prize), entry=entry, values={criterion: value})

    row = prize.results().for_entry(entry.pk)

    # Totals 60, 80, 70: mean 70; deviations -10, +10, 0: sd = √(200/3) = 8.16…
    assert row.jurors == 3
    assert row.shown == Decimal("70.0")
    assert row.sd.quantize(Decimal("0.01")) == Decimal("8.16")
    assert (row.minimum, row.maximum) == (Decimal(60), Decimal(80))


def _table(prize, criterion, rows):
    """rows: {entry: {juror: value}} on a single criterion of maximum 10 (total = value x 10)."""
    for entry, values in rows.items():
        for juror, value in values.items():
            make_sheet(juror=juror, entry=entry, values={criterion: value})


def test_normalised_view_computed_by_hand():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    e1, e2, e3, e4 = (make_entry(edition=prize.edition) for _ in range(4))
    lenient, severe = make_juror(prize=prize), make_juror(prize=prize)
    # Lenient: 90 70 50 70, mean 70, sd √200; z = +√2, 0, -√2, 0.
    # Severe: 60 90 30 60, mean 60, sd √450; z = 0, +√2, -√2, 0.
    _table(
        prize,
        criterion,
        {
            e1: {lenient: 9, severe: 6},
            e2: {lenient: 7, severe: 9},
            e3: {lenient: 5, severe: 3},
            e4: {lenient: 7, severe: 6},
        },
    )

    results = prize.results()

    raw = {row.entry_id: row.shown for row in results.rows}
    assert raw == {e1.pk: Decimal("75.0"), e2.pk: Decimal("80.0"), e3.pk: Decimal("40.0"),
                   e4.pk: Decimal("65.0")}  # fmt: skip
    # Mean z: e1 and e2 √2/2, e3 -√2, e4 0; rescaled onto the raw range 40-80:
    # e4 = 40 + (0 + √2) / (√2/2 + √2) x 40 = 40 + 2/3 x 40 = 66.7.
    assert results.normalised
    normalised = {row.entry_id: row.normalised.quantize(Decimal("0.1")) for row in results.rows}
    assert normalised == {e1.pk: Decimal("80.0"), e2.pk: Decimal("80.0"),
                          e3.pk: Decimal("40.0"), e4.pk: Decimal("66.7")}  # fmt: skip


def test_no_normalised_view_while_a_juror_scored_fewer_than_three_entries():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    e1, e2, e3 = (make_entry(edition=prize.edition) for _ in range(3))
    full, partial = make_juror(prize=prize), make_juror(prize=prize)
    _table(prize, criterion, {e1: {full: 9, partial: 6}, e2: {full: 7, partial: 5}, e3: {full: 5}})

    results = prize.results()

    assert not results.normalised
    assert results.short_jurors == [partial.pk]
    assert all(row.normalised is None for row in results.rows)


def test_equal_results_share_their_rank():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    split, single, last = (make_entry(edition=prize.edition) for _ in range(3))
    one, two = make_juror(prize=prize), make_juror(prize=prize)
    _table(prize, criterion, {split: {one: 7, two: 8}, single: {one: 7.5}, last: {two: 6}})

    ranks = {row.entry_id: (row.rank, row.tied) for row in prize.results().rows}

    assert ranks == {split.pk: (1, True), single.pk: (1, True), last.pk: (3, False)}


def test_an_abstention_or_a_draft_does_not_lower_an_entry():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    entry = make_entry(edition=prize.edition)
    make_sheet(juror=make_juror(prize=prize), entry=entry, values={criterion: 8})
    make_sheet(juror=make_juror(prize=prize), entry=entry, status=Sheet.Status.ABSTAINED)
    make_sheet(
        juror=make_juror(prize=prize),
        entry=entry,
        values={criterion: 1},
        status=Sheet.Status.DRAFT,
    )

    row = prize.results().for_entry(entry.pk)

    assert (row.shown, row.jurors) == (Decimal("80.0"), 1)


def test_the_entries_where_jurors_disagree_most_are_flagged():
    prize = make_prize()
    criterion = make_criterion(prize=prize, maximum=10)
    calm, split, agreed = (make_entry(edition=prize.edition) for _ in range(3))
    one, two = make_juror(prize=prize), make_juror(prize=prize)
    _table(prize, criterion, {calm: {one: 7, two: 6}, split: {one: 9, two: 2},
                              agreed: {one: 5, two: 5}})  # fmt: skip

    disputed = {row.entry_id for row in prize.results().rows if row.disputed}

    assert disputed == {split.pk}


def _jury_prize_with_results(year, phase, totals_by_entry):
    """An edition whose jury prize gives each entry one juror's total (value x 10)."""
    edition = make_edition(year=year, phase=phase)
    prize = make_prize(edition=edition)
    criterion = make_criterion(prize=prize, maximum=10)
    juror = make_juror(prize=prize)
    for value in totals_by_entry:
        make_sheet(juror=juror, entry=make_entry(edition=edition), values={criterion: value})
    return edition


def test_jury_quality_is_the_mean_of_the_jury_prize_results_once_scoring_closed(
    django_assert_max_num_queries,
):
    edition = _jury_prize_with_results(2023, Phase.DELIBERATION, [7.5, 8, 6.1])
    # The originality prize of the same edition does not count.
    originality = make_prize(edition=edition, kind="originality")
    criterion = make_criterion(prize=originality, maximum=10)
    make_sheet(
        juror=make_juror(prize=originality),
        entry=edition.entries.first(),
        values={criterion: 1},
    )
    _jury_prize_with_results(2024, Phase.PUBLISHED, [])
    _jury_prize_with_results(2025, Phase.SCORING, [9])

    with django_assert_max_num_queries(2):
        figures = jury_quality(range(2019, 2026))

    # (75 + 80 + 61) / 3 = 72.0
    assert figures == {
        2023: JuryQuality(year=2023, mean=Decimal("72.0"), entries=3),
        2024: JuryQuality(year=2024, mean=None, entries=0),
    }


def test_jury_quality_rounds_to_one_decimal_and_counts_entries_with_a_result():
    edition = _jury_prize_with_results(2022, Phase.CLOSED, [7, 8, 8])
    make_entry(edition=edition)  # entered, never scored: no result

    # (70 + 80 + 80) / 3 = 76.666… → 76.7
    assert jury_quality([2022]) == {2022: JuryQuality(2022, Decimal("76.7"), 3)}


def test_jury_quality_of_no_year_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert jury_quality([]) == {}
