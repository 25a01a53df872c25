"""The numbers of a jury-scored prize, computed from the submitted sheets.

- A juror's **total** for an entry is the weighted mean of their values, each value taken as a
  share of its criterion's maximum, scaled to 0-100. A skipped optional criterion counts in
  neither the numerator nor the weights: it neither lowers nor raises the total.
- An entry's **result** is the mean of its jurors' totals, with their number, their standard
  deviation (population: the panel is the whole jury, not a sample) and their min-max. A juror
  who abstained, or did not submit, is simply not among them: the entry is not lowered.
- The **rank** follows the results as shown (rounded to 0.1): equal results share a rank
  (1, 1, 3).
- The entries where the jurors disagree most (the highest quarter of standard deviations,
  at least one, among entries with several jurors who disagree at all) are flagged for the
  deliberation.
- The **normalised view** turns each juror's totals into z-scores (how far above or below
  their own mean, in their own standard deviations; a juror who gave one total to everything
  has z = 0), averages them per entry, then rescales these averages linearly onto the range of
  the raw results (lowest raw result to highest), so both columns read on the same scale. It is
  shown only when every juror who submitted a sheet for the prize scored at least
  `NORMALISATION_MIN_ENTRIES` entries: below that a juror's mean and spread say nothing.

Everything is computed with Decimal from the stored values; rounding happens only for display
(`ONE_PLACE`).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")
NORMALISATION_MIN_ENTRIES = 3


def rounded(value):
    return None if value is None else value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def weighted_total(values):
    """The 0-100 total of one sheet from (value, maximum, weight) triples; None values are
    skipped optional criteria. None when nothing was scored."""
    numerator = Decimal(0)
    weights = Decimal(0)
    for value, maximum, weight in values:
        if value is None:
            continue
        numerator += Decimal(weight) * Decimal(value) / Decimal(maximum)
        weights += Decimal(weight)
    if not weights:
        return None
    return numerator / weights * HUNDRED


def mean(values):
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


def population_sd(values):
    values = list(values)
    average = mean(values)
    return (sum(((v - average) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


@dataclass
class EntryResult:
    entry_id: int
    totals: dict  # juror id -> total (Decimal, 0-100)
    mean: Decimal
    sd: Decimal
    minimum: Decimal
    maximum: Decimal
    rank: int = 0
    tied: bool = False
    disputed: bool = False
    normalised: Decimal | None = None

    @property
    def jurors(self):
        return len(self.totals)

    @property
    def shown(self):
        return rounded(self.mean)


@dataclass
class PrizeResults:
    rows: list = field(default_factory=list)  # EntryResult, best first
    normalised: bool = False
    # Juror ids with fewer than NORMALISATION_MIN_ENTRIES totals (why the view is not shown).
    short_jurors: list = field(default_factory=list)

    def for_entry(self, entry_id):
        return next((row for row in self.rows if row.entry_id == entry_id), None)


def sheet_totals(score_rows):
    """{(juror id, entry id): total} from rows (juror id, entry id, value, maximum, weight)."""
    triples = defaultdict(list)
    for juror_id, entry_id, value, maximum, weight in score_rows:
        triples[juror_id, entry_id].append((value, maximum, weight))
    totals = {key: weighted_total(values) for key, values in triples.items()}
    return {key: total for key, total in totals.items() if total is not None}


def entry_results(totals):
    """The ranked results from {(juror id, entry id): total}."""
    by_entry = defaultdict(dict)
    for (juror_id, entry_id), total in totals.items():
        by_entry[entry_id][juror_id] = total
    rows = [
        EntryResult(
            entry_id=entry_id,
            totals=jurors,
            mean=mean(jurors.values()),
            sd=population_sd(jurors.values()),
            minimum=min(jurors.values()),
            maximum=max(jurors.values()),
        )
        for entry_id, jurors in by_entry.items()
    ]
    rows.sort(key=lambda row: (-row.shown, row.entry_id))
    for position, row in enumerate(rows, start=1):
        previous = rows[position - 2] if position > 1 else None
        row.rank = previous.rank if previous and previous.shown == row.shown else position
    for row in rows:
        row.tied = sum(1 for other in rows if other.rank == row.rank) > 1
    _flag_disputed(rows)
    return rows


def _flag_disputed(rows):
    candidates = sorted(
        (row for row in rows if row.jurors > 1 and row.sd > 0), key=lambda row: -row.sd
    )
    if not candidates:
        return
    threshold = candidates[max(1, math.ceil(len(candidates) / 4)) - 1].sd
    for row in candidates:
        row.disputed = row.sd >= threshold


def prize_results(totals):
    """Results of one prize from {(juror id, entry id): total}, with the normalised view when
    every juror scored enough entries."""
    results = PrizeResults(rows=entry_results(totals))
    by_juror = defaultdict(dict)
    for (juror_id, entry_id), total in totals.items():
        by_juror[juror_id][entry_id] = total
    results.short_jurors = sorted(
        juror_id
        for juror_id, entries in by_juror.items()
        if len(entries) < NORMALISATION_MIN_ENTRIES
    )
    if not results.rows or results.short_jurors:
        return results
    z_by_entry = defaultdict(list)
    for entries in by_juror.values():
        average, spread = mean(entries.values()), population_sd(entries.values())
        for entry_id, total in entries.items():
            z_by_entry[entry_id].append((total - average) / spread if spread else Decimal(0))
    z = {entry_id: mean(values) for entry_id, values in z_by_entry.items()}
    raw_low = min(row.mean for row in results.rows)
    raw_high = max(row.mean for row in results.rows)
    z_low, z_high = min(z.values()), max(z.values())
    for row in results.rows:
        if z_high == z_low:
            row.normalised = (raw_low + raw_high) / 2
        else:
            row.normalised = raw_low + (z[row.entry_id] - z_low) / (z_high - z_low) * (
                raw_high - raw_low
            )
    results.normalised = True
    return results
