import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

zone_number_validator = RegexValidator(
    r"^[0-9]{4}$", _("An official zone number has exactly four digits, for example 5339.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ./()-]{6,20}$",
    _(
        "Enter a phone number: digits, spaces, dots, dashes, slashes, brackets"
        " and an optional leading +."
    ),
)


# How long before a zone's membership ends its reference persons and staff are told.
MEMBERSHIP_WARNING_DAYS = 60


class Region(models.TextChoices):
    BRUSSELS = "brussels", _("Brussels")
    WALLONIA = "wallonia", _("Wallonia")
    FLANDERS = "flanders", _("Flanders")
    ABROAD = "abroad", _("Abroad")


class ZoneQuerySet(models.QuerySet):
    def members_on(self, date):
        """Entities whose membership covers `date` (the end date is the last day covered)."""
        return self.filter(Exists(Membership.objects.covering(date).filter(zone=OuterRef("pk"))))

    def with_member_flag(self, date=None):
        date = date or timezone.localdate()
        return self.annotate(
            is_member=Exists(Membership.objects.covering(date).filter(zone=OuterRef("pk")))
        )

    def for_list(self):
        return self.with_member_flag().order_by("name")

    def fee_unpaid_in(self, year):
        """Members during `year` (a membership covers one of its days) whose fee for it is not
        recorded as paid: no membership overlapping that year has its fee paid."""
        this_year = Membership.objects.overlapping_year(year).filter(zone=OuterRef("pk"))
        return self.filter(Exists(this_year)).exclude(Exists(this_year.filter(fee_paid=True)))

    def for_membership_export(self):
        """The zones with their memberships and reference persons, for staff's CSV export."""
        return self.for_detail().prefetch_related("memberships").order_by("name")

    def membership_ending(self, *, within_days=MEMBERSHIP_WARNING_DAYS, today=None):
        """Members today that will not be members in `within_days` days (no renewal recorded),
        with the last day of their membership as `membership_ends_on`."""
        today = today or timezone.localdate()
        current = Membership.objects.covering(today).filter(zone=OuterRef("pk"))
        return (
            self.members_on(today)
            .exclude(pk__in=self.members_on(today + datetime.timedelta(days=within_days)))
            .annotate(membership_ends_on=Subquery(current.order_by("-end").values("end")[:1]))
            .order_by("membership_ends_on", "name")
        )

    def for_detail(self):
        reference_persons = User.objects.filter(is_reference_person=True, is_active=True)
        return self.with_member_flag().prefetch_related(
            Prefetch(
                "people",
                queryset=reference_persons.order_by("last_name", "first_name"),
                to_attr="reference_persons",
            )
        )


class Zone(models.Model):
    class Kind(models.TextChoices):
        LOCAL_ZONE = "local_zone", _("Local police zone")
        FEDERAL_UNIT = "federal_unit", _("Federal police unit")
        PARTNER = "partner", _("Partner organisation")
        FOREIGN_NETWORK = "foreign_network", _("Foreign network")

    number = models.CharField(
        _("official number"),
        max_length=4,
        blank=True,
        validators=[zone_number_validator],
        help_text=_("Four digits, for local police zones (5339 is PolBru)."),
    )
    number_verified = models.BooleanField(
        _("number verified"),
        default=True,
        help_text=_("Untick when the official number could not be checked against a source."),
    )
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.LOCAL_ZONE)
    region = models.CharField(_("region"), max_length=20, choices=Region)
    province = models.CharField(_("province"), max_length=60, blank=True)
    languages = models.CharField(
        _("languages"), max_length=20, blank=True, help_text=_("For example fr, nl or fr-nl.")
    )
    description = models.TextField(_("description"), blank=True)
    communes = models.TextField(_("communes"), blank=True, help_text=_("One commune per line."))
    contact_email = models.EmailField(_("contact mailbox"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="zones/logos/", blank=True)

    objects = ZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("member entity")
        verbose_name_plural = _("member entities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="zone_number_unique_when_set",
                violation_error_message=_("Another entity already has this official number."),
            ),
            models.CheckConstraint(
                condition=Q(number="") | Q(number__regex=r"^[0-9]{4}$"),
                name="zone_number_four_digits",
                violation_error_message=_("An official zone number has exactly four digits."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # The slug is derived once, so that links stay valid when a zone is renamed.
        if not self.slug:
            self.slug = slugify(f"{self.number} {self.name}".strip())[:160]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:zone_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    @property
    def commune_list(self):
        return [line.strip() for line in self.communes.splitlines() if line.strip()]

    def is_member_on(self, date):
        return self.memberships.covering(date).exists()

    def fee_paid_in(self, year):
        """From the memberships already fetched (for_membership_export prefetches them)."""
        return any(m.fee_paid and m.overlaps_year(year) for m in self.memberships.all())


class MembershipQuerySet(models.QuerySet):
    def covering(self, date):
        return self.filter(Q(end__isnull=True) | Q(end__gte=date), start__lte=date)

    def overlapping_year(self, year):
        return self.filter(Q(end__isnull=True) | Q(end__year__gte=year), start__year__lte=year)


class Membership(models.Model):
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("entity")
    )
    start = models.DateField(_("start"))
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Last day of membership; empty while it runs.")
    )
    fee_paid = models.BooleanField(_("fee paid"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["zone", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        if self.end:
            return _("%(zone)s, %(start)s to %(end)s") % {
                "zone": self.zone,
                "start": date_format(self.start),
                "end": date_format(self.end),
            }
        return _("%(zone)s, since %(start)s") % {
            "zone": self.zone,
            "start": date_format(self.start),
        }

    def covers(self, date):
        return self.start <= date and (self.end is None or self.end >= date)

    def overlaps_year(self, year):
        return self.start.year <= year and (self.end is None or self.end.year >= year)


class UserQuerySet(models.QuerySet):
    def with_membership(self, date=None):
        """Annotate what `User.is_member` needs, so that it costs no query of its own: whether
        the person's zone has a membership covering `date` (today by default), and when its
        last membership ended. The signed-in user is loaded so (members.backends)."""
        date = date or timezone.localdate()
        memberships = Membership.objects.filter(zone=OuterRef("zone"))
        return self.annotate(
            zone_member_today=Exists(memberships.covering(date)),
            zone_membership_ended_on=Subquery(
                memberships.filter(end__lt=date).order_by("-end").values("end")[:1]
            ),
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def members_of(self, zone):
        return self.filter(zone=zone, is_active=True).order_by("last_name", "first_name")


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The e-mail address is the login.

    The user's place in a zone (`zone`, `is_reference_person`) is set only by an approved
    join request: every police address shares one domain, so a person must vouch for it.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    function = models.CharField(
        _("function"), max_length=120, blank=True, help_text=_("For example: inspector, chief.")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("zone"),
    )
    is_reference_person = models.BooleanField(
        _("reference person"),
        default=False,
        help_text=_("The zone's contact in the network; approves colleagues who ask to join."),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Member of the association's team: may open the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    closed_at = models.DateTimeField(
        _("account closed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The person closed the account: name, phone and address were erased."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
            models.CheckConstraint(
                condition=Q(is_reference_person=False) | Q(zone__isnull=False),
                name="reference_person_has_zone",
                violation_error_message=_("A reference person must belong to a zone."),
            ),
        ]

    def __str__(self):
        if self.closed_at:
            return str(_("Former member"))
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def is_member(self):
        """Approved in a zone whose membership covers today: may see and do what is reserved
        for members. The one rule of member rights: every access check goes through it."""
        return self.is_active and self.zone_id is not None and self.zone_member_today

    @property
    def membership_lapsed(self):
        """Approved in a zone that is not (or no longer) a member: sees what a visitor sees,
        with a notice. Their zone's fiches and drafts wait for the zone's renewal."""
        return self.is_active and self.zone_id is not None and not self.zone_member_today

    # Both are annotated by `User.objects.with_membership()`, which loads the signed-in user;
    # for a user loaded otherwise, each costs one query, once.
    @cached_property
    def zone_member_today(self):
        if self.zone_id is None:
            return False
        return Membership.objects.covering(timezone.localdate()).filter(zone=self.zone_id).exists()

    @cached_property
    def zone_membership_ended_on(self):
        if self.zone_id is None:
            return None
        ended = Membership.objects.filter(zone=self.zone_id, end__lt=timezone.localdate())
        return ended.order_by("-end").values_list("end", flat=True).first()

    @property
    def can_see_members_area(self):
        return self.is_member or self.is_staff

    def manages_zone(self, zone):
        """Reference persons manage their own zone; staff manage every zone."""
        if self.is_staff:
            return True
        return self.is_member and self.is_reference_person and self.zone_id == zone.pk

    def pending_join_request(self):
        return self.join_requests.pending().select_related("zone").first()


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=JoinRequest.Status.PENDING)

    def manageable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        if user.is_member and user.is_reference_person:
            return self.filter(zone_id=user.zone_id)
        return self.none()

    def for_list(self):
        return self.select_related("user", "zone", "decided_by").order_by("created_at")


class JoinRequest(models.Model):
    """A person's request to be recognised as a member of a zone, and what became of it.

    The approved request stays as the record of the person's time in the zone: removing
    them ends it instead of deleting it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ENDED = "ended", _("Ended (left the zone)")

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="join_requests", verbose_name=_("user")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="join_requests", verbose_name=_("zone")
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="one_pending_join_request_per_user",
                violation_error_message=_("This person already has a request waiting."),
            ),
        ]

    def __str__(self):
        return _("%(user)s asks to join %(zone)s") % {"user": self.user, "zone": self.zone}

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class PersonalDataAccess(models.Model):
    """Who downloaded or handled whose personal data, and when: lists of participants, badges,
    photo consents, the prize's scores, a person's export, an account closed for them."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export of a person's data")
        CLOSURE = "closure", _("Account closed on the person's behalf")
        PARTICIPANTS = "participants", _("List of participants")
        BADGES = "badges", _("Badges")
        PHOTO_CONSENTS = "photo_consents", _("List of photo consents")
        PRIZE_SCORES = "prize_scores", _("Scores and comments of the prize")
        MEMBER_ENTITIES = "member_entities", _("List of member entities and reference persons")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    subject = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person concerned"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.detail}"

    @classmethod
    def record(cls, *, by, kind, subject=None, detail="", reason=""):
        return cls.objects.create(
            by=by, kind=kind, subject=subject, detail=str(detail)[:300], reason=reason
        )
