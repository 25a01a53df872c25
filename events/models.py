"""Events, their workshops, and the registrations that fill them.

A registration is never deleted: cancelling, an offer that lapses, a guest who never confirms,
all leave the row with its status, so that the counts of past events (the indicators count
the people who came) never change afterwards.
"""

import calendar
import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Dietary and accessibility answers can reveal health or religion: they are erased this many
# days after the end of the event (settings.RETENTION_DAYS, which the privacy notice states).
NEEDS_KEPT_DAYS = settings.RETENTION_DAYS["event_needs"]

# A guest's confirmation link is valid this long; unconfirmed registrations then lapse.
GUEST_LINK_MAX_AGE = datetime.timedelta(hours=48)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public events for everyone; members-only events for members and staff."""
        if user.is_authenticated and user.can_see_members_area:
            return self.all()
        return self.filter(audience=Event.Audience.PUBLIC)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def with_counts(self):
        """Annotate the places taken (see Event.places_taken), the confirmed, offered, waiting
        and attended counts, in one query."""
        status = Registration.Status
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=status.CONFIRMED)
            ),
            taken_count=Count(
                "registrations", filter=Q(registrations__status__in=Registration.HOLDING_A_PLACE)
            ),
            offered_count=Count("registrations", filter=Q(registrations__status=status.OFFERED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=status.WAITING)),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )

    def with_status_for(self, user):
        """Annotate `my_status`: the status of the user's active registration, if any."""
        if not user.is_authenticated:
            return self.annotate(my_status=models.Value("", output_field=models.CharField()))
        mine = Registration.objects.active().filter(event=OuterRef("pk"), user=user)
        return self.annotate(my_status=Subquery(mine.values("status")[:1]))

    def for_agenda(self, user, now=None):
        return (
            self.visible_to(user)
            .upcoming(now)
            .with_counts()
            .with_status_for(user)
            .order_by("starts_at", "pk")
        )

    def for_archive(self, user, year, now=None):
        return (
            self.visible_to(user)
            .past(now)
            .filter(starts_at__year=year)
            .with_counts()
            .order_by("-starts_at", "-pk")
        )

    def archive_years(self, user, now=None):
        return self.visible_to(user).past(now).datetimes("starts_at", "year", order="DESC")

    def for_detail(self):
        return self.with_counts().prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.with_counts().order_by("starts_at", "title"),
            ),
            "hosts",
        )

    def for_feed(self, user, now=None):
        return self.visible_to(user).upcoming(now).filter(is_cancelled=False).order_by("starts_at")


