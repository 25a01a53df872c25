"""The prize's quality figure, as `indicators` reads it (the fifth target of the plan: "quality
of the projects entered for the prize, as analysed by the jury").

For an edition, the figure is the mean of the results of the jury prize's entries (each result
the mean of its jurors' weighted totals, 0-100, see `awards.results`), with the number of
entries that have a result. An edition counts once its scoring phase has closed: before that,
the figure would move while jurors score.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from .models import Edition, Prize, Score
from .results import entry_results, mean, rounded, sheet_totals


class JuryQuality(NamedTuple):
    year: int
    # mean of the jury prize entries' results, in percent of the maximum weighted total
    # (0-100), rounded to 0.1
    mean: Decimal | None
    entries: int  # number of jury-prize entries that have a result


def jury_quality(years: Iterable[int]) -> dict[int, JuryQuality]:
    """One or two queries whatever the number of years; a year appears once its edition's
    scoring phase has closed."""
    years = set(years)
    if not years:
        return {}
    editions = dict(
        Edition.objects.scoring_closed().filter(year__in=years).values_list("pk", "year")
    )
    if not editions:
        return {}
    rows = defaultdict(list)
    for edition_id, *row in Score.objects.filter(
        sheet__juror__prize__edition_id__in=editions, sheet__juror__prize__kind=Prize.Kind.JURY
    ).total_rows("sheet__juror__prize__edition_id"):
        rows[edition_id].append(row)
    figures = {}
    for edition_id, year in editions.items():
        results = entry_results(sheet_totals(rows[edition_id]))
        figures[year] = JuryQuality(
            year=year,
            mean=rounded(mean(row.mean for row in results)) if results else None,
            entries=len(results),
        )
    return figures
