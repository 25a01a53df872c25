"""Workflows of registration: taking a place, the waiting list, offers, check-in, housekeeping.

Every workflow that changes who holds a place locks the event row first (select_for_update),
then counts and writes: two people clicking for the last place are served one after the
other, so an event is never overbooked. Locks are always taken event first, registration
second, so that two workflows never wait on each other in a circle. Mails leave only once
the transaction has committed.

Capacity is one rule, `Event.free_places`, over the places taken (confirmed or offered,
`Registration.HOLDING_A_PLACE`), checked under the event's lock by registration, the offers,
the acceptance of an offer and the admin's change of capacity. Only staff go beyond it, by
hand: a promotion, a person let in at the door.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.links import absolute_url
from members.mail import send_mail

from . import ical
from .links import guest_token, manage_token
from .models import (
    GUEST_LINK_MAX_AGE,
    NEEDS_KEPT_DAYS,
    ConsentChange,
    Event,
    Registration,
    Session,
    SessionChoice,
)

Status = Registration.Status


# Mail


def _mail_on_commit(registration, template, *, with_calendar=False):
    """The mail `template` (events/email/) to the person of `registration`, in their language,
    once the transaction has committed (members.mail: a failing server is logged and never
    turns a place that was taken, and committed, into an error page)."""
    event = registration.event
    confirm_url = ""
    if registration.status == Status.PENDING:
        confirm_url = absolute_url(guest_confirmation_path(registration))
    send_mail(
        to=registration.contact_email,
        template=f"events/email/{template}",
        language=registration.mail_language,
        context={
            "registration": registration,
            "event": event,
            "name": registration.name,
            "event_url": absolute_url(event.get_absolute_url()),
            "manage_url": absolute_url(registration_link_path(registration)),
            "confirm_url": confirm_url,
            "guest_link_hours": int(GUEST_LINK_MAX_AGE.total_seconds() // 3600),
        },
        attachments=(
            [(f"{event.slug}.ics", ical.calendar_for([event]), "text/calendar")]
            if with_calendar
            else ()
        ),
    )


def _mail_status(registration):
    """The mail that tells a person where their registration now stands."""
    if registration.status == Status.CONFIRMED:
        _mail_on_commit(registration, "confirmed", with_calendar=True)
    elif registration.status == Status.WAITING:
        _mail_on_commit(registration, "waiting")


def registration_link_path(registration):
    return reverse("events:registration_by_link", kwargs={"token": manage_token(registration)})


def guest_confirmation_path(registration):
    return reverse("events:guest_confirm", kwargs={"token": guest_token(registration)})


# Places


def lock_event(event):
    """Hold the event's row until the transaction ends: every change to who holds a place,
    and the admin's check of a new capacity, take this lock first (see the module's rule)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _lock_registration(registration):
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .get(pk=registration.pk)
    )


