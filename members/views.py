from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from . import services
from .filters import ZoneFilter
from .forms import JoinRequestForm, ProfileForm
from .http import confirmed
from .models import JoinRequest, User, Zone


def _get_zone_to_manage(request, slug):
    zone = get_object_or_404(Zone, slug=slug)
    if not request.user.manages_zone(zone):
        raise PermissionDenied
    return zone


def _get_member_to_manage(request, slug, user_pk):
    zone = _get_zone_to_manage(request, slug)
    return zone, get_object_or_404(User.objects.members_of(zone), pk=user_pk)


def _get_join_request_to_decide(request, pk):
    return get_object_or_404(
        JoinRequest.objects.manageable_by(request.user).select_related("user", "zone"), pk=pk
    )


def permission_denied(request, exception=None):
    """The 403 page (handler403). A person waiting for their zone's approval reads that their
    request waits, rather than a bare refusal; someone with no zone is shown how to ask."""
    user = getattr(request, "user", None)  # absent if refused before authentication
    without_zone = user is not None and user.is_authenticated and not user.is_member
    return render(
        request,
        "403.html",
        {
            "pending": user.pending_join_request() if without_zone else None,
            "may_ask_to_join": without_zone and not user.is_staff,
        },
        status=403,
    )


def zone_list(request):
    zone_filter = ZoneFilter(request.GET, queryset=Zone.objects.for_list())
    page = Paginator(zone_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "members/zone_list.html", {"filter": zone_filter, "page": page})


def zone_detail(request, slug):
    zone = get_object_or_404(Zone.objects.for_detail(), slug=slug)
    return render(
        request,
        "members/zone_detail.html",
        {
            "zone": zone,
            "show_people": request.user.is_authenticated and request.user.can_see_members_area,
            "can_manage": request.user.is_authenticated and request.user.manages_zone(zone),
        },
    )


@login_required
def zone_manage(request, slug):
    zone = _get_zone_to_manage(request, slug)
    pending = JoinRequest.objects.filter(zone=zone).pending().for_list()
    return render(
        request,
        "members/zone_manage.html",
        {"zone": zone, "pending": pending, "people": User.objects.members_of(zone)},
    )


@login_required
def my_zone(request):
    user = request.user
    if user.is_staff and not user.zone_id:
        return redirect("members:zone_list")
    if not user.is_member:
        return redirect("members:join")
    if user.manages_zone(user.zone):
        return redirect("members:zone_manage", slug=user.zone.slug)
    return redirect(user.zone)


@login_required
def join(request):
    pending = request.user.pending_join_request()
    form = None
    if pending is None:
        form = JoinRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.request_to_join(
                    user=request.user,
                    zone=form.cleaned_data["zone"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your request was sent to the zone."))
                return redirect("members:join")
    elif request.method == "POST":  # a second form, sent from an older tab or a double click
        messages.error(
            request,
            _("You already have a request waiting. Withdraw it before asking another zone."),
        )
    return render(
        request,
        "members/joinrequest_form.html",
        {"form": form, "pending": pending, "zone": request.user.zone},
    )


@require_POST
@login_required
def join_withdraw(request):
    pending = request.user.pending_join_request()
    if pending is not None:
        services.withdraw(join_request=pending)
        messages.info(request, _("Your request was withdrawn."))
    return redirect("members:join")


@require_POST
@login_required
def join_decide(request, pk, decision):
    join_request = _get_join_request_to_decide(request, pk)
    if decision == "decline" and not confirmed(request):
        return render(request, "members/joinrequest_decline.html", {"join_request": join_request})
    if decision == "approve":
        decided = services.approve(join_request=join_request, by=request.user)
        text = _("%(person)s is now a member of %(zone)s.")
    else:
        decided = services.decline(join_request=join_request, by=request.user)
        text = _("The request of %(person)s was declined.")
    # This click decided only if the request still waited and nobody decided it meanwhile.
    if join_request.is_pending and decided.decided_by_id == request.user.pk:
        messages.success(request, text % {"person": decided.user, "zone": decided.zone})
    else:
        messages.info(request, _("This request had already been decided."))
    return redirect("members:zone_manage", slug=decided.zone.slug)


@require_POST
@login_required
def member_remove(request, slug, user_pk):
    zone, person = _get_member_to_manage(request, slug, user_pk)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if not confirmed(request):
        return render(request, "members/user_remove.html", {"zone": zone, "person": person})
    services.remove_member(user=person, by=request.user)
    messages.success(
        request, _("%(person)s no longer belongs to %(zone)s.") % {"person": person, "zone": zone}
    )
    return redirect("members:zone_manage", slug=zone.slug)


@require_POST
@login_required
def member_reference(request, slug, user_pk):
    zone, person = _get_member_to_manage(request, slug, user_pk)
    make_reference = request.POST.get("reference") == "1"
    if person.pk == request.user.pk and not make_reference and not request.user.is_staff:
        messages.error(
            request, _("Appoint another reference person, then ask them to withdraw your role.")
        )
        return redirect("members:zone_manage", slug=zone.slug)
    services.set_reference_person(user=person, value=make_reference)
    if make_reference:
        text = _("%(person)s is now a reference person of %(zone)s.")
    else:
        text = _("%(person)s is no longer a reference person of %(zone)s.")
    messages.success(request, text % {"person": person, "zone": zone})
    return redirect("members:zone_manage", slug=zone.slug)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(request, "members/user_profile.html", {"form": form, "zone": request.user.zone})


def set_language(request):
    """Django's language switch (a cookie kept for a year); a signed-in person's choice is also
    their profile's language, so that their mails follow it."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(User._meta.get_field("preferred_language").choices)
    ):
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response