class Event(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Annual seminar")
        MIDI = "midi", _("Midi de la proximité")
        OTHER = "other", _("Other meeting")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone (public)")
        MEMBERS = "members", _("Members only")

    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Part of the address; made from the date and title when left empty."),
    )
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("shown to"), max_length=10, choices=Audience, default=Audience.MEMBERS
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.TextField(
        _("place"), blank=True, help_text=_("Name and address of the venue; empty when online.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Number of places; the waiting list opens beyond it.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True, help_text=_("Empty: at the start.")
    )
    cancellation_notice = models.DurationField(
        _("cancellation notice"),
        default=datetime.timedelta(days=2),
        help_text=_(
            "How long before the start participants can still cancel, for example"
            " “2 00:00:00” for two days."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offer"),
        default=24,
        help_text=_("When a place frees up, the next person on the waiting list has this long."),
    )
    open_to_partners = models.BooleanField(
        _("open to partners"),
        default=False,
        help_text=_("Partners without an account may register (public events only)."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("hosts"),
        help_text=_("People who may open the check-in page of this event."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0),
                name="event_capacity_not_negative",
                violation_error_message=_("The capacity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(offer_hours__gte=1),
                name="event_offer_hours_positive",
                violation_error_message=_("An offer must last at least one hour."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(open_to_partners=False) | Q(audience="public"),
                name="event_open_to_partners_is_public",
                violation_error_message=_(
                    "Partners can register only for an event shown to everyone."
                ),
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at_idx")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def _unique_slug(self):
        day = timezone.localtime(self.starts_at).date() if self.starts_at else ""
        base = slugify(f"{day} {self.title}")[:200] or "event"
        slug, n = base, 2
        while Event.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self):
        super().clean()
        if not self.place and not self.online_url:
            raise ValidationError(_("Give a place, an online link, or both."))
        if self.pk and self.capacity is not None:
            taken = self.places_taken()
            if self.free_places(taken) < 0:
                raise ValidationError(
                    {
                        "capacity": ngettext(
                            "%(count)d place is already taken (confirmed or offered): the"
                            " capacity cannot be lower. Cancel registrations first.",
                            "%(count)d places are already taken (confirmed or offered): the"
                            " capacity cannot be lower. Cancel registrations first.",
                            taken,
                        )
                        % {"count": taken}
                    }
                )

    # Dates and windows

    @property
    def cancellation_deadline(self):
        return self.starts_at - self.cancellation_notice

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def registration_problem(self, now=None):
        """Why nobody can register now, or None when registration is open."""
        now = now or timezone.now()
        if self.is_cancelled:
            return _("This event was cancelled.")
        if self.has_started(now):
            return _("This event has already started.")
        if self.registration_opens_at and now < self.registration_opens_at:
            return _("Registration is not open yet.")
        if now >= self.registration_closes:
            return _("Registration is closed.")
        return None

    def is_open_for_registration(self, now=None):
        return self.registration_problem(now) is None

    def can_cancel_until(self, now=None):
        return (now or timezone.now()) < self.cancellation_deadline

    # Places: one rule for the admin, every workflow and the pages. A place is taken by a
    # confirmed registration and by an offer still open (Registration.HOLDING_A_PLACE).

    def places_taken(self):
        return self.registrations.holding_a_place().count()

    def free_places(self, taken=None):
        """The places left when `taken` are taken (counted now when not given); negative when
        the capacity is below the places taken. A workflow that acts on it holds the event's
        lock (events.services.lock_event), so that the count stays true until it commits."""
        if taken is None:
            taken = self.places_taken()
        return self.capacity - taken

    @property
    def places_left(self):
        """For the pages, from the count that with_counts() annotated."""
        return max(self.free_places(self.taken_count), 0)

    def is_hosted_by(self, user):
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        # hosts.all() uses the prefetched hosts of the event page; they are few anyway.
        return any(host.pk == user.pk for host in self.hosts.all())

    def accepts_guests(self):
        return self.open_to_partners and self.audience == self.Audience.PUBLIC


def nth_weekday_dates(*, first, weekday, nth, count):
    """The `nth` `weekday` (0 is Monday) of `count` months from the month of `first`.

    `nth` is 1 to 4, or -1 for the last one of the month. Dates before `first` are skipped.
    """
    dates = []
    year, month = first.year, first.month
    while len(dates) < count:
        days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
        day = days[nth - 1] if nth > 0 else days[nth]
        candidate = datetime.date(year, month, day)
        if candidate >= first:
            dates.append(candidate)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            taken_count=Count(
                "choices",
                filter=Q(choices__registration__status=Registration.Status.CONFIRMED),
            )
        )


class Session(models.Model):
    """A workshop or parallel session of an event, with a capacity of its own.

    Sessions starting at the same time form one time slot: a participant picks at most one.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A workshop must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0),
                name="session_capacity_not_negative",
                violation_error_message=_("The capacity cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%H:%M})"

    @property
    def places_left(self):
        return max(self.capacity - self.taken_count, 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def holding_a_place(self):
        return self.filter(status__in=Registration.HOLDING_A_PLACE)

    def waiting_list(self):
        return self.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")

    def manageable_by(self, user):
        """One's own registrations; a reference person's zone; every one for staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        mine = Q(user=user)
        if user.is_member and user.is_reference_person:
            mine |= Q(user__zone_id=user.zone_id)
        return self.filter(mine)

    def upcoming(self, now=None):
        return self.filter(event__ends_at__gte=now or timezone.now(), event__is_cancelled=False)

    def for_dashboard(self):
        return self.select_related("event", "user").order_by("event__starts_at", "pk")

    def upcoming_of(self, user, now=None):
        """A member's active registrations for events to come, for their dashboard."""
        return self.active().filter(user=user).upcoming(now).for_dashboard()

    def upcoming_of_zone(self, zone, now=None):
        return self.active().filter(user__zone=zone).upcoming(now).for_dashboard()

    def for_people_list(self):
        """Participants with everything a list, a badge or a row of the export shows."""
        return self.select_related("user", "user__zone", "zone", "checked_in_by").prefetch_related(
            Prefetch(
                "choices",
                queryset=SessionChoice.objects.select_related("session").order_by(
                    "session__starts_at"
                ),
            )
        )

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        condition = Q()
        for word in text.split()[:5]:
            condition &= (
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(guest_name__icontains=word)
                | Q(guest_organisation__icontains=word)
                | Q(email__icontains=word)
                | Q(user__zone__name__icontains=word)
            )
        return self.filter(condition)

    def ordered_by_name(self):
        return self.annotate(
            sort_name=models.functions.Coalesce(
                Lower("user__last_name"), Lower("guest_name"), output_field=models.CharField()
            )
        ).order_by("sort_name", "pk")

    def with_needs_to_purge(self, *, now, days):
        return self.filter(event__ends_at__lt=now - datetime.timedelta(days=days)).filter(
            ~Q(dietary_needs="") | ~Q(accessibility_needs="")
        )


class Registration(models.Model):
    """One person's place (or wish for a place) at an event: a member, or a partner guest."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Lapsed")

    # A person has at most one registration in these states per event.
    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING, Status.OFFERED]
    # The states that take one of the event's places: an offer keeps its place for the
    # person until they accept it or it lapses.
    HOLDING_A_PLACE = [Status.CONFIRMED, Status.OFFERED]

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("member"),
    )
    # The person's zone on the day they registered (or were added at the door): counts by zone
    # or region of past events stay as they were when someone later changes zone.
    zone = models.ForeignKey(
        "members.Zone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("zone when registering"),
    )
    guest_name = models.CharField(_("name"), max_length=150, blank=True)
    guest_organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    email = models.EmailField(
        _("e-mail address"), blank=True, help_text=_("Partner guests only; members use theirs.")
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.CONFIRMED, db_index=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    queued_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offered_at = models.DateTimeField(_("place offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("promoted by"),
    )
    promotion_reason = models.CharField(_("reason for the promotion"), max_length=300, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    walk_in = models.BooleanField(
        _("added at the door"), default=False, help_text=_("Came without registering.")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=500, blank=True)
    needs_erased_at = models.DateTimeField(_("needs erased at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("anonymised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Name, address and answers erased; status and attendance kept."),
    )
    photo_consent = models.BooleanField(_("agrees to be photographed"), default=False)
    photo_consent_at = models.DateTimeField(_("photo consent given at"), null=True, blank=True)
    publication_consent = models.BooleanField(_("agrees to publication"), default=False)
    publication_consent_at = models.DateTimeField(
        _("publication consent given at"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(
                    user__isnull=False, status__in=["pending", "confirmed", "waiting", "offered"]
                ),
                name="registration_one_active_per_member",
                violation_error_message=_("This person is already registered for this event."),
            ),
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(
                    user__isnull=True, status__in=["pending", "confirmed", "waiting", "offered"]
                )
                & ~Q(email=""),
                name="registration_one_active_per_guest_email",
                violation_error_message=_("This address is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | Q(anonymised_at__isnull=False)
                | (~Q(guest_name="") & (~Q(email="") | Q(walk_in=True))),
                name="registration_member_or_named_guest_or_anonymised",
                violation_error_message=_(
                    "A guest needs a name and, unless added at the door, an e-mail address."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
                violation_error_message=_("An offered place needs an expiry."),
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(queued_at__isnull=False),
                name="registration_waiting_has_queue_time",
                violation_error_message=_(
                    "A waiting registration needs the time it joined the waiting list."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="registration_queue_idx"),
            models.Index(fields=["status", "offer_expires_at"], name="registration_offer_idx"),
        ]

    def __str__(self):
        return _("%(person)s at %(event)s") % {"person": self.name, "event": self.event.title}

    # Who

    @property
    def name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.guest_name

    @property
    def contact_email(self):
        return self.user.email if self.user_id else self.email

    @property
    def organisation(self):
        """The zone of the day (the person's zone when they registered; today's zone for the
        rare registration made before it was recorded), or a guest's organisation."""
        if self.user_id:
            if self.zone_id:
                return str(self.zone)
            return str(self.user.zone) if self.user.zone_id else ""
        return self.guest_organisation

    @property
    def mail_language(self):
        return self.user.preferred_language if self.user_id else self.language

    # State

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def holds_a_place(self):
        return self.status in self.HOLDING_A_PLACE

    def offer_has_lapsed(self, now=None):
        return self.status == self.Status.OFFERED and self.offer_expires_at <= (
            now or timezone.now()
        )

    def can_be_cancelled(self, now=None):
        """A held place until the deadline; a place on the waiting list until the start."""
        now = now or timezone.now()
        if not self.is_active or now >= self.event.starts_at:
            return False
        if self.status == self.Status.CONFIRMED:
            return self.event.can_cancel_until(now)
        return True

    @property
    def can_cancel_now(self):
        return self.can_be_cancelled()

    def set_consents(self, *, photo, publication, now=None):
        """Record each consent with the moment it was given (or withdrawn); returns the
        changes, which the caller saves as ConsentChange rows once the registration is saved."""
        now = now or timezone.now()
        changes = []
        if photo != self.photo_consent or self.photo_consent_at is None:
            self.photo_consent, self.photo_consent_at = photo, now
            changes.append(ConsentChange(kind=ConsentChange.Kind.PHOTO, given=photo, at=now))
        if publication != self.publication_consent or self.publication_consent_at is None:
            self.publication_consent, self.publication_consent_at = publication, now
            changes.append(
                ConsentChange(kind=ConsentChange.Kind.PUBLICATION, given=publication, at=now)
            )
        return changes


class ConsentChange(models.Model):
    """Each time a consent was given or withdrawn, with its date: the proof GDPR asks for."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("To be photographed")
        PUBLICATION = "publication", _("Publication of photos")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="consent_changes",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("consent"), max_length=12, choices=Kind)
    given = models.BooleanField(_("given"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.given} ({self.at:%Y-%m-%d %H:%M})"


class SessionChoice(models.Model):
    """A confirmed participant's seat in a workshop; one per time slot."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("registration"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="choices", verbose_name=_("workshop")
    )
    # The slot is the workshop's start, copied so that the database can refuse two workshops
    # of one slot for the same registration.
    slot = models.DateTimeField(_("time slot"))

    class Meta:
        verbose_name = _("workshop choice")
        verbose_name_plural = _("workshop choices")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"],
                name="session_choice_one_per_slot",
                violation_error_message=_("Only one workshop per time slot."),
            ),
        ]

    def __str__(self):
        return f"{self.registration} → {self.session}"
