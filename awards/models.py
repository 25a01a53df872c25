"""The Prix Intersection: editions, prizes, criteria, entries, the jury and its sheets, votes
and the decisions.

Nothing here is deleted once it took part in an edition: an entry is withdrawn, a juror's
sheet stays with its values, a vote stays when the voter closes their account (the voter is
then forgotten, the vote counted). The numbers (totals, results, normalised view) are computed
by `awards.results` from the submitted sheets; nothing computed is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from members.i18n import in_reader_language
from members.models import Zone
from projects.models import Project

STATEMENT_MAX_LENGTH = 2000


class Phase(models.TextChoices):
    """Where an edition stands, in the order it goes through; follows from its dates."""

    PREPARATION = "preparation", _("In preparation")
    CALL = "call", _("Call for entries")
    AFTER_CALL = "after_call", _("Entries closed, scoring not yet open")
    SCORING = "scoring", _("Scoring by the jury")
    DELIBERATION = "deliberation", _("Deliberation")
    VOTING = "voting", _("Voting at the seminar")
    CLOSED = "closed", _("Voting closed, results not yet published")
    PUBLISHED = "published", _("Results published")


class EditionQuerySet(models.QuerySet):
    def scoring_closed(self, now=None):
        return self.filter(scoring_closes_at__lte=now or timezone.now())

    def published(self, now=None):
        return self.filter(results_published_at__lte=now or timezone.now())

    def calling(self, now=None):
        """Editions whose call for entries is open."""
        now = now or timezone.now()
        return self.filter(call_opens_at__lte=now, call_closes_at__gt=now)

    def listed(self, now=None):
        """What everyone finds at /awards/: published editions and an open call."""
        now = now or timezone.now()
        return self.filter(
            Q(results_published_at__lte=now) | Q(call_opens_at__lte=now, call_closes_at__gt=now)
        )


class Edition(models.Model):
    """One year of the prize, with the dates of its phases.

    The phases follow each other: call for entries, scoring, voting at the seminar; results
    are published on a date (or when staff publish them, which sets that date to now).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    seminar = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_editions",
        verbose_name=_("seminar"),
        limit_choices_to={"kind": Event.Kind.SEMINAR},
        help_text=_("The seminar where the prizes are given; its attendance is the audience."),
    )
    entries_per_zone = models.PositiveSmallIntegerField(
        _("entries per zone"), default=2, help_text=_("How many fiches one zone may enter.")
    )
    call_opens_at = models.DateTimeField(_("call for entries opens at"))
    call_closes_at = models.DateTimeField(_("call for entries closes at"))
    scoring_opens_at = models.DateTimeField(_("scoring opens at"))
    scoring_closes_at = models.DateTimeField(_("scoring closes at"))
    voting_opens_at = models.DateTimeField(_("voting opens at"))
    voting_closes_at = models.DateTimeField(_("voting closes at"))
    results_published_at = models.DateTimeField(
        _("results published at"),
        null=True,
        blank=True,
        help_text=_("Empty until staff publish; a future date publishes then."),
    )
    entries_frozen_at = models.DateTimeField(
        _("entries frozen at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the entries' fiches were copied for the jury."),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("prize edition")
        verbose_name_plural = _("prize editions")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(call_closes_at__gt=F("call_opens_at"))
                & Q(scoring_opens_at__gte=F("call_closes_at"))
                & Q(scoring_closes_at__gt=F("scoring_opens_at"))
                & Q(voting_opens_at__gte=F("scoring_closes_at"))
                & Q(voting_closes_at__gt=F("voting_opens_at")),
                name="edition_phases_in_order",
                violation_error_message=_(
                    "The phases must follow each other: call, then scoring, then voting, "
                    "each closing after it opens."
                ),
            ),
            models.CheckConstraint(
                condition=Q(entries_per_zone__gte=1),
                name="edition_allows_an_entry",
                violation_error_message=_("A zone must be able to enter at least one fiche."),
            ),
        ]

    def __str__(self):
        return _("Prix Intersection %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("awards:edition", kwargs={"year": self.year})

    def phase(self, now=None):
        now = now or timezone.now()
        if self.results_published_at and self.results_published_at <= now:
            return Phase.PUBLISHED
        for ends_at, phase in [
            (self.call_opens_at, Phase.PREPARATION),
            (self.call_closes_at, Phase.CALL),
            (self.scoring_opens_at, Phase.AFTER_CALL),
            (self.scoring_closes_at, Phase.SCORING),
            (self.voting_opens_at, Phase.DELIBERATION),
            (self.voting_closes_at, Phase.VOTING),
        ]:
            if now < ends_at:
                return phase
        return Phase.CLOSED

    @property
    def current_phase(self):
        return self.phase()

    def get_current_phase_display(self):
        return self.current_phase.label

    def is_published(self, now=None):
        return self.phase(now) == Phase.PUBLISHED

    def call_is_open(self, now=None):
        return self.phase(now) == Phase.CALL

    def call_has_closed(self, now=None):
        return (now or timezone.now()) >= self.call_closes_at

    def scoring_is_open(self, now=None):
        return self.phase(now) == Phase.SCORING

    def scoring_has_closed(self, now=None):
        return (now or timezone.now()) >= self.scoring_closes_at

    def voting_is_open(self, now=None):
        return self.phase(now) == Phase.VOTING

    def voting_has_closed(self, now=None):
        return (now or timezone.now()) >= self.voting_closes_at


class PrizeQuerySet(models.QuerySet):
    def scored_by_jury(self):
        return self.filter(method=Prize.Method.JURY)


class PrizeManager(models.Manager.from_queryset(PrizeQuerySet)):
    def get_queryset(self):
        # A prize is named with its year: every list of prizes (the admin's filters, choices)
        # reads the edition in the same query.
        return super().get_queryset().select_related("edition")


class Prize(models.Model):
    """One prize of an edition, decided in one way (a jury, the audience, the zones)."""

    class Kind(models.TextChoices):
        JURY = "jury", _("Jury prize")
        ORIGINALITY = "originality", _("Originality prize")
        QUEBEC = "quebec", _("Québec trophy")
        AUDIENCE = "audience", _("Audience prize")
        REFERENCE_PERSONS = "reference_persons", _("Reference persons' prize")
        OTHER = "other", _("Other prize")

    class Method(models.TextChoices):
        JURY = "jury", _("Scored by a jury")
        AUDIENCE = "audience", _("Voted by the seminar's audience")
        REFERENCE_PERSONS = "reference_persons", _("Voted by the reference persons, one per zone")

    # The way each kind is decided; an "other" prize may be decided in any way.
    METHOD_OF_KIND = {
        Kind.JURY: Method.JURY,
        Kind.ORIGINALITY: Method.JURY,
        Kind.QUEBEC: Method.JURY,
        Kind.AUDIENCE: Method.AUDIENCE,
        Kind.REFERENCE_PERSONS: Method.REFERENCE_PERSONS,
    }

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="prizes", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    method = models.CharField(_("decided by"), max_length=20, choices=Method)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    jurors_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: every juror scores every entry they are not in conflict with. A number: "
            "staff assign that many jurors to each entry, balancing the load."
        ),
    )
    shortlist = models.ManyToManyField(
        "Entry",
        blank=True,
        related_name="shortlisted_for",
        verbose_name=_("shortlist"),
        help_text=_("The entries the audience votes among."),
    )

    objects = PrizeManager()

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["edition", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind"],
                condition=~Q(kind="other"),
                name="prize_kind_once_per_edition",
                violation_error_message=_("This edition already has a prize of this kind."),
            ),
            models.CheckConstraint(
                condition=Q(kind="other")
                | Q(kind__in=["jury", "originality", "quebec"], method="jury")
                | Q(kind="audience", method="audience")
                | Q(kind="reference_persons", method="reference_persons"),
                name="prize_method_fits_kind",
                violation_error_message=_("This kind of prize is not decided that way."),
            ),
            models.CheckConstraint(
                condition=Q(jurors_per_entry__isnull=True) | Q(jurors_per_entry__gte=1),
                name="prize_jurors_per_entry_positive",
                violation_error_message=_("At least one juror per entry."),
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.edition.year}"

    @property
    def name(self):
        return in_reader_language(self, "name")

    @property
    def is_scored_by_jury(self):
        return self.method == self.Method.JURY

    def results(self):
        """The entries' results from the submitted sheets (see `awards.results`); one query."""
        from .results import prize_results, sheet_totals

        return prize_results(
            sheet_totals(Score.objects.filter(sheet__juror__prize=self).total_rows())
        )

    def clean(self):
        super().clean()
        if not self.method and self.kind in self.METHOD_OF_KIND:
            self.method = self.METHOD_OF_KIND[self.kind]


