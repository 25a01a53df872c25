import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from awards.dashboard import dashboard as awards_dashboard
from events.models import Registration
from indicators import report as indicators_report
from members.models import JoinRequest, Zone
from projects.models import Adoption, CoOwnerInvitation, Project

from . import privacy, services
from .forms import CloseAccountForm, FollowingForm


def home(request):
    user = request.user
    context = {
        "member_count": Zone.objects.members_on(timezone.localdate()).count(),
        # The published figures of the closed years: nothing to compute on the busiest page.
        "headline": [row for row in indicators_report.build(closed_only=True) if row.years],
    }
    if user.is_authenticated and user.can_see_members_area:
        context["zone"] = user.zone
        requests_to_decide = JoinRequest.objects.manageable_by(user).pending()
        if user.is_staff or user.is_reference_person:
            context["pending_requests"] = requests_to_decide.count()
            context["co_owner_invitations"] = CoOwnerInvitation.objects.to_decide_by(user).count()
        if user.zone_id:
            context["zone_projects"] = Project.objects.owned_by_zone(user.zone).order_by(
                "-updated_at"
            )[:5]
            context["followed"] = Adoption.objects.filter(zone_id=user.zone_id).for_zone_list()[:5]
        context["event_registrations"] = Registration.objects.upcoming_of(user)
        if user.is_member and user.is_reference_person:
            context["zone_event_registrations"] = Registration.objects.upcoming_of_zone(
                user.zone
            ).exclude(user=user)[:10]
        if user.is_staff:
            context["to_review"] = Project.objects.filter(status=Project.Status.SUBMITTED).count()
            context["memberships_ending"] = Zone.objects.membership_ending()
        elif user.is_member and user.is_reference_person:
            context["memberships_ending"] = Zone.objects.filter(pk=user.zone_id).membership_ending()
        context.update(awards_dashboard(user))
        return render(request, "intersection/dashboard.html", context)
    if user.is_authenticated:
        context["pending"] = user.pending_join_request()
        # A juror from outside the zones (the Québec delegation, say) has sheets to fill.
        context.update(awards_dashboard(user))
    return render(request, "intersection/home.html", context)


@never_cache
def healthz(request):
    """Liveness: the process answers. No database call, so a database outage does not
    make the orchestrator restart every container."""
    return HttpResponse("ok", content_type="text/plain")


def _database_cache_tables():
    return [
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ]


@never_cache
def readyz(request):
    """Readiness: the database answers and the release step has run (the cache tables that
    the rate limits and pages need exist), so this container may receive traffic."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            tables = set(connection.introspection.table_names(cursor))
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    missing = [table for table in _database_cache_tables() if table not in tables]
    if missing:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "cache": "missing table"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


# Public files

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /media/
"""


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    icon = settings.BASE_DIR / "static" / "img" / "logo.svg"
    return FileResponse(icon.open("rb"), content_type="image/svg+xml")


PUBLIC_MEDIA_PREFIXES = ("zones/logos/",)


@require_GET
@cache_control(public=True, max_age=3600)
def public_media(request, path):
    """Zone logos from the media storage, with DEBUG on or off, on one host or several.

    Only the public folders are served: photos and attachments of fiches always go through
    the views that check who may read them."""
    if not path.startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    try:
        if not default_storage.exists(path):
            raise Http404
        handle = default_storage.open(path, "rb")
    except (SuspiciousFileOperation, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if not content_type.startswith("image/") or content_type == "image/svg+xml":
        content_type = "application/octet-stream"
    return FileResponse(handle, content_type=content_type)


# Personal data


def privacy_notice(request):
    """Who is responsible, what is kept for which purpose and how long: the periods come from
    the same table as the housekeeping command (settings.RETENTION_DAYS)."""
    return render(
        request,
        "intersection/privacy_notice.html",
        {"retention": privacy.retention_notice(), "contact_email": settings.CONTACT_EMAIL},
    )


def accessibility_statement(request):
    """What was tested, how, what is known not to work, and how to report a barrier."""
    return render(request, "intersection/accessibility_statement.html")


@login_required
def my_data(request):
    sections = privacy.collect(request.user)
    return render(request, "intersection/my_data.html", {"sections": sections})


@login_required
@never_cache
def my_data_download(request):
    response = HttpResponse(
        privacy.as_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data-intersection.json"'
    return response


@login_required
def close_account(request):
    user = request.user
    form = CloseAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        privacy.close_account(user=user)
        logout(request)
        messages.success(
            request, _("Your account is closed. Thank you for your work in the network.")
        )
        return redirect("home")
    return render(
        request,
        "intersection/close_account.html",
        {"form": form, "last_reference_person": privacy.last_reference_person(user)},
    )


@login_required
def following(request):
    """The themes and zones a member follows, for the weekly digest."""
    if not request.user.can_see_members_area:
        raise PermissionDenied
    current = services.following_of(request.user)
    initial = {}
    if current.pk:
        initial = {
            "themes": [theme.pk for theme in current.themes.all()],
            "zones": [zone.pk for zone in current.zones.all()],
        }
    # Unticking everything posts no field at all: the form is bound on any POST.
    data = request.POST if request.method == "POST" else None
    form = FollowingForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_following(
            user=request.user,
            themes=form.cleaned_data["themes"],
            zones=form.cleaned_data["zones"],
        )
        if form.cleaned_data["themes"] or form.cleaned_data["zones"]:
            messages.success(request, _("Saved. The weekly digest will tell you what is new."))
        else:
            messages.success(request, _("Saved. You follow nothing: no digest will be sent."))
        return redirect("following")
    return render(request, "intersection/following.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@csrf_exempt  # mail clients post the one-click unsubscribe (RFC 8058) without a form token
@never_cache
def unsubscribe(request, token):
    """The digest's unsubscribe link: no login needed, the signed token says who.

    GET shows a button and changes nothing (mail scanners open links); POST unsubscribes,
    whether from that button or from a mail client's one-click request."""
    user_id = services.user_id_from_token(token)
    if user_id is None:
        return render(request, "intersection/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        services.unsubscribe(user_id=user_id)
        done = True
    return render(request, "intersection/unsubscribe.html", {"done": done, "token": token})
