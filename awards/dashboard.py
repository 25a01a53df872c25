"""What the dashboard shows of the prize: the zone's entries, the juror's sheets to fill, the
reference persons' open vote. Read by `intersection.views.home`."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .models import Edition, Entry, Juror, Prize, Sheet, Vote


def dashboard(user):
    now = timezone.now()
    running = Edition.objects.filter(
        Q(results_published_at__isnull=True) | Q(results_published_at__gt=now)
    )
    context = {"prize_entries": [], "jury_seats": [], "prize_votes": [], "prize_calls": []}
    if user.is_member:
        context["prize_calls"] = list(Edition.objects.calling(now))
        context["prize_entries"] = list(
            Entry.objects.filter(zone_id=user.zone_id, edition__in=running)
            .select_related("edition", "project")
            .order_by("-edition__year", "pk")
        )
    seats = list(
        Juror.objects.of_user(user)
        .filter(prize__edition__in=running, prize__edition__scoring_closes_at__gt=now)
        .annotate(
            submitted=Count("sheets", filter=Q(sheets__status=Sheet.Status.SUBMITTED)),
        )
    )
    for seat in seats:
        seat.to_score = Entry.objects.for_juror(seat).count()
    context["jury_seats"] = seats
    if user.is_member and user.is_reference_person:
        context["prize_votes"] = list(
            Prize.objects.filter(
                method=Prize.Method.REFERENCE_PERSONS,
                edition__voting_opens_at__lte=now,
                edition__voting_closes_at__gt=now,
            ).annotate(
                zone_voted=Exists(Vote.objects.filter(prize=OuterRef("pk"), zone_id=user.zone_id))
            )
        )
    return context