class Criterion(models.Model):
    """One weighted criterion of a jury-scored prize, scored from 0 to `maximum`."""

    prize = models.ForeignKey(
        Prize, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("prize")
    )
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    guide_fr = models.TextField(_("guide in French"), max_length=600, blank=True)
    guide_nl = models.TextField(_("guide in Dutch"), max_length=600, blank=True)
    guide_en = models.TextField(_("guide in English"), max_length=600, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    maximum = models.PositiveSmallIntegerField(
        _("maximum"), default=10, help_text=_("Scored from 0 to this value.")
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("A sheet cannot be submitted without it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["prize", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("A weight must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(maximum__gte=1),
                name="criterion_maximum_positive",
                violation_error_message=_("The scale must go at least up to 1."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_reader_language(self, "name")

    @property
    def guide(self):
        return in_reader_language(self, "guide")


class EntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def of_zone(self, zone):
        return self.filter(zone=zone)

    def concerning_zone(self, zone_id):
        """The entries of a zone: entered by it, or of a fiche it owns or co-owns. A juror of
        that zone is in conflict with them; its reference persons cannot vote for them."""
        if zone_id is None:
            return self.none()
        co_owned = Project.co_owner_zones.through.objects.filter(
            project_id=OuterRef("project_id"), zone_id=zone_id
        )
        return self.filter(
            Q(zone_id=zone_id) | Q(project__owner_zone_id=zone_id) | Exists(co_owned)
        )

    def for_juror(self, juror, *, assigned_only=True):
        """What a juror scores: the edition's entries minus their conflicts (own zone,
        declared), and only those assigned to them when the prize assigns entries."""
        entries = self.active().filter(edition_id=juror.prize.edition_id)
        entries = entries.exclude(
            pk__in=Entry.objects.concerning_zone(juror.user.zone_id).values("pk")
        )
        entries = entries.exclude(
            Exists(Conflict.objects.filter(juror=juror, entry_id=OuterRef("pk")))
        )
        if assigned_only and juror.prize.jurors_per_entry:
            entries = entries.filter(
                Exists(Assignment.objects.filter(juror=juror, entry_id=OuterRef("pk")))
            )
        return entries


class Entry(models.Model):
    """A zone's fiche entered for an edition, with its statement and declarations.

    When the call closes, `frozen` receives a copy of the fiche as it was (sections, budget
    lines, photos' references): the jury reads that copy, not later edits.
    """

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="entries", verbose_name=_("edition")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="prize_entries", verbose_name=_("fiche")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="prize_entries", verbose_name=_("zone")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prize_entries",
        verbose_name=_("entered by"),
    )
    statement = models.TextField(
        _("statement"),
        max_length=STATEMENT_MAX_LENGTH,
        help_text=_("Why this project: what makes it worth the prize."),
    )
    declares_evaluated = models.BooleanField(_("the project was evaluated"), default=False)
    declares_partnership = models.BooleanField(_("it was run in partnership"), default=False)
    declares_community = models.BooleanField(_("it is community-oriented"), default=False)
    declares_replicable = models.BooleanField(_("another zone can replicate it"), default=False)
    created_at = models.DateTimeField(_("entered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    frozen = models.JSONField(_("frozen copy of the fiche"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["edition", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "project"],
                condition=Q(withdrawn_at__isnull=True),
                name="entry_fiche_once_per_edition",
                violation_error_message=_("This fiche is already entered for this edition."),
            ),
            models.CheckConstraint(
                condition=Q(declares_evaluated=True)
                & Q(declares_partnership=True)
                & Q(declares_community=True)
                & Q(declares_replicable=True),
                name="entry_declarations_ticked",
                violation_error_message=_("Every eligibility declaration must be ticked."),
            ),
        ]
        indexes = [
            # Counting a zone's entries against the edition's limit, under a lock.
            models.Index(fields=["edition", "zone"], name="entry_edition_zone_idx"),
        ]

    def __str__(self):
        return _("%(project)s (%(year)s)") % {"project": self.title, "year": self.edition.year}

    @property
    def title(self):
        if self.frozen:
            return self.frozen.get("title", self.project.title)
        return self.project.title

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class JurorQuerySet(models.QuerySet):
    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user).select_related("prize__edition", "user")


class Juror(models.Model):
    """A person appointed to the panel of one jury-scored prize."""

    prize = models.ForeignKey(
        Prize, on_delete=models.PROTECT, related_name="jurors", verbose_name=_("prize")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="juror_seats",
        verbose_name=_("person"),
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)

    objects = JurorQuerySet.as_manager()

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["prize", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prize", "user"],
                name="juror_once_per_prize",
                violation_error_message=_("This person is already on this panel."),
            ),
        ]

    def __str__(self):
        return _("%(person)s, %(prize)s") % {"person": self.user, "prize": self.prize}


class Assignment(models.Model):
    """An entry given to a juror when the prize asks for N jurors per entry."""

    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("juror")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("entry")
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry"], name="assignment_once"),
        ]

    def __str__(self):
        return f"{self.juror} → {self.entry}"


