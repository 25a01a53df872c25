"""Factories of the awards tests: each makes one valid object; keyword arguments override."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from awards.models import Criterion, Edition, Entry, Juror, Phase, Prize, Score, Sheet
from tests.factories import make_project, make_user

_sequence = itertools.count(1)

# The phases in order; an edition "in" a phase has passed that many of its six dates.
_PASSED = {
    Phase.PREPARATION: 0,
    Phase.CALL: 1,
    Phase.AFTER_CALL: 2,
    Phase.SCORING: 3,
    Phase.DELIBERATION: 4,
    Phase.VOTING: 5,
    Phase.CLOSED: 6,
    Phase.PUBLISHED: 6,
}
_DATES = [
    "call_opens_at",
    "call_closes_at",
    "scoring_opens_at",
    "scoring_closes_at",
    "voting_opens_at",
    "voting_closes_at",
]


def phase_dates(phase, now=None):
    """The six dates of an edition that is in `phase` at `now`, ten days apart."""
    now = now or timezone.now()
    passed = _PASSED[phase]
    dates = {
        name: now + datetime.timedelta(days=10 * (i - passed) + 5) for i, name in enumerate(_DATES)
    }
    dates["results_published_at"] = (
        now - datetime.timedelta(days=1) if phase == Phase.PUBLISHED else None
    )
    return dates


def make_edition(*, year=None, phase=Phase.SCORING, **fields):
    year = year or 2000 + next(_sequence)
    return Edition.objects.create(year=year, **{**phase_dates(phase), **fields})


def set_phase(edition, phase):
    for name, value in phase_dates(phase).items():
        setattr(edition, name, value)
    edition.save()
    return edition


def make_prize(*, edition=None, kind=Prize.Kind.JURY, **fields):
    edition = edition or make_edition()
    label = Prize.Kind(kind).label
    fields.setdefault("method", Prize.METHOD_OF_KIND.get(kind, Prize.Method.JURY))
    for language in ("fr", "nl", "en"):
        fields.setdefault(f"name_{language}", f"{label} ({language})")
    return Prize.objects.create(edition=edition, kind=kind, **fields)


def make_criterion(*, prize=None, weight=1, maximum=10, **fields):
    n = next(_sequence)
    for language in ("fr", "nl", "en"):
        fields.setdefault(f"name_{language}", f"Criterion {n} ({language})")
    fields.setdefault("position", n)
    return Criterion.objects.create(
        prize=prize or make_prize(), weight=Decimal(weight), maximum=maximum, **fields
    )


def make_entry(*, edition=None, project=None, zone=None, **fields):
    edition = edition or make_edition()
    project = project or make_project(zone=zone)
    zone = zone or project.owner_zone
    fields.setdefault("statement", "Because it worked and others can do it.")
    for declaration in ("evaluated", "partnership", "community", "replicable"):
        fields.setdefault(f"declares_{declaration}", True)
    return Entry.objects.create(edition=edition, project=project, zone=zone, **fields)


def make_juror(*, prize=None, user=None, **fields):
    return Juror.objects.create(
        prize=prize or make_prize(), user=user or make_user(totp=True), **fields
    )


def make_sheet(*, juror, entry, values=None, status=Sheet.Status.SUBMITTED, **fields):
    """A sheet of `juror` on `entry`; `values` maps criteria to values (None: skipped)."""
    if status == Sheet.Status.SUBMITTED:
        fields.setdefault("submitted_at", timezone.now())
    sheet = Sheet.objects.create(juror=juror, entry=entry, status=status, **fields)
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=criterion, value=None if value is None else Decimal(value))
        for criterion, value in (values or {}).items()
    )
    return sheet
