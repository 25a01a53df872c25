"""The computations the code provides: each turns the records of the other apps into one
figure per calendar year, with the figures shown beside it.

Every computation answers for all years at once in a fixed number of queries, grouped by year
in the database (never one query per year, zone or event). The current year is counted up to
today ("year to date"). An `Indicator` names its computation by code; staff choose it in the
admin among `choices()`.

These functions only read: `indicators` never writes the tables of another app.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, ExtractYear, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.quality import jury_quality
from events.models import Event, Registration
from members.models import Membership, Region
from projects.models import Adoption, Project

NO_ZONE = "none"  # the breakdown's bucket for partner guests and people without a zone


@dataclass
class Figure:
    """One year of one indicator: the value, and the figures shown beside it."""

    value: Decimal | None
    extras: dict = field(default_factory=dict)


def region_labels():
    return {**dict(Region.choices), NO_ZONE: _("Partners and guests")}


class Computation:
    code = ""
    label = ""
    # The figures shown beside the value: key -> label.
    extras = {}
    # The breakdown by region makes sense (and which key of Region its rows carry).
    regional = False

    def figures(self, *, today=None, since=None):
        """{year: Figure} for every year with a record, up to the current year; from `since`
        on only, when given (the years before are closed: their snapshots are shown)."""
        raise NotImplementedError

    def by_region(self, *, today=None):
        """{year: {region: value}}, or {} when a breakdown makes no sense."""
        return {}


def _years_up_to(first, today):
    return range(first, today.year + 1) if first else range(0)


def _start_of(year):
    """The first instant of `year` in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _people(came=None):
    """Distinct people among the registrations that match `came`: members by account, guests
    by address, and each guest without an address (added at the door, or anonymised) alone.

    Three counts rather than one over a text key: distinct integers are much cheaper to
    count than distinct strings."""
    came = came or Q()
    guest = came & Q(registrations__user__isnull=True)
    no_address = Q(registrations__email="")
    return (
        Count("registrations__user", filter=came, distinct=True)
        + Count(Lower("registrations__email"), filter=guest & ~no_address, distinct=True)
        + Count("registrations", filter=guest & no_address)
    )


class MemberEntities(Computation):
    code = "member_entities"
    label = _("Member entities on 31 December (today for the current year)")
    regional = True

    @staticmethod
    def _days(today, since=None):
        first = Membership.objects.order_by("start").values_list("start", flat=True).first()
        if first is None:
            return {}
        return {
            year: today if year == today.year else datetime.date(year, 12, 31)
            for year in _years_up_to(max(first.year, since or 0), today)
        }

    @staticmethod
    def _counts(days):
        # One conditional count per year in one query: zones whose membership covers the day.
        return {
            f"y{year}": Count(
                "zone",
                distinct=True,
                filter=Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day)),
            )
            for year, day in days.items()
        }

    def figures(self, *, today=None, since=None):
        today = today or timezone.localdate()
        days = self._days(today, since)
        if not days:
            return {}
        counts = Membership.objects.aggregate(**self._counts(days))
        return {year: Figure(Decimal(counts[f"y{year}"])) for year in days}

    def by_region(self, *, today=None):
        today = today or timezone.localdate()
        days = self._days(today)
        if not days:
            return {}
        rows = Membership.objects.values("zone__region").annotate(**self._counts(days))
        result = {year: {} for year in days}
        for row in rows:
            for year in days:
                if row[f"y{year}"]:
                    result[year][row["zone__region"]] = Decimal(row[f"y{year}"])
        return result


class _Attendance(Computation):
    """People checked in at the events of one kind, by the year of the event."""

    kind = ""
    regional = True

    def _events(self, today, since=None):
        end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
        events = Event.objects.filter(kind=self.kind, is_cancelled=False, starts_at__lte=end)
        if since:
            events = events.filter(starts_at__gte=_start_of(since))
        return events.annotate(year=ExtractYear("starts_at")).values("year")

    def _rows(self, today, since=None):
        came = Q(registrations__attended=True)
        return self._events(today, since).annotate(
            events=Count("pk", distinct=True),
            checkins=Count("registrations", filter=came),
            people=_people(came),
            registered=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED)
                & Q(registrations__walk_in=False),
            ),
        )

    def by_region(self, *, today=None):
        today = today or timezone.localdate()
        rows = (
            self._events(today)
            .filter(registrations__attended=True)
            .annotate(region=Coalesce("registrations__zone__region", Value(NO_ZONE)))
            .values("year", "region")
            .annotate(people=_people())
        )
        result = {}
        for row in rows:
            result.setdefault(row["year"], {})[row["region"]] = Decimal(row["people"])
        return result


