from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.http import client_ip
from members.models import PersonalDataAccess, User
from members.spreadsheet import csv_response

from . import ical, services
from .forms import (
    AnswersForm,
    ColleagueForm,
    GuestRegistrationForm,
    PromoteForm,
    SessionsForm,
    WalkInForm,
)
from .links import (
    feed_token,
    manage_token,
    read_feed_token,
    read_guest_token,
    read_manage_token,
)
from .models import Event, Registration

Status = Registration.Status

# Partner registration is open to anyone: a few attempts per address and per quarter hour.
GUEST_FORM_LIMIT = 5
GUEST_FORM_PERIOD = 15 * 60


# Access helpers


def _get_event(request, slug, queryset=None):
    """An event the person may see; others answer 404."""
    queryset = queryset if queryset is not None else Event.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), slug=slug)


def _get_event_to_host(request, slug, queryset=None):
    """Staff and the event's hosts run the check-in; other people who may see it get 403."""
    event = _get_event(request, slug, queryset)
    if not event.is_hosted_by(request.user):
        raise PermissionDenied
    return event


def _get_event_for_staff(request, slug, queryset=None):
    event = _get_event(request, slug, queryset)
    if not request.user.is_staff:
        raise PermissionDenied
    return event


def _get_registration_to_manage(request, pk):
    """One's own registration, a colleague's for a reference person, any for staff; else 404."""
    return get_object_or_404(
        Registration.objects.manageable_by(request.user).select_related("event", "user"), pk=pk
    )


def _get_registration_by_token(token):
    try:
        pk = read_manage_token(token)
    except signing.BadSignature as error:
        raise Http404 from error
    return get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _rate_limited(request, scope, *, limit, period):
    """A counter in the cache, shared by every worker when the cache is (the default)."""
    key = f"events:ratelimit:{scope}:{client_ip(request)}"
    if cache.add(key, 1, period):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, period)
        return False


def _record_access(request, kind, event):
    """Lists of people leave a trace: who downloaded which, when (visible in the admin)."""
    PersonalDataAccess.record(by=request.user, kind=kind, detail=f"{event.title} ({event.slug})")


def _problem(request, title, text, *, status):
    context = {
        "title": title,
        "text": text,
        "back_url": reverse("events:agenda"),
        "back_label": _("Back to the agenda"),
    }
    return render(request, "problem.html", context, status=status)


# Agenda


# The agenda shows the next events a page at a time: its cost does not grow with the number
# of events planned.
AGENDA_PAGE_SIZE = 20


def agenda(request):
    user = request.user
    page = Paginator(Event.objects.for_agenda(user), AGENDA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/event_list.html",
        {
            "events": page,
            "page": page,
            "years": Event.objects.archive_years(user),
            "personal_feed": (
                reverse("events:personal_feed", kwargs={"token": feed_token(user)})
                if user.is_authenticated and user.can_see_members_area
                else ""
            ),
        },
    )


def archive(request, year):
    user = request.user
    return render(
        request,
        "events/event_archive.html",
        {
            "year": year,
            "events": Event.objects.for_archive(user, year),
            "years": Event.objects.archive_years(user),
        },
    )


def _calendar_response(events, *, filename, name=""):
    response = HttpResponse(
        ical.calendar_for(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def feed(request):
    """Upcoming public events, to subscribe to from a calendar application."""
    events = Event.objects.filter(audience=Event.Audience.PUBLIC).upcoming().order_by("starts_at")
    return _calendar_response(
        events.filter(is_cancelled=False), filename="intersection.ics", name="Réseau Intersection"
    )


def personal_feed(request, token):
    """The same, with the members-only events, for a member's calendar (no session there)."""
    try:
        user_pk = read_feed_token(token)
    except signing.BadSignature as error:
        raise Http404 from error
    user = get_object_or_404(User, pk=user_pk, is_active=True)
    return _calendar_response(
        Event.objects.for_feed(user), filename="intersection.ics", name="Réseau Intersection"
    )


# One event


def event_detail(request, slug):
    user = request.user
    event = _get_event(request, slug, Event.objects.for_detail())
    registration = None
    if user.is_authenticated:
        registration = (
            event.registrations.filter(user=user)
            .prefetch_related("choices")
            .order_by("-created_at", "-pk")
            .first()
        )
    sessions = list(event.sessions.all())
    sessions_form = None
    if sessions and registration and registration.status == Status.CONFIRMED:
        sessions_form = SessionsForm(
            sessions=sessions,
            chosen=[choice.session_id for choice in registration.choices.all()],
        )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "waiting_position": _waiting_position(registration),
            "registration_problem": event.registration_problem(),
            "can_cancel": registration is not None and registration.can_be_cancelled(),
            "answers_form": AnswersForm(),
            "sessions": sessions,
            "sessions_form": sessions_form,
            "is_host": event.is_hosted_by(user),
            "can_register_colleagues": user.is_authenticated
            and (user.is_staff or (user.is_member and user.is_reference_person)),
        },
    )


