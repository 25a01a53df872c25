from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Award, Conflict, Criterion, Edition, Entry, Juror, Prize, Score, Sheet


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
    fieldsets = [
        (None, {"fields": ["year", "seminar", "entries_per_zone"]}),
        (_("Call for entries"), {"fields": ["call_opens_at", "call_closes_at"]}),
        (_("Scoring by the jury"), {"fields": ["scoring_opens_at", "scoring_closes_at"]}),
        (_("Voting at the seminar"), {"fields": ["voting_opens_at", "voting_closes_at"]}),
        (_("Results"), {"fields": ["results_published_at"]}),
    ]

    @admin.display(description=_("phase"))
    def phase_display(self, edition):
        return edition.current_phase.label


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
    list_display = ["name_fr", "edition", "kind", "method"]
    list_filter = ["edition", "kind"]
    list_select_related = ["edition"]
    autocomplete_fields = ["shortlist"]
    inlines = [CriterionInline, JurorInline]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["project", "zone", "edition", "created_at", "withdrawn_at"]
    list_filter = ["edition"]
    list_select_related = ["project", "zone", "edition"]
    search_fields = ["project__title", "zone__name"]
    raw_id_fields = ["project", "zone", "entered_by"]
    readonly_fields = ["frozen", "frozen_at"]


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
    raw_id_fields = ["entry", "decided_by"]
