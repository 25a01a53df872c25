from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import JoinRequest, Membership, PersonalDataAccess, User, Zone
from .spreadsheet import csv_response


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["start", "end", "fee_paid", "note"]


class CurrentMemberFilter(admin.SimpleListFilter):
    title = _("current member")
    parameter_name = "member"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            members = Zone.objects.members_on(timezone.localdate()).values("pk")
            if self.value() == "yes":
                return queryset.filter(pk__in=members)
            return queryset.exclude(pk__in=members)
        return queryset


class FeeUnpaidFilter(admin.SimpleListFilter):
    """Members this year (a membership covers one of its days) with no fee recorded as paid."""

    title = _("fee")
    parameter_name = "fee"

    def lookups(self, request, model_admin):
        return [("unpaid", _("Not paid this year"))]

    def queryset(self, request, queryset):
        if self.value() == "unpaid":
            return queryset.fee_unpaid_in(timezone.localdate().year)
        return queryset


def _yes_no(value):
    return _("yes") if value else _("no")


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "short_name", "kind", "region", "is_member", "people_count"]
    list_filter = [CurrentMemberFilter, FeeUnpaidFilter, "kind", "region", "number_verified"]
    actions = ["export_csv"]
    search_fields = ["name", "short_name", "number", "communes"]
    prepopulated_fields = {"slug": ["number", "name"]}
    inlines = [MembershipInline]
    # A website typed without a scheme gets https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "number", "number_verified"]}),
        (_("Location"), {"fields": ["region", "province", "languages", "communes"]}),
        (_("Presentation"), {"fields": ["description", "contact_email", "website", "logo"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_member_flag()
            .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        )

    @admin.display(boolean=True, description=_("current member"))
    def is_member(self, zone):
        return zone.is_member

    @admin.action(
        description=_("Export the selected entities as CSV (memberships, fees, reference persons)")
    )
    def export_csv(self, request, queryset):
        count = queryset.count()
        PersonalDataAccess.record(
            by=request.user,
            kind=PersonalDataAccess.Kind.MEMBER_ENTITIES,
            detail=ngettext("%(count)d entity", "%(count)d entities", count) % {"count": count},
        )
        year = timezone.localdate().year
        header = [
            _("Official number"),
            _("Name"),
            _("Short name"),
            _("Kind"),
            _("Region"),
            _("Current member"),
            _("Membership start"),
            _("Membership end"),
            _("Fee paid in %(year)d") % {"year": year},
            _("Reference persons"),
            _("Reference persons' e-mail addresses"),
        ]
        zones = Zone.objects.filter(pk__in=queryset.values("pk")).for_membership_export()
        rows = (self._export_row(zone, year) for zone in zones)
        return csv_response(f"member-entities-{timezone.localdate():%Y-%m-%d}.csv", header, rows)

    @staticmethod
    def _export_row(zone, year):
        latest = next(iter(zone.memberships.all()), None)  # the newest first
        people = zone.reference_persons
        return [
            zone.number,
            zone.name,
            zone.short_name,
            zone.get_kind_display(),
            zone.get_region_display(),
            _yes_no(zone.is_member),
            latest.start.isoformat() if latest else "",
            latest.end.isoformat() if latest and latest.end else "",
            _yes_no(zone.fee_paid_in(year)),
            ", ".join(person.get_full_name() or person.email for person in people),
            ", ".join(person.email for person in people),
        ]

    @admin.display(description=_("people"), ordering="people_count")
    def people_count(self, zone):
        return zone.people_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["zone", "start", "end", "fee_paid"]
    list_filter = ["fee_paid", "zone__region"]
    list_select_related = ["zone"]
    search_fields = ["zone__name", "zone__number"]
    date_hierarchy = "start"
    autocomplete_fields = ["zone"]


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [
            ("reference", _("Reference person")),
            ("member", _("Member")),
            ("pending", _("Waiting for approval")),
            ("none", _("No zone")),
            ("staff", _("Staff")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "reference":
            return queryset.filter(is_reference_person=True)
        if value == "member":
            return queryset.filter(zone__isnull=False)
        if value == "pending":
            return queryset.filter(join_requests__status=JoinRequest.Status.PENDING)
        if value == "none":
            return queryset.filter(zone__isnull=True)
        if value == "staff":
            return queryset.filter(is_staff=True)
        return queryset


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeFormForEmail(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    form = UserChangeFormForEmail
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "zone", "is_reference_person", "is_staff"]
    list_filter = [RoleFilter, "zone", "is_active", "is_staff"]
    list_select_related = ["zone"]
    search_fields = ["email", "first_name", "last_name", "zone__name", "zone__short_name"]
    autocomplete_fields = ["zone"]
    readonly_fields = ["last_login", "date_joined", "closed_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {"fields": ["first_name", "last_name", "function", "phone", "preferred_language"]},
        ),
        (_("Zone"), {"fields": ["zone", "is_reference_person"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined", "closed_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "zone", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "zone__region", "zone"]
    list_select_related = ["user", "zone", "decided_by"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "zone__name"]
    date_hierarchy = "created_at"
    actions = ["approve_requests", "decline_requests"]
    readonly_fields = ["status", "decided_by", "decided_at", "ended_by", "ended_at", "created_at"]
    autocomplete_fields = ["user", "zone"]

    def has_delete_permission(self, request, obj=None):
        return False  # the record of who belonged where is kept

    def _decide(self, request, queryset, service, done_message):
        count = 0
        for join_request in queryset.pending():
            service(join_request=join_request, by=request.user)
            count += 1
        self.message_user(request, done_message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected pending requests"))
    def approve_requests(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.approve,
            lambda n: ngettext("%(count)d request approved.", "%(count)d requests approved.", n),
        )

    @admin.action(description=_("Decline the selected pending requests"))
    def decline_requests(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.decline,
            lambda n: ngettext("%(count)d request declined.", "%(count)d requests declined.", n),
        )


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """Read-only: the trace of who downloaded or handled whose personal data."""

    list_display = ["at", "by", "kind", "subject", "detail"]
    list_filter = ["kind"]
    list_select_related = ["by", "subject"]
    search_fields = ["detail", "by__email", "by__last_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