def _census(event, *, user=None):
    """Places taken, people waiting and the user's active registrations, in one query."""
    mine = Q(status__in=Registration.ACTIVE, user=user) if user is not None else Q(pk=None)
    return event.registrations.aggregate(
        taken=Count("pk", filter=Q(status__in=Registration.HOLDING_A_PLACE)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        mine=Count("pk", filter=mine),
    )


def _place(event, registration, now, census=None):
    """A free place if nobody waits before this person, else the end of the waiting list.

    The caller holds the lock on the event row, so the census stays true until it commits.
    """
    census = census or _census(event)
    if event.free_places(census["taken"]) > 0 and not census["waiting"]:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Status.WAITING
        registration.queued_at = now


def _offer_free_places(event, now):
    """Offer each free place to the next person waiting, in arrival order.

    The caller holds the lock on the event row. Returns the registrations offered a place.
    """
    if event.is_cancelled or now >= event.starts_at:
        return []
    free = event.free_places()
    if free <= 0:
        return []
    expires = min(now + datetime.timedelta(hours=event.offer_hours), event.starts_at)
    offered = list(event.registrations.waiting_list().select_for_update()[:free])
    for registration in offered:
        registration.status = Status.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _mail_on_commit(registration, "offer")
    return offered


def _apply_answers(registration, answers, now):
    answers = answers or {}
    registration.dietary_needs = answers.get("dietary_needs", "")
    registration.accessibility_needs = answers.get("accessibility_needs", "")
    return registration.set_consents(
        photo=bool(answers.get("photo_consent")),
        publication=bool(answers.get("publication_consent")),
        now=now,
    )


def _record_consents(registration, changes):
    """The dated trace of each consent given or withdrawn (after the registration is saved)."""
    for change in changes:
        change.registration = registration
    ConsentChange.objects.bulk_create(changes)


@transaction.atomic
def change_consents(*, registration, photo, publication, now=None):
    """A participant gives or withdraws their photo consents; the staff list follows at once."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    changes = locked.set_consents(photo=photo, publication=publication, now=now)
    if changes:
        locked.save(
            update_fields=[
                "photo_consent",
                "photo_consent_at",
                "publication_consent",
                "publication_consent_at",
            ]
        )
        _record_consents(locked, changes)
    return locked


def _check_open(event, now):
    problem = event.registration_problem(now)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def register(*, event, user, by=None, answers=None, now=None):
    """Register a member: a place if one is free, else the waiting list.

    `by` is the person who clicked when it is not the member (their reference person, staff).
    """
    now = now or timezone.now()
    by = by or user
    if by.pk != user.pk and not (user.zone_id and by.manages_zone(user.zone)):
        raise PermissionDenied
    if not user.is_member:
        raise ValidationError(_("Only members of a zone can register with their account."))
    event = lock_event(event)
    _check_open(event, now)
    already = _("%(person)s is already registered for this event.") % {"person": user}
    if by.pk == user.pk:
        already = _("You are already registered for this event.")
    census = _census(event, user=user)
    if census["mine"]:
        raise ValidationError(already)
    registration = Registration(
        event=event,
        user=user,
        zone_id=user.zone_id,
        registered_by=by,
        language=user.preferred_language,
        created_at=now,
    )
    consents = _apply_answers(registration, answers, now)
    _place(event, registration, now, census)
    try:
        registration.save()
    except IntegrityError as error:
        # The unique constraint caught what the census cannot see: the same person
        # registering for the same event at the same instant. The whole transaction rolls back.
        raise ValidationError(already) from error
    _record_consents(registration, consents)
    _mail_status(registration)
    return registration


@transaction.atomic
def register_guest(*, event, name, organisation, email, answers=None, language=None, now=None):
    """A partner without an account: the place counts only once the e-mailed link is opened.

    Registering again while the first link waits sends the link again.
    """
    now = now or timezone.now()
    event = lock_event(event)
    if not event.accepts_guests():
        raise ValidationError(_("This event is not open to partners."))
    _check_open(event, now)
    email = email.strip().lower()
    existing = event.registrations.active().filter(user=None, email__iexact=email).first()
    if existing is not None:
        if existing.status != Status.PENDING:
            raise ValidationError(_("This address is already registered for this event."))
        _mail_on_commit(existing, "guest_confirm")
        return existing
    registration = Registration(
        event=event,
        guest_name=name.strip(),
        guest_organisation=organisation.strip(),
        email=email,
        language=language or translation.get_language() or "fr",
        status=Status.PENDING,
        created_at=now,
    )
    consents = _apply_answers(registration, answers, now)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(_("This address is already registered for this event.")) from error
    _record_consents(registration, consents)
    _mail_on_commit(registration, "guest_confirm")
    return registration


@transaction.atomic
def confirm_guest(*, registration, now=None):
    """Returns (registration, changed). A link already used changes nothing."""
    now = now or timezone.now()
    event = lock_event(registration.event)
    locked = _lock_registration(registration)
    if locked.status != Status.PENDING:
        return locked, False
    _check_open(event, now)
    _place(event, locked, now)
    locked.save(update_fields=["status", "confirmed_at", "queued_at"])
    _mail_status(locked)
    return locked, True


@transaction.atomic
def cancel(*, registration, now=None, by_staff=False):
    """Cancel a registration. Returns (registration, changed).

    A held place can be given up until the event's cancellation deadline (staff may go
    beyond it); a waiting or offered person may step aside until the start. The place
    freed goes to the next person waiting.
    """
    now = now or timezone.now()
    event = lock_event(registration.event)
    locked = _lock_registration(registration)
    if not locked.is_active:
        return locked, False
    if not by_staff:
        if locked.status == Status.CONFIRMED and not event.can_cancel_until(now):
            raise ValidationError(
                _("The cancellation deadline has passed. Please tell the organisers directly.")
            )
        if now >= event.starts_at:
            raise ValidationError(_("This event has already started."))
    held_a_place = locked.holds_a_place
    locked.status = Status.CANCELLED
    locked.cancelled_at = now
    locked.save(update_fields=["status", "cancelled_at"])
    _mail_on_commit(locked, "cancelled")
    if held_a_place:
        _offer_free_places(event, now)
    return locked, True


def accept_offer(*, registration, now=None):
    """Take the place offered. Returns the registration: confirmed; expired if the offer
    had lapsed (the place then goes to the next person, and that is kept); or back on the
    waiting list if the capacity is now below the places taken."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event)
        locked = _lock_registration(registration)
        if locked.status == Status.CONFIRMED:
            return locked
        if locked.status != Status.OFFERED:
            raise ValidationError(_("No place is offered to you for this event."))
        if locked.offer_has_lapsed(now):
            _expire_offer(locked, now)
            _offer_free_places(event, now)
            return locked
        if event.free_places() < 0:
            # The capacity was lowered below the places held since the offer was made: the
            # offer is withdrawn, and the person is back at the head of the waiting list
            # (their place in it is kept), for the next place that frees up.
            locked.status = Status.WAITING
            locked.offered_at = locked.offer_expires_at = None
            locked.save(update_fields=["status", "offered_at", "offer_expires_at"])
            _mail_status(locked)
            return locked
        locked.status = Status.CONFIRMED
        locked.confirmed_at = now
        locked.save(update_fields=["status", "confirmed_at"])
        _mail_status(locked)
        return locked


