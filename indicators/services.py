"""Closing a year: its figures are frozen as snapshots, and shown from then on.

Only a past calendar year can be closed, and closing it closes the years before it that are
still open: the closed years always run from an indicator's first record, so the pages compute
only the open years. Closing again adds the snapshots of indicators that have none (an
indicator created later) and never changes an existing one, so a published annual figure
never moves.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import report
from .models import Indicator, Snapshot


def closed_years():
    return sorted(set(Snapshot.objects.values_list("year", flat=True).distinct()), reverse=True)


def _json(value):
    return value if isinstance(value, int) else str(value)


@transaction.atomic
def close_year(*, year, by, now=None):
    """Freeze `year`, and every earlier year not closed yet, for every indicator that has a
    computation; returns the new snapshots."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if year >= today.year:
        raise ValidationError(_("Only a past year can be closed."))
    indicators = Indicator.objects.for_report().select_for_update(of=("self",))
    rows = report.build(indicators, today=today)
    created = [
        Snapshot(
            indicator=row.indicator,
            year=item.year,
            value=item.value,
            details={"extras": {key: _json(value) for key, value in item.extras.items()}},
            frozen_at=now,
            frozen_by=by,
        )
        for row in rows
        if row.available
        for item in row.years
        if item.year <= year and not item.frozen
    ]
    if not created:
        if Snapshot.objects.filter(year=year).exists():
            raise ValidationError(_("%(year)s is already closed.") % {"year": year})
        raise ValidationError(_("No indicator has a figure for %(year)s.") % {"year": year})
    try:
        with transaction.atomic():
            Snapshot.objects.bulk_create(created)
    except IntegrityError as error:
        raise ValidationError(_("%(year)s is already closed.") % {"year": year}) from error
    return created
