from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Snapshot, Target


class TargetInline(admin.StackedInline):
    model = Target
    extra = 0
    fields = [
        ("kind", "horizon_year"),
        ("low", "high"),
        ("baseline_year", "baseline_value"),
        "note",
    ]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "unit", "direction", "computation", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_fr", "name_nl", "name_en"]
    inlines = [TargetInline]
    fieldsets = [
        (None, {"fields": ["code", "position", "unit", "direction", "computation"]}),
        (_("Names"), {"fields": ["name_fr", "name_nl", "name_en"]}),
        (_("How it is counted"), {"fields": ["definition_fr", "definition_nl", "definition_en"]}),
    ]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "kind", "low", "high", "horizon_year", "baseline_year"]
    list_filter = ["indicator", "kind", "horizon_year"]
    list_select_related = ["indicator"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: a closed year's figures are what was published; they are never edited."""

    list_display = ["indicator", "year", "value", "frozen_at", "frozen_by"]
    list_filter = ["year", "indicator"]
    list_select_related = ["indicator", "frozen_by"]
    readonly_fields = ["indicator", "year", "value", "details", "frozen_at", "frozen_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