def _expire_offer(registration, now):
    registration.status = Status.EXPIRED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    _mail_on_commit(registration, "offer_lapsed")


@transaction.atomic
def promote(*, registration, by, reason, now=None):
    """Staff give a waiting person a place by hand, beyond the capacity if need be: the one
    exception to the capacity rule, and counted by it (no place is offered while the places
    taken reach the capacity)."""
    now = now or timezone.now()
    if not by.is_staff:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for this promotion."))
    lock_event(registration.event)
    locked = _lock_registration(registration)
    if locked.status not in (Status.WAITING, Status.OFFERED):
        raise ValidationError(_("Only a person on the waiting list can be promoted."))
    locked.status = Status.CONFIRMED
    locked.confirmed_at = now
    locked.promoted_by = by
    locked.promotion_reason = reason[:300]
    locked.save(update_fields=["status", "confirmed_at", "promoted_by", "promotion_reason"])
    _mail_status(locked)
    return locked


@transaction.atomic
def fill_free_places(*, event, now=None):
    """After the capacity was raised: offer the new places to the people waiting."""
    now = now or timezone.now()
    return _offer_free_places(lock_event(event), now)


# Workshops


@transaction.atomic
def choose_sessions(*, registration, sessions, now=None):
    """Replace a confirmed participant's workshops with `sessions` (at most one per slot)."""
    event = lock_event(registration.event)
    locked = _lock_registration(registration)
    if locked.status != Status.CONFIRMED:
        raise ValidationError(_("Workshops are chosen once your place is confirmed."))
    if not event.is_open_for_registration(now):
        raise ValidationError(_("Workshops can no longer be changed."))
    ids = sorted({session.pk for session in sessions})
    chosen = list(
        Session.objects.select_for_update().filter(event=event, pk__in=ids).order_by("pk")
    )
    if len(chosen) != len(ids):
        raise ValidationError(_("Choose among the workshops of this event."))
    slots = [session.starts_at for session in chosen]
    if len(set(slots)) != len(slots):
        raise ValidationError(_("Choose at most one workshop per time slot."))
    kept = set(locked.choices.values_list("session_id", flat=True))
    for session in chosen:
        if session.pk in kept:
            continue
        taken = SessionChoice.objects.filter(
            session=session, registration__status=Status.CONFIRMED
        ).count()
        if taken >= session.capacity:
            raise ValidationError(_("The workshop “%(title)s” is full.") % {"title": session.title})
    locked.choices.exclude(session_id__in=ids).delete()
    SessionChoice.objects.bulk_create(
        [
            SessionChoice(registration=locked, session=session, slot=session.starts_at)
            for session in chosen
            if session.pk not in kept
        ]
    )
    return locked


