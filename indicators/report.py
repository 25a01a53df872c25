"""The indicators' figures year by year, with targets, statuses, snapshots and chart shapes:
what the dashboard, the indicator pages and the exports show.

A report costs a fixed number of queries whatever the number of years, zones, events or
registrations: the indicators and their targets (2), the snapshots (1), then each
computation once (`computations.py`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from .models import Indicator, Snapshot, Status

STATUS_TONES = {
    Status.MET: "good",
    Status.ON_TRACK: "fair",
    Status.BEHIND: "poor",
    Status.ABOVE: "poor",
    Status.BELOW: "poor",
}


@dataclass
class YearFigure:
    year: int
    value: Decimal | None
    extras: dict = field(default_factory=dict)
    year_to_date: bool = False
    frozen: bool = False
    # Today's computation of a frozen year, when it differs from the snapshot (staff see both).
    live_value: Decimal | None = None
    live_differs: bool = False
    target: object = None
    status: str | None = None
    extra_values: list = field(default_factory=list)

    @property
    def difference(self):
        if not self.live_differs:
            return None
        return (self.live_value or 0) - (self.value or 0)

    @property
    def status_label(self):
        return Status(self.status).label if self.status else ""

    @property
    def tone(self):
        return STATUS_TONES.get(self.status, "none")


@dataclass
class Row:
    indicator: Indicator
    years: list
    available: bool = True

    @property
    def latest(self):
        """The last complete year: the one whose status the dashboard shows."""
        complete = [figure for figure in self.years if not figure.year_to_date]
        return complete[-1] if complete else None

    @property
    def current(self):
        return self.years[-1] if self.years and self.years[-1].year_to_date else None

    @property
    def target(self):
        latest = self.latest
        if latest is not None and latest.target is not None:
            return latest.target
        targets = list(self.indicator.targets.all())
        return targets[-1] if targets else None

    @property
    def extras_labels(self):
        method = self.indicator.method
        return method.extras if method else {}

    @property
    def extra_columns(self):
        return list(self.extras_labels.values())

    @property
    def latest_extras(self):
        latest = self.latest
        if latest is None:
            return []
        labels = self.extras_labels
        return [(labels[key], latest.extras[key]) for key in labels if key in latest.extras]

    @property
    def bullet(self):
        return bullet_chart(self)

    @property
    def sparkline(self):
        return sparkline(self.years)

    @property
    def chart(self):
        return bar_chart(self)


def _decimal(value):
    return None if value is None else Decimal(value)


def build(indicators=None, *, today=None, full=False, closed_only=False):
    """One Row per indicator, every year from its first record to the current year.

    Closed years are read from their snapshots, and the computations run only from the first
    open year on (closing a year closes the years before it too). `full` computes every year
    anyway, so that staff can compare today's computation with the snapshots. `closed_only`
    computes nothing: the published figures of the closed years alone (the home page).
    """
    today = today or timezone.localdate()
    indicators = list(indicators if indicators is not None else Indicator.objects.for_report())
    snapshots = {
        (snapshot.indicator_id, snapshot.year): snapshot
        for snapshot in Snapshot.objects.filter(indicator__in=indicators)
    }
    since = {}
    for indicator in indicators:
        closed = [year for (pk, year) in snapshots if pk == indicator.pk]
        first_open = None if full or not closed else max(closed) + 1
        since[indicator.pk] = first_open
        code = indicator.computation
        since[code] = first_open if code not in since else _earliest(since[code], first_open)
    computed = {}
    for indicator in indicators:
        method = indicator.method
        if method is not None and closed_only:
            computed[indicator.computation] = {}
        elif method is not None and indicator.computation not in computed:
            code = indicator.computation
            computed[code] = method.figures(today=today, since=since[code])
    rows = [
        _row(indicator, computed.get(indicator.computation), snapshots, today, since[indicator.pk])
        for indicator in indicators
    ]
    if closed_only:
        for row in rows:
            row.years = [item for item in row.years if item.frozen]
    return rows


def _earliest(a, b):
    return None if a is None or b is None else min(a, b)


def _row(indicator, live, snapshots, today, since):
    if live is None:
        return Row(indicator=indicator, years=[], available=False)
    frozen_years = {year for (pk, year) in snapshots if pk == indicator.pk}
    known = set(live) | frozen_years
    if not known:
        return Row(indicator=indicator, years=[])
    years = []
    for year in range(min(known), today.year + 1):
        figure = live.get(year)
        snapshot = snapshots.get((indicator.pk, year))
        if snapshot is not None:
            covered = since is None or year >= since
            live_value = figure.value if figure else None
            item = YearFigure(
                year=year,
                value=_decimal(snapshot.value),
                extras=snapshot.details.get("extras", {}),
                frozen=True,
                live_value=live_value if covered else None,
                live_differs=covered and live_value != _decimal(snapshot.value),
            )
        else:
            item = YearFigure(
                year=year,
                value=figure.value if figure else None,
                extras=figure.extras if figure else {},
                year_to_date=year == today.year,
            )
        years.append(item)
    values = {item.year: item.value for item in years}
    keys = list(indicator.method.extras)
    for item in years:
        item.extra_values = [item.extras.get(key) for key in keys]
        item.target = indicator.target_for(item.year)
        if item.target is not None and not item.year_to_date:
            baseline = item.target.baseline_value
            if baseline is None:
                baseline = values.get(item.target.baseline_year)
            item.status = item.target.judge(year=item.year, value=item.value, baseline=baseline)
    return Row(indicator=indicator, years=years)


# Charts: shapes computed here, drawn as inline SVG by the templates.

BULLET_WIDTH = 240
SPARK_WIDTH, SPARK_HEIGHT = 96, 24
BAR_WIDTH, BAR_HEIGHT = 560, 180


def _scale_top(values):
    top = max([value for value in values if value is not None] or [Decimal(1)])
    return top * Decimal("1.15") if top > 0 else Decimal(1)


def _x(value, top, width):
    return round(float(Decimal(value) / top) * width, 1)


def bullet_chart(row):
    latest = row.latest
    target = latest.target if latest else row.target
    value = latest.value if latest else None
    marks = [value]
    if target is not None:
        marks += [target.low, target.high]
    top = _scale_top(marks)
    chart = {"width": BULLET_WIDTH, "bar": None, "marker": None, "band": None}
    if value is not None:
        chart["bar"] = _x(value, top, BULLET_WIDTH)
    if target is not None:
        if target.kind == target.Kind.BAND:
            low, high = _x(target.low, top, BULLET_WIDTH), _x(target.high, top, BULLET_WIDTH)
            chart["band"] = {"x": low, "width": round(high - low, 1)}
        else:
            aim = target.low if target.kind == target.Kind.AT_LEAST else target.high
            chart["marker"] = _x(aim, top, BULLET_WIDTH)
    return chart


def sparkline(years):
    points = [(n, item.value) for n, item in enumerate(years) if item.value is not None]
    if len(points) < 2:
        return None
    top = _scale_top([value for _, value in points])
    step = SPARK_WIDTH / max(len(years) - 1, 1)
    return {
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
        "points": " ".join(
            f"{round(n * step, 1)},{round(SPARK_HEIGHT - _x(value, top, SPARK_HEIGHT - 2), 1)}"
            for n, value in points
        ),
    }


def bar_chart(row):
    """Bars per year, with the target of each year as a tick and a band as a shaded range."""
    years = row.years
    if not years:
        return None
    marks = [item.value for item in years]
    for item in years:
        if item.target is not None:
            marks += [item.target.low, item.target.high]
    top = _scale_top(marks)
    slot = BAR_WIDTH / len(years)
    bars = []
    for n, item in enumerate(years):
        height = _x(item.value, top, BAR_HEIGHT) if item.value is not None else 0
        bar = {
            "x": round(n * slot + slot * 0.15, 1),
            "width": round(slot * 0.7, 1),
            "y": round(BAR_HEIGHT - height, 1),
            "height": height,
            "label_x": round(n * slot + slot / 2, 1),
            "item": item,
            "aim": None,
            "band": None,
        }
        target = item.target
        if target is not None:
            if target.kind == target.Kind.BAND:
                y_high = BAR_HEIGHT - _x(target.high, top, BAR_HEIGHT)
                y_low = BAR_HEIGHT - _x(target.low, top, BAR_HEIGHT)
                bar["band"] = {"y": round(y_high, 1), "height": round(y_low - y_high, 1)}
            else:
                aim = target.low if target.kind == target.Kind.AT_LEAST else target.high
                bar["aim"] = round(BAR_HEIGHT - _x(aim, top, BAR_HEIGHT), 1)
        bars.append(bar)
    return {"width": BAR_WIDTH, "height": BAR_HEIGHT, "bars": bars, "slot": slot}
