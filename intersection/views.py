from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from events.models import Registration
from members.models import JoinRequest, Zone
from projects.models import Adoption, Project


def home(request):
    user = request.user
    context = {"member_count": Zone.objects.members_on(timezone.localdate()).count()}
    if user.is_authenticated and user.can_see_members_area:
        context["zone"] = user.zone
        requests_to_decide = JoinRequest.objects.manageable_by(user).pending()
        if user.is_staff or user.is_reference_person:
            context["pending_requests"] = requests_to_decide.count()
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
        return render(request, "intersection/dashboard.html", context)
    if user.is_authenticated:
        context["pending"] = user.pending_join_request()
    return render(request, "intersection/home.html", context)


@never_cache
def healthz(request):
    """Liveness: the process answers. No database call, so a database outage does not
    make the orchestrator restart every container."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers, so this container may receive traffic."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