def _waiting_position(registration):
    if registration is None or registration.status != Status.WAITING:
        return None
    ahead = registration.event.registrations.waiting_list().filter(
        queued_at__lte=registration.queued_at
    )
    return ahead.exclude(queued_at=registration.queued_at, pk__gt=registration.pk).count()


def event_calendar(request, slug):
    event = _get_event(request, slug)
    return _calendar_response([event], filename=f"{event.slug}.ics")


# Registering


@require_POST
@login_required
def register(request, slug):
    event = _get_event(request, slug)
    if not request.user.is_member:
        raise PermissionDenied
    form = AnswersForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(event)
    try:
        registration = services.register(event=event, user=request.user, answers=form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    if registration.status == Status.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation was sent by e-mail."))
    else:
        messages.warning(
            request,
            _(
                "The event is full: you are on the waiting list. We will e-mail you if a"
                " place frees up."
            ),
        )
    return redirect(event)


@login_required
def register_colleague(request, slug):
    event = _get_event(request, slug)
    user = request.user
    if not (user.is_staff or (user.is_member and user.is_reference_person)):
        raise PermissionDenied
    zone = None if user.is_staff else user.zone
    form = ColleagueForm(request.POST or None, zone=zone, event=event)
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["colleague"]
        try:
            registration = services.register(event=event, user=colleague, by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == Status.CONFIRMED:
                text = _("%(person)s is registered.")
            else:
                text = _("The event is full: %(person)s is on the waiting list.")
            messages.success(request, text % {"person": colleague})
            return redirect("events:register_colleague", slug=event.slug)
    return render(
        request,
        "events/registration_colleague_form.html",
        {"event": event, "form": form, "zone": zone},
    )


def register_guest(request, slug):
    event = _get_event(request, slug)
    if not event.accepts_guests():
        raise Http404
    form = GuestRegistrationForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request, "guest", limit=GUEST_FORM_LIMIT, period=GUEST_FORM_PERIOD):
            return _problem(
                request,
                _("Too many attempts"),
                _("Too many registrations were sent from this connection. Please try again later."),
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.register_guest(
                    event=event,
                    name=data["name"],
                    organisation=data["organisation"],
                    email=data["email"],
                    answers=data,
                    language=request.LANGUAGE_CODE,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request,
                    "events/guest_check_mail.html",
                    {"event": event, "email": data["email"]},
                )
    return render(
        request,
        "events/registration_guest_form.html",
        {"event": event, "form": form, "problem": event.registration_problem()},
    )


def guest_confirm(request, token):
    """The link of the guest's mail. Opening it shows a button: mail scanners that open
    links do not confirm anything."""
    try:
        pk, email = read_guest_token(token)
    except signing.SignatureExpired:
        return _problem(
            request,
            _("This link has expired"),
            _("Confirmation links are valid for two days. Register again to get a new one."),
            status=410,
        )
    except signing.BadSignature:
        return _problem(
            request,
            _("This link is not valid"),
            _("Check that you copied the whole link from the e-mail."),
            status=400,
        )
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, email=email, user=None
    )
    if registration.status != Status.PENDING:
        return render(
            request,
            "events/guest_confirm.html",
            {"registration": registration, "event": registration.event, "used": True},
        )
    if request.method == "POST":
        try:
            registration, _changed = services.confirm_guest(registration=registration)
        except ValidationError as error:
            return _problem(request, _("Registration closed"), " ".join(error.messages), status=409)
        return redirect("events:registration_by_link", token=manage_token(registration))
    return render(
        request,
        "events/guest_confirm.html",
        {"registration": registration, "event": registration.event, "used": False},
    )


# A registration: from the e-mailed link, or from the dashboard


def registration_by_link(request, token):
    registration = _get_registration_by_token(token)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            _accept(request, registration)
        elif action == "cancel":
            _cancel(request, registration)
        else:
            messages.error(request, _("Unknown action."))
        return redirect("events:registration_by_link", token=token)
    return render(
        request,
        "events/registration_manage.html",
        {
            "registration": registration,
            "event": registration.event,
            "can_cancel": registration.can_be_cancelled(),
            "waiting_position": _waiting_position(registration),
        },
    )


def _accept(request, registration):
    try:
        accepted = services.accept_offer(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    if accepted.status == Status.CONFIRMED:
        messages.success(request, _("Your place is confirmed. See you there!"))
    elif accepted.status == Status.WAITING:
        messages.error(
            request,
            _(
                "Sorry, the event now has fewer places: you are back at the head of the"
                " waiting list."
            ),
        )
    else:
        messages.error(
            request, _("Sorry, this offer has lapsed; the place went to the next person.")
        )


def _cancel(request, registration):
    try:
        _cancelled, changed = services.cancel(
            registration=registration,
            by_staff=request.user.is_authenticated and request.user.is_staff,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    if changed:
        messages.success(request, _("The registration is cancelled."))
    else:
        messages.info(request, _("This registration was already cancelled."))


@require_POST
@login_required
def registration_cancel(request, pk):
    registration = _get_registration_to_manage(request, pk)
    _cancel(request, registration)
    return redirect(_next_url(request, registration.event.get_absolute_url()))


@require_POST
@login_required
def registration_accept(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, user=request.user
    )
    _accept(request, registration)
    return redirect(_next_url(request, registration.event.get_absolute_url()))


@require_POST
@login_required
def choose_sessions(request, slug):
    event = _get_event(request, slug)
    registration = get_object_or_404(
        event.registrations.active(), user=request.user, status=Status.CONFIRMED
    )
    sessions = list(event.sessions.with_counts())
    form = SessionsForm(request.POST, sessions=sessions)
    if not form.is_valid():
        messages.error(request, _("Choose among the workshops shown."))
        return redirect(event)
    try:
        services.choose_sessions(registration=registration, sessions=form.chosen_sessions())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your workshops are saved."))
    return redirect(event)


# On the day


@login_required
def check_in(request, slug):
    event = _get_event_to_host(request, slug, Event.objects.with_counts())
    query = request.GET.get("q", "")[:100]
    people = (
        event.registrations.active()
        .search(query)
        .select_related("user", "user__zone", "zone")
        .ordered_by_name()
    )
    return render(
        request,
        "events/event_checkin.html",
        {"event": event, "people": people, "query": query, "walk_in_form": WalkInForm()},
    )


@require_POST
@login_required
def check_in_person(request, slug, pk):
    event = _get_event_to_host(request, slug)
    registration = get_object_or_404(event.registrations.active(), pk=pk)
    attended = request.POST.get("attended") == "1"
    try:
        services.check_in(registration=registration, by=request.user, attended=attended)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = (
            _("%(person)s is checked in.")
            if attended
            else _("%(person)s is no longer marked present.")
        )
        messages.success(request, text % {"person": registration.name})
    return redirect(_next_url(request, reverse("events:check_in", args=[event.slug])))


@login_required
def walk_in(request, slug):
    event = _get_event_to_host(request, slug, Event.objects.with_counts())
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_walk_in(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s is added and checked in.") % {"person": form.cleaned_data["name"]},
            )
            return redirect("events:check_in", slug=event.slug)
    return render(
        request,
        "events/event_checkin.html",
        {"event": event, "people": [], "query": "", "walk_in_form": form},
    )


# Staff


@login_required
def participants(request, slug):
    event = _get_event_for_staff(request, slug, Event.objects.with_counts())
    registrations = event.registrations.select_related("user", "user__zone", "zone")
    return render(
        request,
        "events/event_participants.html",
        {
            "event": event,
            "confirmed": registrations.for_people_list()
            .filter(status__in=[Status.CONFIRMED, Status.OFFERED])
            .ordered_by_name(),
            "waiting": registrations.waiting_list(),
            "others": registrations.exclude(
                status__in=[Status.CONFIRMED, Status.OFFERED, Status.WAITING]
            ).order_by("-created_at"),
            "promote_form": PromoteForm(),
        },
    )


@require_POST
@login_required
def promote(request, slug, pk):
    event = _get_event_for_staff(request, slug)
    registration = get_object_or_404(event.registrations, pk=pk)
    form = PromoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for this promotion."))
        return redirect("events:participants", slug=event.slug)
    try:
        promoted = services.promote(
            registration=registration, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s has a place.") % {"person": registration.name})
        taken = promoted.event.places_taken()
        if promoted.event.free_places(taken) < 0:
            messages.warning(
                request,
                _("%(taken)d places are now taken, beyond the capacity of %(capacity)d.")
                % {"taken": taken, "capacity": promoted.event.capacity},
            )
    return redirect("events:participants", slug=event.slug)


def _yes_no(value):
    return _("yes") if value else _("no")


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@login_required
def export_csv(request, slug):
    event = _get_event_for_staff(request, slug)
    _record_access(request, PersonalDataAccess.Kind.PARTICIPANTS, event)
    registrations = (
        event.registrations.filter(status__in=[Status.CONFIRMED, Status.OFFERED, Status.WAITING])
        .for_people_list()
        .ordered_by_name()
    )
    header = [
        _("Name"),
        _("E-mail address"),
        _("Zone or organisation"),
        _("Status"),
        _("Registered at"),
        _("Workshops"),
        _("Attended"),
        _("Photographed individually"),
        _("Photo consent given at"),
        _("Publication of photos"),
        _("Publication consent given at"),
        _("Dietary needs"),
        _("Accessibility needs"),
    ]
    rows = (
        [
            registration.name,
            registration.contact_email,
            registration.organisation,
            registration.get_status_display(),
            _when(registration.created_at),
            ", ".join(choice.session.title for choice in registration.choices.all()),
            _yes_no(registration.attended),
            _yes_no(registration.photo_consent),
            _when(registration.photo_consent_at),
            _yes_no(registration.publication_consent),
            _when(registration.publication_consent_at),
            registration.dietary_needs,
            registration.accessibility_needs,
        ]
        for registration in registrations
    )
    return csv_response(f"{event.slug}-participants.csv", header, rows)


@login_required
def badges(request, slug):
    event = _get_event_for_staff(request, slug)
    _record_access(request, PersonalDataAccess.Kind.BADGES, event)
    people = event.registrations.filter(status=Status.CONFIRMED).for_people_list().ordered_by_name()
    return render(request, "events/event_badges.html", {"event": event, "people": people})


@login_required
def photo_consents(request, slug):
    event = _get_event_for_staff(request, slug)
    _record_access(request, PersonalDataAccess.Kind.PHOTO_CONSENTS, event)
    people = (
        event.registrations.filter(status=Status.CONFIRMED, photo_consent=True)
        .select_related("user", "user__zone", "zone")
        .ordered_by_name()
    )
    return render(request, "events/event_photo_consents.html", {"event": event, "people": people})


# A participant's own consents


@login_required
def my_consents(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status__in=[Status.CANCELLED, Status.EXPIRED])
        .select_related("event")
        .order_by("-event__starts_at")
    )
    return render(request, "events/registration_consents.html", {"registrations": registrations})


@require_POST
@login_required
def registration_consents(request, pk):
    registration = get_object_or_404(Registration.objects.filter(user=request.user), pk=pk)
    services.change_consents(
        registration=registration,
        photo=request.POST.get("photo_consent") == "on",
        publication=request.POST.get("publication_consent") == "on",
    )
    messages.success(
        request, _("Your consents for %(event)s are saved.") % {"event": registration.event.title}
    )
    return redirect(_next_url(request, reverse("events:my_consents")))
