"""The admin of the fiches: the staff review queue, the workflow actions, and the lists that
feed the catalogue's filters (themes, partners; pillars and police functions are fixed)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.numbers import LocalizedNumbersAdminMixin

from . import services
from .models import (
    Adoption,
    AdoptionEvent,
    Attachment,
    BudgetLine,
    CoOwnerInvitation,
    Distinction,
    Partner,
    Pillar,
    PoliceFunction,
    Project,
    ProjectImage,
    ProjectRevision,
    SynonymGroup,
    Theme,
)


def was_ever_published(project):
    """A fiche that readers have seen is archived, never deleted."""
    return project.published_at is not None or project.status in {
        Project.Status.PUBLISHED,
        Project.Status.ARCHIVED,
    }


def is_draft(project):
    return project is not None and project.status == Project.Status.DRAFT


# Filters


class ReviewFilter(admin.SimpleListFilter):
    """The review queue: fiches waiting for staff, oldest first (see ProjectAdmin.get_ordering)."""

    title = _("review")
    parameter_name = "review"
    WAITING = "waiting"

    def lookups(self, request, model_admin):
        return [(self.WAITING, _("Waiting for review"))]

    def queryset(self, request, queryset):
        if self.value() == self.WAITING:
            return queryset.filter(status=Project.Status.SUBMITTED)
        return queryset


class PublicationYearFilter(admin.SimpleListFilter):
    title = _("year of publication")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        """The years from the first publication to this one: one look at an index, not a
        pass over every fiche."""
        first = Project.objects.aggregate(first=Min("published_at"))["first"]
        this_year = timezone.localdate().year
        since = timezone.localtime(first).year if first else this_year
        return [(str(year), str(year)) for year in range(this_year, since - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(published_at__year=int(value))
        return queryset


# Inlines of a fiche


class BudgetLineInline(LocalizedNumbersAdminMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["label", "category", "amount", "funding"]


class UploadedFileInline(admin.TabularInline):
    """Photos and attachments are shown, never uploaded here: uploads go through the site,
    which checks them and strips their metadata. A draft's files can be removed. Links go
    through the site's views, which check who may read the file."""

    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "project")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_draft(obj) and super().has_delete_permission(request, obj)


class ProjectImageInline(UploadedFileInline):
    model = ProjectImage
    fields = ["preview", "caption", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("photo"))
    def preview(self, image):
        args = [image.project.slug, image.pk]
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="160"></a>',
            reverse("projects:photo", args=args),
            reverse("projects:photo_thumbnail", args=args),
            image.caption,
        )


class AttachmentInline(UploadedFileInline):
    model = Attachment
    fields = ["link", "kind", "file_size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, attachment):
        url = reverse("projects:attachment", args=[attachment.project.slug, attachment.pk])
        return format_html('<a href="{}">{}</a>', url, attachment.title)

    @admin.display(description=_("size"))
    def file_size(self, attachment):
        return filesizeformat(attachment.size)


class CoOwnerInvitationInline(admin.TabularInline):
    """Zones invited to co-own the fiche and their answers: shown, answered on the site."""

    model = CoOwnerInvitation
    extra = 0
    can_delete = False
    fields = ["zone", "status", "invited_by", "created_at", "decided_by", "decided_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("zone", "invited_by", "decided_by", "project")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DistinctionInline(admin.TabularInline):
    """The prizes the fiche received: recorded when the prize's results are published."""

    model = Distinction
    extra = 0
    can_delete = False
    fields = ["year", "label_en", "kind", "year_uncertain", "url", "source", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RevisionInline(admin.TabularInline):
    """The history of the fiche, as recorded by the services and by this admin."""

    model = ProjectRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "author", "action_shown", "changes_shown"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        # The project too: each row is labelled with str(revision), which names it.
        return super().get_queryset(request).select_related("author", "project")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("action"))
    def action_shown(self, revision):
        return revision.action_label

    @admin.display(description=_("changes"))
    def changes_shown(self, revision):
        rows = [
            (row["label"], f"{row['old']} → {row['new'] or '—'}" if row["old"] else row["new"])
            for row in revision.changes_shown()
        ]
        if not rows:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))


