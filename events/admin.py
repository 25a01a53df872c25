from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.numbers import LocalizedNumbersAdminMixin

from . import services
from .forms import SeriesForm
from .models import Event, Registration, Session


class SessionInline(LocalizedNumbersAdminMixin, admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "room", "starts_at", "ends_at", "capacity"]


class RegistrationInline(admin.TabularInline):
    """Who registered, in what state, and who came. States change through the workflows
    (site pages and the participants page), so only attendance is editable here."""

    model = Registration
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["person", "status", "attended", "walk_in", "created_at"]
    readonly_fields = ["person", "status", "walk_in", "created_at"]
    ordering = ["status", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "event")

    @admin.display(description=_("person"))
    def person(self, registration):
        return registration.name


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("starts_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(starts_at__year=int(self.value()))
        return queryset


class WhenFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", _("Upcoming")),
            ("past", _("Past")),
            ("cancelled", _("Cancelled")),
            ("full", _("Full")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now, is_cancelled=False)
        if value == "past":
            return queryset.filter(ends_at__lt=now, is_cancelled=False)
        if value == "cancelled":
            return queryset.filter(is_cancelled=True)
        if value == "full":
            return queryset.filter(capacity__lte=F("taken_count"))
        return queryset


class EventAdminForm(forms.ModelForm):
    def clean(self):
        # The new capacity is checked (Event.clean) while the event's row is held, as every
        # workflow counts the places: an offer accepted at the same instant waits for it.
        # The admin's change page runs in one transaction, which keeps the lock to the save.
        if self.instance.pk:
            services.lock_event(self.instance)
        return super().clean()


@admin.register(Event)
class EventAdmin(LocalizedNumbersAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "starts_at",
        "audience",
        "capacity",
        "confirmed",
        "waiting",
        "attended",
        "is_cancelled",
    ]
    form = EventAdminForm
    list_filter = ["kind", YearFilter, WhenFilter, "audience", "open_to_partners"]
    search_fields = ["title", "place", "description"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["hosts"]
    readonly_fields = ["uid", "created_at", "links"]
    inlines = [SessionInline, RegistrationInline]
    change_list_template = "admin/events/event/change_list.html"
    # A link typed without a scheme gets https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "description", "audience", "is_cancelled"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "place", "online_url"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "cancellation_notice",
                    "offer_hours",
                    "open_to_partners",
                ]
            },
        ),
        (_("On the day"), {"fields": ["hosts", "links"]}),
        (_("Technical details"), {"fields": ["uid", "created_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("places taken"), ordering="taken_count")
    def confirmed(self, event):
        return event.taken_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, event):
        return event.waiting_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended(self, event):
        return event.attended_count

    @admin.display(description=_("pages"))
    def links(self, event):
        if not event.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>'
            ' · <a href="{}">{}</a> · <a href="{}">{}</a>',
            event.get_absolute_url(),
            _("Public page"),
            reverse("events:participants", args=[event.slug]),
            _("Participants and waiting list"),
            reverse("events:check_in", args=[event.slug]),
            _("Check-in"),
            reverse("events:export_csv", args=[event.slug]),
            _("CSV export"),
            reverse("events:badges", args=[event.slug]),
            _("Badges"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            offered = services.fill_free_places(event=obj)
            if offered:
                self.message_user(
                    request,
                    ngettext(
                        "A place was offered to %(count)d person on the waiting list.",
                        "Places were offered to %(count)d people on the waiting list.",
                        len(offered),
                    )
                    % {"count": len(offered)},
                    messages.INFO,
                )

    def get_urls(self):
        return [
            path(
                "series/",
                self.admin_site.admin_view(self.series_view),
                name="events_event_series",
            ),
            *super().get_urls(),
        ]

    def series_view(self, request):
        """Create a series of events at once, e.g. the midis of every first Thursday."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SeriesForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            events = services.create_series(
                dates=form.dates(),
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                **form.event_fields(),
            )
            self.message_user(
                request,
                ngettext("%(count)d event created.", "%(count)d events created.", len(events))
                % {"count": len(events)},
                messages.SUCCESS,
            )
            return redirect("admin:events_event_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Create a series of events"),
            "form": form,
        }
        return TemplateResponse(request, "admin/events/event/series_form.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "event",
        "status",
        "attended",
        "walk_in",
        "photo_consent",
        "publication_consent",
        "created_at",
    ]
    list_filter = ["status", "attended", "walk_in", "event__kind", "photo_consent"]
    list_select_related = ["event", "user"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "guest_name",
        "guest_organisation",
        "email",
        "event__title",
    ]
    date_hierarchy = "created_at"
    fields = [
        "event",
        "user",
        "guest_name",
        "guest_organisation",
        "email",
        "status",
        "attended",
        "walk_in",
        "registered_by",
        "created_at",
        "queued_at",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
        "cancelled_at",
        "promoted_by",
        "promotion_reason",
        "checked_in_at",
        "checked_in_by",
        "dietary_needs",
        "accessibility_needs",
        "needs_erased_at",
        "photo_consent",
        "photo_consent_at",
        "publication_consent",
        "publication_consent_at",
    ]
    readonly_fields = [field for field in fields if field != "attended"]

    def has_add_permission(self, request):
        return False  # registrations go through the site's workflows, which hold the lock

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled registrations stay, with their status

    @admin.display(description=_("person"), ordering="user__last_name")
    def name(self, registration):
        return registration.name
