"""The status rules at and around their boundaries."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, Status, Target


def target(kind, low=None, high=None, *, baseline_year=2020, horizon=2025, baseline=None):
    return Target(
        kind=kind,
        low=None if low is None else Decimal(low),
        high=None if high is None else Decimal(high),
        baseline_year=baseline_year,
        horizon_year=horizon,
        baseline_value=None if baseline is None else Decimal(baseline),
    )


# At least 36 by 2025, from 16 in 2020: the line is at 20 in 2021, 28 in 2023.


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2023, 36, Status.MET),  # reached before the horizon
        (2023, 35.9, Status.ON_TRACK),
        (2023, 28, Status.ON_TRACK),  # exactly on the line
        (2023, 27.9, Status.BEHIND),
        (2021, 20, Status.ON_TRACK),
        (2021, 19, Status.BEHIND),
        (2025, 36, Status.MET),  # at the horizon: met or behind, no more "on track"
        (2025, 35, Status.BEHIND),
        (2027, 40, Status.MET),  # after the horizon the last target still judges
        (2027, 30, Status.BEHIND),
    ],
)
def test_at_least(year, value, status):
    assert target("at_least", 36, baseline=16).judge(year=year, value=value) == status


def test_at_least_without_a_baseline_value_is_behind_until_met():
    rule = target("at_least", 36)
    assert rule.judge(year=2023, value=35) == Status.BEHIND
    assert rule.judge(year=2023, value=Decimal(30), baseline=Decimal(10)) == Status.ON_TRACK


# At most 10 by 2025, from 20 in 2020: the line is at 16 in 2022.


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2022, 10, Status.MET),
        (2022, 16, Status.ON_TRACK),
        (2022, 16.1, Status.BEHIND),
        (2025, 10.1, Status.BEHIND),
    ],
)
def test_at_most(year, value, status):
    assert target("at_most", high=10, baseline=20).judge(year=year, value=value) == status


# Between 40 and 60 by 2025, from 20 in 2020: the line to the band's bottom is at 32 in 2023.


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2023, 40, Status.MET),  # the band's edges are inside it
        (2023, 60, Status.MET),
        (2023, 60.1, Status.ABOVE),
        (2023, 39.9, Status.ON_TRACK),
        (2023, 32, Status.ON_TRACK),
        (2023, 31.9, Status.BELOW),
        (2025, 39, Status.BELOW),  # at the horizon, below the band is out of band
        (2025, 61, Status.ABOVE),
    ],
)
def test_band_from_below(year, value, status):
    assert target("band", 40, 60, baseline=20).judge(year=year, value=value) == status


def test_band_from_above_is_on_track_when_coming_down():
    rule = target("band", 150, 200, baseline=300)  # the line to 200 is at 240 in 2023
    assert rule.judge(year=2023, value=240) == Status.ON_TRACK
    assert rule.judge(year=2023, value=241) == Status.ABOVE
    assert rule.judge(year=2023, value=149) == Status.BELOW


def test_a_band_held_from_a_baseline_inside_it_falls_out_of_band_at_once():
    rule = target("band", 150, 200, baseline=170)
    assert rule.judge(year=2021, value=149) == Status.BELOW
    assert rule.judge(year=2021, value=201) == Status.ABOVE


def test_no_value_no_status():
    assert target("at_least", 36).judge(year=2023, value=None) is None


@pytest.mark.django_db
def test_the_nearest_horizon_not_yet_passed_judges_a_year():
    indicator = Indicator.objects.get(code="fiches-shared")  # 36 by 2025, from the plan
    later = Target.objects.create(
        indicator=indicator, kind="at_least", low=60, horizon_year=2030, baseline_year=2025
    )
    indicator = Indicator.objects.for_report().get(pk=indicator.pk)
    assert indicator.target_for(2024).horizon_year == 2025
    assert indicator.target_for(2025).horizon_year == 2025
    assert indicator.target_for(2026) == later
    assert indicator.target_for(2031) == later