# The fiche


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the zone"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Say what to complete or correct; the author receives it by e-mail."),
    )


class ProjectChangeList(ChangeList):
    """The list of fiches without their long texts, which it does not show."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).without_texts()


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "owner_zone",
        "status",
        "visibility",
        "submitted_at",
        "published_at",
        "budget_total",
    ]
    list_select_related = ["owner_zone"]
    # No filter by zone (it would list every zone on every page): the search finds a zone
    # by its name, short name or number.
    list_filter = [
        ReviewFilter,
        "status",
        "visibility",
        "themes",
        "owner_zone__region",
        PublicationYearFilter,
    ]
    # A filtered list counts its rows once, not the whole table a second time.
    show_full_result_count = False
    # Fifty rows a page: each row's cells cost the admin's rendering more than the query.
    list_per_page = 50
    search_fields = ["title", "owner_zone__name", "owner_zone__short_name", "owner_zone__number"]
    autocomplete_fields = ["owner_zone", "partners"]
    filter_horizontal = ["themes", "pillars", "functions"]
    # Co-owners agree: a zone becomes co-owner when its reference person (or staff, on the
    # site's invitations page) accepts an invitation, never by a field set here.
    readonly_fields = [
        "co_owner_zones",
        "slug",
        "status",
        "review_comment",
        "submitted_at",
        "published_at",
        "archived_at",
        "budget_total",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [
        BudgetLineInline,
        CoOwnerInvitationInline,
        ProjectImageInline,
        AttachmentInline,
        DistinctionInline,
        RevisionInline,
    ]
    actions = ["publish_for_members", "publish_publicly", "send_back", "archive"]
    fieldsets = [
        (
            _("Workflow"),
            {
                "fields": [
                    "status",
                    "visibility",
                    "review_comment",
                    ("submitted_at", "published_at", "archived_at"),
                    ("created_by", "created_at", "updated_at"),
                ]
            },
        ),
        (
            _("Identification"),
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "owner_zone",
                    "co_owner_zones",
                    ("contact_name", "contact_email"),
                    "project_status",
                    ("start_date", "end_date"),
                    "language",
                    "links",
                ]
            },
        ),
        (
            _("Problem"),
            {"fields": ["problem", "data", "causes", "target_group", "territory"]},
        ),
        (
            _("Objectives and approach"),
            {
                "fields": [
                    "objectives",
                    "approach",
                    "rationale",
                    "partners",
                    "staffing",
                    "timeline",
                    "difficulties",
                    "tips",
                ]
            },
        ),
        (_("Budget"), {"fields": ["budget_total"]}),
        (_("Evaluation"), {"fields": ["evaluation_kind", "results", "outcome", "lessons"]}),
        (_("Transferability"), {"fields": ["prerequisites", "adaptations", "kit"]}),
        (_("Taxonomy"), {"fields": ["themes", "pillars", "functions"]}),
    ]

    def get_changelist(self, request, **kwargs):
        return ProjectChangeList

    def get_ordering(self, request):
        if request.GET.get(ReviewFilter.parameter_name) == ReviewFilter.WAITING:
            return ["submitted_at", "pk"]
        return super().get_ordering(request)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and was_ever_published(obj):
            return False
        return super().has_delete_permission(request, obj)

    # One write path: an edit here goes through the same services as the site's pages, so
    # history, budget total and the catalogue's invalidation live only in projects.services.

    def save_model(self, request, obj, form, change):
        services.save_project(form=form, by=request.user)

    def save_related(self, request, form, formsets, change):
        # The fiche's own many-to-many fields were saved by save_project.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        project = form.instance
        if formset.model is BudgetLine and formset.has_changed():
            services.save_budget(project=project, formset=formset, by=request.user)
        elif formset.model in {ProjectImage, Attachment}:
            formset.save(commit=False)  # only removals: files are added through the site
            kind = "photo" if formset.model is ProjectImage else "attachment"
            for instance in formset.deleted_objects:
                services.remove_file(instance=instance, by=request.user, action=f"{kind} removed")
        else:
            formset.save()

    # Workflow actions

    def _apply(self, request, queryset, service, done_message):
        done = 0
        for project in queryset.select_related("created_by"):
            try:
                service(project)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(title)s” was skipped: %(reason)s")
                    % {"title": project.title, "reason": " ".join(error.messages)},
                    messages.WARNING,
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    def _publish(self, request, queryset, visibility):
        self._apply(
            request,
            queryset,
            lambda project: services.publish(
                project=project, visibility=visibility, by=request.user
            ),
            lambda n: ngettext("%(count)d fiche published.", "%(count)d fiches published.", n),
        )

    @admin.action(description=_("Publish for members"))
    def publish_for_members(self, request, queryset):
        self._publish(request, queryset, Project.Visibility.MEMBERS)

    @admin.action(description=_("Publish publicly"))
    def publish_publicly(self, request, queryset):
        self._publish(request, queryset, Project.Visibility.PUBLIC)

    @admin.action(description=_("Archive"))
    def archive(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda project: services.archive(project=project, by=request.user),
            lambda n: ngettext("%(count)d fiche archived.", "%(count)d fiches archived.", n),
        )

    @admin.action(description=_("Send back to the zone"))
    def send_back(self, request, queryset):
        """Asks for the comment on an intermediate page, then sends each fiche back."""
        applying = "apply" in request.POST
        form = SendBackForm(request.POST if applying else None)
        if applying and form.is_valid():
            comment = form.cleaned_data["comment"]
            self._apply(
                request,
                queryset,
                lambda project: services.send_back(
                    project=project, comment=comment, by=request.user
                ),
                lambda n: ngettext(
                    "%(count)d fiche sent back to its zone.",
                    "%(count)d fiches sent back to their zones.",
                    n,
                ),
            )
            return None  # back to the changelist
        projects = list(queryset.select_related("owner_zone"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send back to the zone"),
            "opts": self.opts,
            "projects": projects,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "submitted": Project.Status.SUBMITTED,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/projects/project/send_back.html", context)


# Replications


class AdoptionEventInline(admin.TabularInline):
    """The dated history of the replication: contacts and changes of status, read only."""

    model = AdoptionEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "by", "status", "message", "mailed_on"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "adoption")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["zone", "project", "status", "implemented_on", "updated_at"]
    list_filter = ["status", "zone__region"]
    list_select_related = ["zone", "project"]
    search_fields = ["project__title", "zone__name", "zone__short_name"]
    autocomplete_fields = ["project", "zone", "contacted_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AdoptionEventInline]
    fields = [
        "project",
        "zone",
        "status",
        "implemented_on",
        "contacted_by",
        "message",
        "note",
        "created_at",
        "updated_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The first contact is history: an existing record keeps its sender and message.
        if obj is not None:
            return [*self.readonly_fields, "project", "zone", "contacted_by", "message"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            services.add_adoption(adoption=obj)
            return
        # One write path: the change of status is dated in the history by the service.
        services.update_adoption(
            adoption=obj,
            by=request.user,
            status=form.cleaned_data["status"],
            implemented_on=form.cleaned_data.get("implemented_on"),
            note=form.cleaned_data.get("note", ""),
        )

    def has_delete_permission(self, request, obj=None):
        return False  # a replication is history: it is marked as dropped instead


# Taxonomy


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_nl", "name_en", "slug", "project_count"]
    search_fields = ["name_fr", "name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name_fr", "name_nl", "name_en", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("fiches"), ordering="project_count")
    def project_count(self, theme):
        return theme.project_count


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """The words a search takes as one: each term finds the fiches that use another."""

    list_display = ["terms_fr", "terms_nl", "terms_en", "theme"]
    list_select_related = ["theme"]
    search_fields = ["terms_fr", "terms_nl", "terms_en"]
    fields = ["terms_fr", "terms_nl", "terms_en", "theme"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class FixedListAdmin(admin.ModelAdmin):
    """Rows made by a migration, named by the code's translations: shown, never edited."""

    list_display = ["__str__", "code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pillar)
class PillarAdmin(FixedListAdmin):
    pass


@admin.register(PoliceFunction)
class PoliceFunctionAdmin(FixedListAdmin):
    pass
