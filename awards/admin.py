from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import (
    Assignment,
    Award,
    Conflict,
    Criterion,
    Edition,
    Entry,
    Juror,
    Prize,
    Score,
    Sheet,
)


class PrizeInline(admin.TabularInline):
    model = Prize
    extra = 0
    fields = ["kind", "method", "name_fr", "name_nl", "name_en", "position", "jurors_per_entry"]
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["year", "phase_display", "seminar", "call_closes_at", "scoring_closes_at"]
    list_select_related = ["seminar"]
    raw_id_fields = ["seminar"]
    inlines = [PrizeInline]
    actions = ["copy_to_next_year", "freeze_entries"]
    fieldsets = [
        (None, {"fields": ["year", "seminar", "entries_per_zone"]}),
        (_("Call for entries"), {"fields": ["call_opens_at", "call_closes_at"]}),
        (_("Scoring by the jury"), {"fields": ["scoring_opens_at", "scoring_closes_at"]}),
        (_("Voting at the seminar"), {"fields": ["voting_opens_at", "voting_closes_at"]}),
        (_("Results"), {"fields": ["results_published_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.sync_distinctions(obj)

    @admin.display(description=_("phase"))
    def phase_display(self, edition):
        return edition.current_phase.label

    @admin.action(description=_("Copy to the next year (prizes, criteria and panels)"))
    def copy_to_next_year(self, request, queryset):
        for edition in queryset:
            try:
                copy = services.copy_edition(source=edition)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(copy)s is ready: check its dates.") % {"copy": copy},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Copy the entered fiches for the jury (closed calls)"))
    def freeze_entries(self, request, queryset):
        count = sum(services.freeze_entries(edition=edition) for edition in queryset)
        self.message_user(
            request,
            ngettext("%(count)s entry copied.", "%(count)s entries copied.", count)
            % {"count": count},
        )


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = [
        "position",
        "name_fr",
        "name_nl",
        "name_en",
        "guide_fr",
        "guide_nl",
        "guide_en",
        "weight",
        "maximum",
        "required",
    ]


class JurorInline(admin.TabularInline):
    model = Juror
    extra = 0
    fields = ["user", "appointed_at"]
    raw_id_fields = ["user"]


@admin.register(Prize)
class PrizeAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "edition", "kind", "method", "results_link"]
    list_filter = ["edition", "kind"]
    list_select_related = ["edition"]
    autocomplete_fields = ["shortlist"]
    readonly_fields = ["vote_counts", "results_link"]
    inlines = [CriterionInline, JurorInline]
    actions = ["add_default_criteria", "assign_jurors"]

    @admin.display(description=_("results"))
    def results_link(self, prize):
        if prize.pk is None:
            return "-"
        links = [(reverse("awards:results", args=[prize.pk]), _("Results and decision"))]
        if prize.is_scored_by_jury:
            links.append((reverse("awards:export", args=[prize.pk]), _("Scores (CSV)")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("votes"))
    def vote_counts(self, prize):
        """Counts only, and only once voting has closed."""
        if prize.pk is None or prize.is_scored_by_jury:
            return "-"
        if not prize.edition.voting_has_closed():
            return _("Counts are shown when voting closes.")
        counts = (
            Entry.objects.filter(votes__prize=prize)
            .annotate(votes_count=Count("votes"))
            .select_related("project")
            .order_by("-votes_count")
        )
        return format_html_join(
            mark_safe("<br>"),
            "{}: {}",
            ((entry.title, entry.votes_count) for entry in counts),
        ) or _("No vote.")

    @admin.action(description=_("Add the default criteria"))
    def add_default_criteria(self, request, queryset):
        for prize in queryset.select_related("edition"):
            try:
                services.add_default_criteria(prize=prize)
            except ValidationError as error:
                self.message_user(request, f"{prize}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(prize)s: criteria added.") % {"prize": prize})

    @admin.action(description=_("Assign the entries to the jurors (N per entry, balanced)"))
    def assign_jurors(self, request, queryset):
        for prize in queryset.select_related("edition"):
            try:
                short = services.assign_jurors(prize=prize)
            except ValidationError as error:
                self.message_user(request, f"{prize}: {' '.join(error.messages)}", messages.ERROR)
                continue
            if short:
                self.message_user(
                    request,
                    ngettext(
                        "%(prize)s: %(count)s entry has fewer jurors than asked.",
                        "%(prize)s: %(count)s entries have fewer jurors than asked.",
                        len(short),
                    )
                    % {"prize": prize, "count": len(short)},
                    messages.WARNING,
                )
            else:
                self.message_user(request, _("%(prize)s: entries assigned.") % {"prize": prize})


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 0
    fields = ["juror", "reason", "declared_at"]
    raw_id_fields = ["juror"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("juror__user", "juror__prize")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["project", "zone", "edition", "created_at", "withdrawn_at"]
    list_filter = ["edition"]
    list_select_related = ["project", "zone", "edition"]
    search_fields = ["project__title", "zone__name"]
    raw_id_fields = ["project", "zone", "entered_by"]
    readonly_fields = ["frozen", "frozen_at"]
    inlines = [ConflictInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Entries given to jurors by hand, or by the prize's balanced assignment."""

    list_display = ["juror", "entry"]
    list_filter = ["juror__prize__edition", "juror__prize"]
    list_select_related = [
        "juror__user",
        "juror__prize__edition",
        "entry__project",
        "entry__edition",
    ]
    raw_id_fields = ["juror", "entry"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["juror", "entry", "reason", "declared_at"]
    list_filter = ["juror__prize__edition", "juror__prize"]
    list_select_related = [
        "juror__user",
        "juror__prize__edition",
        "entry__project",
        "entry__edition",
    ]
    raw_id_fields = ["juror", "entry"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    fields = ["criterion", "value", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")


@admin.register(Sheet)
class SheetAdmin(admin.ModelAdmin):
    """Jurors fill their sheets on the site; staff read them here."""

    list_display = ["entry", "juror", "status", "submitted_at"]
    list_filter = ["juror__prize__edition", "juror__prize", "status"]
    list_select_related = [
        "entry__project",
        "entry__edition",
        "juror__user",
        "juror__prize__edition",
    ]
    fields = ["juror", "entry", "status", "comment", "submitted_at"]
    readonly_fields = fields
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["entry", "prize", "kind", "decided_at"]
    list_filter = ["prize__edition", "prize__kind", "kind"]
    list_select_related = ["entry__project", "entry__edition", "prize__edition"]
    fields = [
        "prize",
        "entry",
        "kind",
        "citation_fr",
        "citation_nl",
        "citation_en",
        "year_uncertain",
    ]
    readonly_fields = ["prize", "entry"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.sync_distinctions(obj.prize.edition)

    def has_add_permission(self, request):
        # Decisions are recorded on the prize's results page, which checks the phase.
        return False