class Conflict(models.Model):
    """A conflict of interest a juror declared on an entry; it hides the entry from them.

    Conflicts with an entry of the juror's own zone are not stored: they follow from the
    zones (`Entry.objects.concerning_zone`)."""

    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("juror")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("entry")
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry"],
                name="conflict_once",
                violation_error_message=_("This conflict is already declared."),
            ),
        ]

    def __str__(self):
        return _("%(juror)s on %(entry)s") % {"juror": self.juror, "entry": self.entry}


class Sheet(models.Model):
    """One juror's scoring of one entry: a value per criterion, and an overall comment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ABSTAINED = "abstained", _("Abstained")

    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("juror")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("entry")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    comment = models.TextField(_("overall comment"), max_length=3000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["entry", "juror"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry"],
                name="sheet_once_per_juror_and_entry",
                violation_error_message=_("This juror already has a sheet for this entry."),
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="submitted_sheet_has_date",
            ),
        ]

    def __str__(self):
        return _("%(juror)s: %(entry)s") % {"juror": self.juror, "entry": self.entry}


class ScoreQuerySet(models.QuerySet):
    def counted(self):
        """The values that make results: on submitted sheets of entries still in the race."""
        return self.filter(
            sheet__status=Sheet.Status.SUBMITTED,
            sheet__entry__withdrawn_at__isnull=True,
            value__isnull=False,
        )

    def total_rows(self, *leading):
        """Rows (*leading, juror id, entry id, value, maximum, weight) for `awards.results`;
        unordered (the models' orderings would join half the schema to sort 5,000 values)."""
        return (
            self.counted()
            .order_by()
            .values_list(
                *leading,
                "sheet__juror_id",
                "sheet__entry_id",
                "value",
                "criterion__maximum",
                "criterion__weight",
            )
        )


class Score(models.Model):
    """A value given on one criterion (empty for a skipped optional criterion)."""

    sheet = models.ForeignKey(
        Sheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("sheet")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(_("value"), max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["sheet", "criterion__position", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"],
                name="score_once_per_criterion",
                violation_error_message=_("This criterion is already scored on this sheet."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="score_not_negative",
                violation_error_message=_("A value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    def clean(self):
        super().clean()
        if self.value is not None and self.value > self.criterion.maximum:
            raise ValidationError(
                {"value": _("At most %(maximum)s.") % {"maximum": self.criterion.maximum}}
            )


class Vote(models.Model):
    """One vote for an entry in a voted prize.

    Audience prize: one per checked-in registration at the edition's seminar (a member's or a
    partner guest's). Reference persons' prize: one per zone, cast by a reference person.
    The database holds these rules, so two votes sent at the same moment count once.
    """

    prize = models.ForeignKey(
        Prize, on_delete=models.PROTECT, related_name="votes", verbose_name=_("prize")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="votes", verbose_name=_("entry")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prize_votes",
        verbose_name=_("seminar registration"),
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prize_votes",
        verbose_name=_("zone"),
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prize_votes",
        verbose_name=_("voter"),
        help_text=_("Forgotten when the person closes their account; the vote still counts."),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["prize", "cast_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["prize", "registration"],
                name="vote_once_per_registration",
                violation_error_message=_("This person has already voted."),
            ),
            models.UniqueConstraint(
                fields=["prize", "zone"],
                name="vote_once_per_zone",
                violation_error_message=_("This zone has already voted."),
            ),
            models.UniqueConstraint(
                fields=["prize", "voter"],
                name="vote_once_per_voter",
                violation_error_message=_("This person has already voted."),
            ),
            models.CheckConstraint(
                condition=Q(registration__isnull=False) | Q(zone__isnull=False),
                name="vote_by_a_registration_or_a_zone",
            ),
        ]

    def __str__(self):
        return _("Vote for %(entry)s") % {"entry": self.entry}


class Award(models.Model):
    """Staff's decision: an entry wins a prize (several at rank 1 are ex aequo), or gets a
    special mention; with a citation in the three languages."""

    class Kind(models.TextChoices):
        WINNER = "winner", _("Winner")
        MENTION = "mention", _("Special mention")

    prize = models.ForeignKey(
        Prize, on_delete=models.PROTECT, related_name="awards", verbose_name=_("prize")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="awards", verbose_name=_("entry")
    )
    kind = models.CharField(_("decision"), max_length=10, choices=Kind, default=Kind.WINNER)
    citation_fr = models.TextField(_("citation in French"), max_length=1500, blank=True)
    citation_nl = models.TextField(_("citation in Dutch"), max_length=1500, blank=True)
    citation_en = models.TextField(_("citation in English"), max_length=1500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    year_uncertain = models.BooleanField(
        _("year not confirmed"),
        default=False,
        help_text=_("Past prizes whose year the sources do not give: shown as year unknown."),
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["prize", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prize", "entry"],
                name="award_once_per_prize_and_entry",
                violation_error_message=_("This entry already has a decision for this prize."),
            ),
        ]

    def __str__(self):
        return _("%(prize)s: %(entry)s") % {"prize": self.prize, "entry": self.entry.title}

    @property
    def citation(self):
        return in_reader_language(self, "citation")
