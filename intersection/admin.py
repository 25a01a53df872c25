"""Staff answering a data-subject request (received by post or e-mail) from the admin: the
person's export, and closing the account on their behalf with the reason recorded. The user
admin of `members` gains these two actions here, because only `intersection` knows every
app's part of a person's data."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.admin import UserAdmin
from members.models import User

from . import privacy
from .forms import StaffCloseAccountForm
from .models import DigestEntry, Following

admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    actions = [*UserAdmin.actions, "export_personal_data", "close_accounts"]

    @admin.action(description=_("Export the person's data (JSON)"))
    def export_personal_data(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one person to export."), messages.WARNING)
            return None
        user = queryset.get()
        response = HttpResponse(
            privacy.export_for_staff(user=user, by=request.user),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="personal-data-{user.pk}.json"'
        return response

    @admin.action(description=_("Close the accounts (cannot be undone)"))
    def close_accounts(self, request, queryset):
        people = list(queryset.filter(closed_at__isnull=True).exclude(pk=request.user.pk))
        form = StaffCloseAccountForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            for person in people:
                privacy.close_account(
                    user=person, by=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(
                request,
                ngettext("%(count)d account closed.", "%(count)d accounts closed.", len(people))
                % {"count": len(people)},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/members/user/close_accounts.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Close accounts"),
                "people": people,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Following)
class FollowingAdmin(admin.ModelAdmin):
    """What people follow, for staff answering a question about the digest."""

    list_display = ["user", "since", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["themes", "zones"]


@admin.register(DigestEntry)
class DigestEntryAdmin(admin.ModelAdmin):
    """What each digest said, read only: the record that keeps a fiche from being sent twice."""

    list_display = ["user", "project", "event", "sent_at"]
    list_select_related = ["user", "project", "event"]
    search_fields = ["user__email", "project__title", "event__title"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
