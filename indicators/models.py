"""Indicators and their targets, as data that staff edit, and the snapshots of closed years.

The figures themselves are never typed in: `computations.py` computes them from the records
of the other apps; a closed year's figures are kept here as snapshots so that a published
annual figure never moves.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.i18n import in_reader_language

from . import computations


class Status(models.TextChoices):
    """Where an indicator stands against its target in a year."""

    MET = "met", _("Target met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    ABOVE = "above", _("Out of band: above")
    BELOW = "below", _("Out of band: below")


class IndicatorQuerySet(models.QuerySet):
    def for_report(self):
        return self.prefetch_related(
            models.Prefetch("targets", queryset=Target.objects.order_by("horizon_year"))
        ).order_by("position", "code")


class Indicator(models.Model):
    class Unit(models.TextChoices):
        ENTITIES = "entities", _("member entities")
        PARTICIPANTS = "participants", _("participants")
        FICHES = "fiches", _("fiches")
        PERCENT = "percent", _("percent of the maximum score")
        REPLICATIONS = "replications", _("replications")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")
        BAND = "band", _("Within a band")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    definition_fr = models.TextField(_("definition in French"))
    definition_nl = models.TextField(_("definition in Dutch"))
    definition_en = models.TextField(_("definition in English"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.HIGHER
    )
    computation = models.CharField(
        _("computation"),
        max_length=40,
        choices=computations.choices,
        help_text=_("How the portal counts it from its own records."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the dashboard.")
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:indicator_detail", kwargs={"code": self.code})

    def _in_language(self, field):
        return in_reader_language(self, field)

    @property
    def name(self):
        return self._in_language("name")

    @property
    def definition(self):
        return self._in_language("definition")

    @property
    def method(self):
        """The computation the code provides, or None if this one is not (or no longer) there."""
        return computations.REGISTRY.get(self.computation)

    def target_for(self, year):
        """The target that judges `year`: the nearest horizon not yet passed, else the last.

        Reads the prefetched targets (ordered by horizon) of `for_report()`.
        """
        targets = list(self.targets.all())
        for target in targets:
            if target.horizon_year >= year:
                return target
        return targets[-1] if targets else None


class Target(models.Model):
    class Kind(models.TextChoices):
        AT_LEAST = "at_least", _("At least")
        AT_MOST = "at_most", _("At most")
        BAND = "band", _("Within a band")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.AT_LEAST)
    low = models.DecimalField(
        _("low"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The value to reach (at least), or the bottom of the band."),
    )
    high = models.DecimalField(
        _("high"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The value not to exceed (at most), or the top of the band."),
    )
    horizon_year = models.PositiveSmallIntegerField(_("horizon year"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty: the value the portal computes for the baseline year."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "horizon_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "horizon_year"],
                name="target_one_per_indicator_and_horizon",
                violation_error_message=_("This indicator already has a target for this horizon."),
            ),
            models.CheckConstraint(
                condition=Q(horizon_year__gt=F("baseline_year")),
                name="target_horizon_after_baseline",
                violation_error_message=_("The horizon year must come after the baseline year."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="at_least") & Q(low__isnull=False))
                | (Q(kind="at_most") & Q(high__isnull=False))
                | (Q(kind="band") & Q(low__isnull=False) & Q(high__isnull=False)),
                name="target_has_its_bounds",
                violation_error_message=_(
                    "Give the low value for “at least”, the high value for “at most”, and"
                    " both for a band."
                ),
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="target_low_not_above_high",
                violation_error_message=_("The low value cannot be above the high value."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.describe()}"

    def describe(self):
        values = {"low": _number(self.low), "high": _number(self.high), "year": self.horizon_year}
        if self.kind == self.Kind.AT_LEAST:
            return _("at least %(low)s by %(year)s") % values
        if self.kind == self.Kind.AT_MOST:
            return _("at most %(high)s by %(year)s") % values
        return _("between %(low)s and %(high)s by %(year)s") % values

    def expected(self, year, baseline):
        """The straight trajectory from the baseline to the aim, at `year` (None without a
        baseline value). The aim is the nearer edge: low for “at least”, high for “at most”;
        for a band, the edge on the baseline's side."""
        if baseline is None:
            return None
        aim = self.low if self.kind == self.Kind.AT_LEAST else self.high
        if self.kind == self.Kind.BAND:
            aim = self.low if baseline < self.low else self.high
        span = self.horizon_year - self.baseline_year
        done = min(max(year - self.baseline_year, 0), span)
        return baseline + (aim - baseline) * Decimal(done) / Decimal(span)

    def judge(self, *, year, value, baseline=None):
        """The status of `value` in `year`, following the rule that `rule_text()` states."""
        if value is None:
            return None
        value = Decimal(value)
        if baseline is None:
            baseline = self.baseline_value
        before_horizon = year < self.horizon_year
        expected = self.expected(year, baseline) if before_horizon else None
        if self.kind == self.Kind.AT_LEAST:
            if value >= self.low:
                return Status.MET
            return Status.ON_TRACK if expected is not None and value >= expected else Status.BEHIND
        if self.kind == self.Kind.AT_MOST:
            if value <= self.high:
                return Status.MET
            return Status.ON_TRACK if expected is not None and value <= expected else Status.BEHIND
        if self.low <= value <= self.high:
            return Status.MET
        if value < self.low:
            on_track = expected is not None and baseline < self.low and value >= expected
            return Status.ON_TRACK if on_track else Status.BELOW
        on_track = expected is not None and baseline > self.high and value <= expected
        return Status.ON_TRACK if on_track else Status.ABOVE


def _number(value):
    if value is None:
        return ""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


class Snapshot(models.Model):
    """The figure of a closed year, frozen: what the association published for that year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=1, null=True)
    details = models.JSONField(
        _("details"), default=dict, help_text=_("The figures shown beside the value.")
    )
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("frozen by"),
    )

    class Meta:
        verbose_name = _("snapshot of a closed year")
        verbose_name_plural = _("snapshots of closed years")
        ordering = ["-year", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="snapshot_one_per_indicator_and_year",
                violation_error_message=_("This year is already closed for this indicator."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"