# On the day


@transaction.atomic
def check_in(*, registration, by, attended=True, now=None):
    """Tick (or untick) a person who came. A person waiting who comes anyway is let in."""
    now = now or timezone.now()
    lock_event(registration.event)
    locked = _lock_registration(registration)
    if not locked.is_active:
        raise ValidationError(_("This registration was cancelled."))
    fields = ["attended", "checked_in_at", "checked_in_by"]
    if attended and locked.status != Status.CONFIRMED:
        locked.status = Status.CONFIRMED
        locked.confirmed_at = now
        fields += ["status", "confirmed_at"]
    locked.attended = attended
    locked.checked_in_at = now if attended else None
    locked.checked_in_by = by if attended else None
    locked.save(update_fields=fields)
    return locked


@transaction.atomic
def add_walk_in(*, event, by, user=None, name="", organisation="", email="", now=None):
    """Someone came without registering: record them as present."""
    now = now or timezone.now()
    event = lock_event(event)
    if user is not None:
        existing = event.registrations.active().filter(user=user).first()
        if existing is not None:
            return check_in(registration=existing, by=by, now=now)
    elif not name.strip():
        raise ValidationError(_("Give the person's name."))
    registration = Registration(
        event=event,
        user=user,
        zone_id=user.zone_id if user else None,
        guest_name="" if user else name.strip(),
        guest_organisation="" if user else organisation.strip(),
        email="" if user else email.strip().lower(),
        status=Status.CONFIRMED,
        walk_in=True,
        created_at=now,
        confirmed_at=now,
        attended=True,
        checked_in_at=now,
        checked_in_by=by,
        registered_by=by,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(_("This person is already registered for this event.")) from error
    return registration


# Housekeeping


def expire_offers(*, now=None):
    """Offers not taken in time lapse and pass to the next person. Returns (lapsed, offered)."""
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
        .order_by("event_id")
    )
    lapsed = offered = 0
    for event_id in list(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            for registration in event.registrations.filter(
                status=Status.OFFERED, offer_expires_at__lte=now
            ).select_for_update():
                _expire_offer(registration, now)
                lapsed += 1
            offered += len(_offer_free_places(event, now))
    return lapsed, offered


def expire_guest_requests(*, now=None):
    """Guests who never opened their link: the request lapses (it never held a place)."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=Status.PENDING, created_at__lt=now - GUEST_LINK_MAX_AGE
    ).update(status=Status.EXPIRED, cancelled_at=now)


def erase_needs(*, now=None, days=NEEDS_KEPT_DAYS):
    """Erase dietary and accessibility answers `days` after the event; counts stay."""
    now = now or timezone.now()
    return Registration.objects.with_needs_to_purge(now=now, days=days).update(
        dietary_needs="", accessibility_needs="", needs_erased_at=now
    )


def housekeeping(*, now=None, needs_days=NEEDS_KEPT_DAYS):
    now = now or timezone.now()
    lapsed, offered = expire_offers(now=now)
    return {
        "offers_lapsed": lapsed,
        "places_offered": offered,
        "guest_requests_lapsed": expire_guest_requests(now=now),
        "needs_erased": erase_needs(now=now, days=needs_days),
    }


# Series


@transaction.atomic
def create_series(*, dates, start_time, end_time, **fields):
    """One event per date, at the same hours (Brussels time); returns the events created."""
    tz = timezone.get_default_timezone()
    events = []
    for day in dates:
        starts = datetime.datetime.combine(day, start_time, tzinfo=tz)
        ends = datetime.datetime.combine(day, end_time, tzinfo=tz)
        event = Event(starts_at=starts, ends_at=ends, **fields)
        event.full_clean()
        event.save()
        events.append(event)
    return events