class SeminarParticipants(_Attendance):
    code = "seminar_participants"
    label = _("Distinct people checked in at the year's seminar")
    kind = Event.Kind.SEMINAR
    extras = {"registered": _("registered")}

    def figures(self, *, today=None, since=None):
        today = today or timezone.localdate()
        return {
            row["year"]: Figure(Decimal(row["people"]), {"registered": row["registered"]})
            for row in self._rows(today, since)
        }


class MidiParticipants(_Attendance):
    code = "midi_participants"
    label = _("Check-ins across the year's midis")
    kind = Event.Kind.MIDI
    extras = {"people": _("distinct people"), "events": _("midis held")}

    def figures(self, *, today=None, since=None):
        today = today or timezone.localdate()
        return {
            row["year"]: Figure(
                Decimal(row["checkins"]), {"people": row["people"], "events": row["events"]}
            )
            for row in self._rows(today, since)
        }


class FichesShared(Computation):
    code = "fiches_shared"
    label = _("Fiches first published in the year")
    regional = True

    def _published(self, since=None):
        published = Project.objects.filter(
            status__in=[Project.Status.PUBLISHED, Project.Status.ARCHIVED],
            published_at__isnull=False,
        )
        if since:
            published = published.filter(published_at__gte=_start_of(since))
        return published.annotate(year=ExtractYear("published_at")).values("year")

    def figures(self, *, today=None, since=None):
        today = today or timezone.localdate()
        counts = {
            row["year"]: row["count"] for row in self._published(since).annotate(count=Count("pk"))
        }
        # A year without a new fiche, after the first one, is a year of zero.
        first = since if since and counts else min(counts, default=None)
        return {year: Figure(Decimal(counts.get(year, 0))) for year in _years_up_to(first, today)}

    def by_region(self, *, today=None):
        rows = (
            self._published()
            .annotate(region=F("owner_zone__region"))
            .values("year", "region")
            .annotate(count=Count("pk"))
        )
        result = {}
        for row in rows:
            result.setdefault(row["year"], {})[row["region"]] = Decimal(row["count"])
        return result


class Replications(Computation):
    code = "replications"
    label = _("Replications implemented in the year")
    regional = True
    extras = {"cumulative": _("cumulative total")}

    @staticmethod
    def _implemented():
        # An implementation counts for its year even if the zone dropped the project later.
        return (
            Adoption.objects.filter(implemented_on__isnull=False)
            .annotate(year=ExtractYear("implemented_on"))
            .values("year")
        )

    def figures(self, *, today=None, since=None):
        # Every year, whatever `since`: the cumulative total needs them, and it is one small
        # grouped query.
        today = today or timezone.localdate()
        counts = {
            row["year"]: row["count"]
            for row in self._implemented().annotate(count=Count("pk"))
            if row["year"] <= today.year
        }
        result, total = {}, 0
        for year in _years_up_to(min(counts, default=None), today):
            total += counts.get(year, 0)
            result[year] = Figure(Decimal(counts.get(year, 0)), {"cumulative": total})
        return result

    def by_region(self, *, today=None):
        rows = (
            self._implemented()
            .annotate(region=F("zone__region"))
            .values("year", "region")
            .annotate(count=Count("pk"))
        )
        result = {}
        for row in rows:
            result.setdefault(row["year"], {})[row["region"]] = Decimal(row["count"])
        return result


class PrizeQuality(Computation):
    code = "prize_quality"
    label = _("Mean jury result of the year's jury-prize entries (awards)")
    extras = {"entries": _("entries scored")}
    # The association was founded in 2017: every edition of its prize comes later.
    first_year = 2000

    def figures(self, *, today=None, since=None):
        today = today or timezone.localdate()
        quality = jury_quality(range(since or self.first_year, today.year + 1))
        return {
            year: Figure(figure.mean, {"entries": figure.entries})
            for year, figure in quality.items()
        }


REGISTRY = {
    computation.code: computation
    for computation in (
        MemberEntities(),
        SeminarParticipants(),
        MidiParticipants(),
        FichesShared(),
        PrizeQuality(),
        Replications(),
    )
}


def choices():
    """The computations staff may choose for an indicator (a callable, so that adding one
    never needs a migration)."""
    return [(code, computation.label) for code, computation in REGISTRY.items()]
