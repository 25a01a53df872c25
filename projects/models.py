import difflib
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from members.i18n import in_reader_language
from members.models import User, Zone
from members.related import RelatedList, RelatedLists

from . import markup


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    DUTCH = "nl", _("Dutch")
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


class PillarCode(models.TextChoices):
    EXTERNAL_ORIENTATION = "external_orientation", _("External orientation")
    PROBLEM_SOLVING = "problem_solving", _("Problem solving")
    PARTNERSHIP = "partnership", _("Partnership")
    ACCOUNTABILITY = "accountability", _("Accountability")
    EMPOWERMENT = "empowerment", _("Empowerment")


class FunctionCode(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    INTERVENTION = "intervention", _("Intervention")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood work")
    VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
    LOCAL_INVESTIGATION = "local_investigation", _("Local investigation")
    PUBLIC_ORDER = "public_order", _("Public order")
    TRAFFIC = "traffic", _("Traffic")


class Pillar(models.Model):
    """One of the five pillars of community policing (FPOC); rows made by a migration."""

    code = models.CharField(_("code"), max_length=30, choices=PillarCode, unique=True)

    class Meta:
        verbose_name = _("FPOC pillar")
        verbose_name_plural = _("FPOC pillars")
        ordering = ["pk"]

    def __str__(self):
        return self.get_code_display()


class PoliceFunction(models.Model):
    """One of the seven basic functions of the local police; rows made by a migration."""

    code = models.CharField(_("code"), max_length=30, choices=FunctionCode, unique=True)

    class Meta:
        verbose_name = _("basic police function")
        verbose_name_plural = _("basic police functions")
        ordering = ["pk"]

    def __str__(self):
        return self.get_code_display()


class ThemeQuerySet(models.QuerySet):
    def closest_to(self, text):
        """The theme whose name, in any language, is closest to `text`, if any is close."""
        names = {}
        for theme in self:
            for name in (theme.name_fr, theme.name_nl, theme.name_en):
                names[_plain(name)] = theme
        close = difflib.get_close_matches(_plain(text), names, n=1, cutoff=0.6)
        if not close:
            words = {word: name for name in names for word in name.split() if len(word) > 3}
            close = [
                words[match]
                for word in _plain(text).split()
                for match in difflib.get_close_matches(word, words, n=1, cutoff=0.75)
            ]
        return names[close[0]] if close else None


def _plain(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


class Theme(models.Model):
    """A free theme (seniors, bicycle theft...), named in the three languages of the site."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=80)
    name_nl = models.CharField(_("name in Dutch"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_reader_language(self, "name")


class SynonymGroup(models.Model):
    """One concept and the words for it in French, Dutch and English ("vélo, bicyclette,
    fiets, bike"): a search for any of them finds fiches that use another, in any language
    (see projects.search). Staff edit them in the admin."""

    terms_fr = models.TextField(_("terms in French"), blank=True, help_text=_("Comma-separated."))
    terms_nl = models.TextField(_("terms in Dutch"), blank=True, help_text=_("Comma-separated."))
    terms_en = models.TextField(_("terms in English"), blank=True, help_text=_("Comma-separated."))
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="synonym_groups",
        verbose_name=_("theme"),
        help_text=_("Suggested when a search with these words finds nothing."),
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(self.terms()[:4])

    def terms(self):
        """Every term of the group, in the order French, Dutch, English."""
        text = ",".join([self.terms_fr, self.terms_nl, self.terms_en])
        return [term.strip() for term in text.split(",") if term.strip()]


class Partner(models.Model):
    class Kind(models.TextChoices):
        PROSECUTOR = "prosecutor", _("Prosecutor's office")
        COMMUNE = "commune", _("Commune")
        PREVENTION_PLAN = "prevention_plan", _("Prevention plan")
        SCHOOL = "school", _("School")
        ASBL = "asbl", _("Non-profit (ASBL/VZW)")
        PRIVATE = "private", _("Private company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="partner_unique_name_kind")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class BudgetBand(models.TextChoices):
    NONE = "none", _("No budget")
    SMALL = "small", _("Under €1,000")
    MEDIUM = "medium", _("€1,000 to €10,000")
    LARGE = "large", _("€10,000 to €50,000")
    XLARGE = "xlarge", _("Over €50,000")


BUDGET_BAND_LIMITS = {
    BudgetBand.NONE: (None, Decimal("0")),
    BudgetBand.SMALL: (Decimal("0"), Decimal("1000")),
    BudgetBand.MEDIUM: (Decimal("1000"), Decimal("10000")),
    BudgetBand.LARGE: (Decimal("10000"), Decimal("50000")),
    BudgetBand.XLARGE: (Decimal("50000"), None),
}


def budget_band_q(band):
    """The condition on `budget_total` for a band: from its low limit, below its high one."""
    if band == BudgetBand.NONE:
        return Q(budget_total=0)
    low, high = BUDGET_BAND_LIMITS[band]
    condition = Q(budget_total__gte=low) if low else Q(budget_total__gt=0)
    if high is not None:
        condition &= Q(budget_total__lt=high)
    return condition


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Project.Status.PUBLISHED)

    def visible_to(self, user):
        """What a reader may open: published fiches in their scope, and their zone's own.

        Archived fiches stay reachable by their link (with a notice) but leave the lists.
        """
        shown = Q(status__in=[Project.Status.PUBLISHED, Project.Status.ARCHIVED])
        if not (user.is_authenticated and user.can_see_members_area):
            return self.filter(shown, visibility=Project.Visibility.PUBLIC)
        if user.is_staff:
            return self.all()
        return self.filter(shown | self.owned_q(user.zone_id))

    def listed_for(self, user):
        """The catalogue of a reader: published fiches only, in their scope."""
        published = self.published()
        if self.lists_members_fiches_for(user):
            return published
        return published.filter(visibility=Project.Visibility.PUBLIC)

    @staticmethod
    def lists_members_fiches_for(user):
        return user.is_authenticated and user.can_see_members_area

    @staticmethod
    def owned_q(zone_id):
        co_owned = Project.co_owner_zones.through.objects.filter(
            project=OuterRef("pk"), zone_id=zone_id
        )
        return Q(owner_zone_id=zone_id) | Q(Exists(co_owned))

    def owned_by_zone(self, zone):
        return self.filter(self.owned_q(zone.pk))

    def for_list(self):
        """Fiches as lists show them: their themes as a list, `theme_list` (a prefetched
        manager costs a queryset per fiche), without the texts of their sections, long and
        read only on the fiche's page."""
        return (
            self.select_related("owner_zone")
            .prefetch_related(Prefetch("themes", to_attr="theme_list"))
            .without_texts()
        )

    def without_texts(self):
        """Without the texts of the sections: long, and read only on the fiche's page and in
        its form."""
        sections = [name for name in Project.FORMATTED_FIELDS if name != "summary"]
        return self.defer(*sections, "sections_html", "links", "review_comment")

    def for_detail(self):
        """The fiche with what its page shows, in one query: the lists (FICHE_PAGE_LISTS)
        come in it, and the texts as the HTML rendered when the fiche was saved
        (sections_html), not as typed."""
        return FICHE_PAGE_LISTS.of(
            self.select_related("owner_zone").defer(
                *Project.FORMATTED_FIELDS, "owner_zone__description", "owner_zone__communes"
            )
        )


class Project(models.Model):
    """A project sheet (fiche): written so that another zone can replicate the project."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")

    class ProjectStatus(models.TextChoices):
        IDEA = "idea", _("Idea")
        PILOT = "pilot", _("Pilot")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")
        ABANDONED = "abandoned", _("Abandoned")

    class EvaluationKind(models.TextChoices):
        NONE = "none", _("No evaluation")
        INTERNAL = "internal", _("Internal monitoring")
        LOCAL = "local", _("Local evaluation")
        INDEPENDENT = "independent", _("Independent evaluation")

    class Outcome(models.TextChoices):
        WORKED = "worked", _("Worked")
        PROMISING = "promising", _("Promising")
        NEW = "new", _("New, not yet measured")
        DID_NOT_WORK = "did_not_work", _("Did not work")

    # Identification
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, editable=False)
    summary = models.TextField(_("summary"), max_length=4000)
    owner_zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="projects", verbose_name=_("owner zone")
    )
    co_owner_zones = models.ManyToManyField(
        Zone, blank=True, related_name="co_owned_projects", verbose_name=_("co-owner zones")
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty to use only a mailbox."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("A person's address or a functional mailbox.")
    )
    project_status = models.CharField(
        _("status of the project"),
        max_length=12,
        choices=ProjectStatus,
        default=ProjectStatus.RUNNING,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    language = models.CharField(
        _("language of the fiche"), max_length=2, choices=Language, default=Language.FRENCH
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    # Problem
    problem = models.TextField(_("what was observed"), blank=True)
    data = models.TextField(_("data behind it"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    territory = models.TextField(_("territory"), blank=True)
    # Objectives and approach
    objectives = models.TextField(_("objectives"), blank=True)
    approach = models.TextField(_("actions"), blank=True)
    rationale = models.TextField(_("why it should work"), blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="projects", verbose_name=_("partners")
    )
    staffing = models.TextField(_("staffing"), blank=True, help_text=_("People, hours or FTE."))
    timeline = models.TextField(_("timeline"), blank=True)
    difficulties = models.TextField(_("difficulties met"), blank=True)
    tips = models.TextField(_("tips"), blank=True)
    # Evaluation
    evaluation_kind = models.CharField(
        _("evaluation"), max_length=12, choices=EvaluationKind, default=EvaluationKind.NONE
    )
    results = models.TextField(
        _("results"), blank=True, help_text=_("With figures where you have them.")
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, default=Outcome.NEW)
    lessons = models.TextField(_("lessons learned"), blank=True)
    # Transferability
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    adaptations = models.TextField(_("what to adapt"), blank=True)
    kit = models.TextField(
        _("available kit"), blank=True, help_text=_("Templates, flyers, scripts...")
    )
    # Taxonomy
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="projects", verbose_name=_("themes")
    )
    pillars = models.ManyToManyField(
        Pillar, blank=True, related_name="projects", verbose_name=_("FPOC pillars")
    )
    functions = models.ManyToManyField(
        PoliceFunction,
        blank=True,
        related_name="projects",
        verbose_name=_("basic police functions"),
    )
    # Workflow
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    review_comment = models.TextField(_("comment of the association"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Kept equal to the sum of the budget lines by Project.update_budget_total(): the catalogue
    # filters and counts by budget band over thousands of fiches without summing every time.
    budget_total = models.DecimalField(
        _("total budget"), max_digits=12, decimal_places=2, default=0, editable=False
    )
    # {field: sanitised HTML} of the formatted texts, rendered by save() (render_sections):
    # the fiche's page reads it instead of rendering Markdown on every view.
    sections_html = models.JSONField(default=dict, blank=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project sheet")
        verbose_name_plural = _("project sheets")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(
                fields=["status", "visibility", "-published_at"], name="project_catalogue_idx"
            ),
            # The admin's list, in the model's order (and its first year of publication).
            models.Index(
                fields=["-published_at", "-created_at", "-id"], name="project_admin_order_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("The project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_project_has_date",
            ),
            models.CheckConstraint(
                condition=Q(budget_total__gte=0), name="project_budget_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The HTML follows the texts whoever saves the fiche (the site, the admin, a script).
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.FORMATTED_FIELDS):
            self.render_sections()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sections_html"}
        # The slug is made once, so that shared links survive a change of title.
        if not self.slug:
            base = slugify(self.title)[:200] or "fiche"
            slug, n = base, 1
            while Project.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    FORMATTED_FIELDS = (
        "summary", "problem", "data", "causes", "target_group", "territory", "objectives",
        "approach", "rationale", "staffing", "timeline", "difficulties", "tips", "results",
        "lessons", "prerequisites", "adaptations", "kit",
    )  # fmt: skip

    def render_sections(self):
        self.sections_html = {
            name: markup.render(getattr(self, name))
            for name in self.FORMATTED_FIELDS
            if getattr(self, name)
        }

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_archived(self):
        return self.status == self.Status.ARCHIVED

    def owner_zone_ids(self):
        return {self.owner_zone_id, *(zone.pk for zone in self.co_owner_zones.all())}

    def authors(self):
        """The zone's authors: the people of its owner zones who created or edited the fiche,
        or, when none of them is left, the reference persons of the owner zone."""
        zone_people = User.objects.filter(
            is_active=True, zone_id__in=self.owner_zone_ids(), email__gt=""
        )
        wrote = Q(pk=self.created_by_id) | Q(pk__in=self.revisions.values("author_id"))
        authors = list(zone_people.filter(wrote).order_by("pk"))
        return authors or list(
            zone_people.filter(zone_id=self.owner_zone_id, is_reference_person=True)
        )

    def is_editable_by(self, user):
        if not user.is_authenticated or self.is_archived:
            return False
        if user.is_staff:
            return True
        return self.is_owned_by_member(user)

    def is_owned_by_member(self, user):
        """A member (today) of one of the zones that own the fiche: a person of a lapsed zone
        is not, until the zone renews."""
        return user.is_authenticated and user.is_member and user.zone_id in self.owner_zone_ids()

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def update_budget_total(self):
        total = self.budget_lines.aggregate(total=models.Sum("amount"))["total"] or Decimal("0")
        total = Decimal(total).quantize(Decimal("0.01"))  # SQLite's sum drops the trailing 0
        Project.objects.filter(pk=self.pk).update(budget_total=total)
        self.budget_total = total

    def budget_summary(self):
        """The lines with the names of their category and funding source, and the totals per
        category, per funding source and in all, from the prefetched lines."""
        lines, by_category, by_source = [], {}, {}
        total = Decimal("0")
        for line in self.budget_lines.all():
            category, funding = line.get_category_display(), line.get_funding_display()
            lines.append((line, category, funding))
            by_category[category] = by_category.get(category, 0) + line.amount
            by_source[funding] = by_source.get(funding, 0) + line.amount
            total += line.amount
        return {"lines": lines, "by_category": by_category, "by_source": by_source, "total": total}

    def submit(self, *, by):
        self.status = self.Status.SUBMITTED
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])

    def publish(self, *, visibility):
        self.status = self.Status.PUBLISHED
        self.visibility = visibility
        self.published_at = self.published_at or timezone.now()
        self.review_comment = ""
        self.save(
            update_fields=["status", "visibility", "published_at", "review_comment", "updated_at"]
        )

    def send_back(self, *, comment):
        self.status = self.Status.DRAFT
        self.review_comment = comment
        self.save(update_fields=["status", "review_comment", "updated_at"])

    def archive(self):
        self.status = self.Status.ARCHIVED
        self.archived_at = timezone.now()
        self.save(update_fields=["status", "archived_at", "updated_at"])


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        STAFF = "staff", _("Staff costs")
        EQUIPMENT = "equipment", _("Equipment")
        COMMUNICATION = "communication", _("Communication")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Funding(models.TextChoices):
        ZONE = "zone", _("Police zone")
        COMMUNE = "commune", _("Commune")
        REGION = "region", _("Region")
        FEDERAL = "federal", _("Federal")
        SPONSOR = "sponsor", _("Sponsor")
        IN_KIND = "in_kind", _("In kind")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    label = models.CharField(_("label"), max_length=150)
    category = models.CharField(_("category"), max_length=15, choices=Category)
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10000000"))],
    )
    funding = models.CharField(_("funding source"), max_length=10, choices=Funding)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=10_000_000),
                name="budget_line_amount_range",
                violation_error_message=_("An amount is between €0 and €10,000,000."),
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.amount} €"


class ProjectImage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("photo"), upload_to="projects/images/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="projects/thumbnails/", editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.image.name


class Attachment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="projects/attachments/")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class ProjectRevision(models.Model):
    """One edit of a fiche: who, when, and the fields that changed with their old values."""

    class Action(models.TextChoices):
        # Not the field's choices: the codes are what the services record; these are the
        # words a reader sees for them.
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        BUDGET = "budget", _("Budget changed")
        PHOTO_ADDED = "photo added", _("Photo added")
        PHOTO_REMOVED = "photo removed", _("Photo removed")
        ATTACHMENT_ADDED = "attachment added", _("Attachment added")
        ATTACHMENT_REMOVED = "attachment removed", _("Attachment removed")
        SUBMITTED = "submitted", _("Sent for review")
        PUBLISHED = "published", _("Published")
        SENT_BACK = "sent_back", _("Sent back to the zone")
        ARCHIVED = "archived", _("Archived")
        CREATED_IN_ADMIN = "created in admin", _("Created in the administration")
        EDITED_IN_ADMIN = "edited in admin", _("Edited in the administration")

    # What the services record under a key of their own rather than a form field's label.
    CHANGE_LABELS = {
        "visibility": _("Visibility"),
        "total": _("Budget total"),
        "file": _("File"),
        "files": _("Files removed"),
        "comment": _("Comment to the zone"),
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(_("action"), max_length=40)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.project} — {self.action_label} ({self.created_at:%Y-%m-%d})"

    @property
    def action_label(self):
        if self.action in self.Action.values:
            return self.Action(self.action).label
        return self.action

    def changes_shown(self):
        """The changes as a reader reads them: labels for field names and for coded values
        (a status, a visibility, an outcome), whatever the revision's age."""
        changes = self.changes if isinstance(self.changes, dict) else {}
        rows = []
        for name, entry in changes.items():
            entry = entry if isinstance(entry, dict) else {"new": entry}
            label = entry.get("label") or self.CHANGE_LABELS.get(name) or self._field_label(name)
            rows.append(
                {
                    "label": label,
                    "old": self._value_label(name, entry.get("old")),
                    "new": self._value_label(name, entry.get("new")),
                }
            )
        return rows

    @staticmethod
    def _field(name):
        try:
            return Project._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def _field_label(self, name):
        field = self._field(name)
        if field is None or not hasattr(field, "verbose_name"):
            return name
        return capfirst(field.verbose_name)

    def _value_label(self, name, value):
        if value in (None, ""):
            return ""
        field = self._field(name)
        if field is not None and getattr(field, "choices", None):
            labels = {str(code): label for code, label in field.flatchoices}
            return labels.get(str(value), value)
        return value


class AdoptionQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Adoption.Status.DROPPED)

    def implemented(self):
        return self.filter(status=Adoption.Status.IMPLEMENTED)

    def for_zone_list(self):
        return self.select_related("project", "project__owner_zone", "zone").order_by("-updated_at")


class Adoption(models.Model):
    """A zone's interest in another zone's project, up to its implementation: replication."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        PREPARING = "preparing", _("Preparing")
        IMPLEMENTED = "implemented", _("Implemented")
        DROPPED = "dropped", _("Dropped")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="adoptions")
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("adopting zone")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.INTERESTED)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("first contact"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "zone"], name="one_adoption_per_zone_and_project"
            ),
            models.CheckConstraint(
                condition=~Q(status="implemented") | Q(implemented_on__isnull=False),
                name="implemented_adoption_has_date",
                violation_error_message=_("Give the date the project was implemented."),
            ),
        ]

    def __str__(self):
        return f"{self.zone} → {self.project}"


class AdoptionEventQuerySet(models.QuerySet):
    def contacts(self):
        return self.filter(kind=AdoptionEvent.Kind.CONTACT)

    def status_changes(self):
        return self.filter(kind=AdoptionEvent.Kind.STATUS)

    def count_per_year(self):
        """{year: number of events}, by the year (in the site's time zone) they happened.

        What the indicators read: `AdoptionEvent.objects.contacts().count_per_year()` is the
        number of times a zone asked another about a project, each year; asking again counts
        again. Years without any event are absent."""
        rows = (
            self.annotate(year=ExtractYear("at"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("year")
        )
        return {row["year"]: row["count"] for row in rows}


class AdoptionEvent(models.Model):
    """The dated history of a replication: every contact (who wrote, when, what) and every
    change of its status. Rows are only added: "who asked whom, when" survives every update
    of the replication itself."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        STATUS = "status", _("Change of status")

    adoption = models.ForeignKey(
        Adoption, on_delete=models.PROTECT, related_name="events", verbose_name=_("replication")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    status = models.CharField(_("status after"), max_length=12, choices=Adoption.Status, blank=True)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    # The day the contact's mail left; empty when the person had already written that day.
    mailed_on = models.DateField(_("mailed on"), null=True, blank=True, editable=False)

    objects = AdoptionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("replication event")
        verbose_name_plural = _("replication events")
        ordering = ["at", "pk"]
        constraints = [
            # At most one mail to a fiche's contact per person, fiche (and zone) and day:
            # asking again the same day is recorded without mailing again.
            models.UniqueConstraint(
                fields=["adoption", "by", "mailed_on"],
                condition=Q(mailed_on__isnull=False),
                name="one_interest_mail_per_person_and_day",
                violation_error_message=_("You already wrote to this project's contact today."),
            ),
            models.CheckConstraint(
                condition=Q(kind="status") | Q(by__isnull=False),
                name="adoption_contact_has_sender",
            ),
            models.CheckConstraint(
                condition=Q(kind="contact") | Q(mailed_on__isnull=True),
                name="adoption_only_contacts_are_mailed",
            ),
        ]

    def __str__(self):
        return f"{self.adoption} — {self.get_kind_display()} ({self.at:%Y-%m-%d})"


class CoOwnerInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=CoOwnerInvitation.Status.PENDING)

    def in_scope_of(self, user):
        """The invitations a person may find: their zone's; every one for staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        if user.is_member:
            return self.filter(zone_id=user.zone_id)
        return self.none()

    def to_decide_by(self, user):
        """Pending invitations that the person may accept or decline for their zone."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.pending()
        if user.is_member and user.is_reference_person:
            return self.pending().filter(zone_id=user.zone_id)
        return self.none()

    def for_list(self):
        return self.select_related("project", "project__owner_zone", "zone", "invited_by").order_by(
            "created_at", "pk"
        )


class CoOwnerInvitation(models.Model):
    """A zone named as co-owner of a fiche. Co-ownership gives the zone the right to edit,
    submit and archive the fiche, and shows the fiche on the zone's page: the zone gets it
    only when one of its reference persons accepts. The row stays as the record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the zone's answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="co_owner_invitations",
        verbose_name=_("project sheet"),
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        related_name="co_owner_invitations",
        verbose_name=_("invited zone"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = CoOwnerInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-owner invitation")
        verbose_name_plural = _("co-owner invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "zone"],
                condition=Q(status="pending"),
                name="one_pending_co_owner_invitation_per_zone",
                violation_error_message=_("This zone is already invited to co-own the fiche."),
            ),
        ]

    def __str__(self):
        return _("%(zone)s invited to co-own “%(title)s”") % {
            "zone": self.zone,
            "title": self.project.title,
        }

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class Distinction(models.Model):
    """A prize a fiche received ("Prix du jury 2020"), shown as a badge on the fiche and
    counted by the catalogue's "Awarded" facet. Recorded by whoever gives the prize when its
    results are published (the `awards` app, through services.replace_distinctions_for), so
    that the fiche needs to know nothing of how the prize was decided. `source` names the
    results that recorded it (e.g. "awards:2020"), so they can be recorded again as a whole."""

    class Kind(models.TextChoices):
        WINNER = "winner", _("Winner")
        EX_AEQUO = "ex_aequo", _("Winner ex aequo")
        MENTION = "mention", _("Special mention")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="distinctions", verbose_name=_("fiche")
    )
    source = models.CharField(_("recorded by"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    year_uncertain = models.BooleanField(_("year not confirmed"), default=False)
    label_fr = models.CharField(_("prize in French"), max_length=120)
    label_nl = models.CharField(_("prize in Dutch"), max_length=120)
    label_en = models.CharField(_("prize in English"), max_length=120)
    kind = models.CharField(_("rank"), max_length=10, choices=Kind, default=Kind.WINNER)
    url = models.CharField(_("results page"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("distinction")
        verbose_name_plural = _("distinctions")
        ordering = ["-year", "label_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "label_en", "year"],
                name="distinction_once_per_project_prize_and_year",
                violation_error_message=_("This fiche already has this prize for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.year}"

    @property
    def label(self):
        return in_reader_language(self, "label", fallback="en")


# What the fiche's page shows of its related rows, each with the fields it reads: read in
# the fiche's own query (Project.objects.for_detail()).
_ZONE = ["name", "short_name", "slug"]
FICHE_PAGE_LISTS = RelatedLists(
    RelatedList("co_owner_zones", _ZONE),
    RelatedList("themes", ["slug", "name_fr", "name_nl", "name_en"]),
    RelatedList("pillars", ["code"]),
    RelatedList("functions", ["code"]),
    RelatedList("partners", ["name", "kind"]),
    RelatedList("budget_lines", ["label", "category", "amount", "funding"]),
    RelatedList("images", ["caption"]),
    RelatedList("attachments", ["title", "kind", "size"]),
    RelatedList(
        "distinctions",
        ["year", "year_uncertain", "label_fr", "label_nl", "label_en", "kind", "url"],
    ),
    RelatedList(
        "adoptions",
        ["status", "implemented_on", *(f"zone__{name}" for name in _ZONE)],
        lambda adoptions: adoptions.active().order_by("zone__name"),
    ),
)
