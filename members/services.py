"""Workflows of zone membership: asking to join, deciding, leaving, naming reference persons.

Each runs in one transaction and locks the rows it decides on, so that two reference persons
clicking at once, or a double click, record one decision.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .links import absolute_url
from .mail import send_mail
from .models import JoinRequest, User


def _mail_user(user, template, context):
    """Send a short mail in the person's own language, with a link to the site, after commit."""
    send_mail(
        to=user.email,
        template=f"members/email/{template}",
        context={**context, "user": user, "home_url": absolute_url(reverse("home"))},
        language=user.preferred_language,
    )


def _tell_who_decides(join_request):
    """The zone's reference persons are told that someone waits for their approval; staff
    are, when the zone has nobody to approve."""
    zone = join_request.zone
    deciders = list(
        User.objects.filter(zone=zone, is_reference_person=True, is_active=True, email__gt="")
    )
    template = "join_requested"
    if not deciders:
        deciders = list(User.objects.filter(is_staff=True, is_active=True, email__gt=""))
        template = "join_requested_staff"
    context = {
        "join_request": join_request,
        "person": join_request.user,
        "zone": zone,
        "approve_url": absolute_url(reverse("members:zone_manage", args=[zone.slug])),
    }
    for decider in deciders:
        _mail_user(decider, template, context)


@transaction.atomic
def request_to_join(*, user, zone, message=""):
    if user.zone_id == zone.pk:
        raise ValidationError(_("You are already a member of this zone."))
    if not zone.is_member_on(timezone.localdate()):
        raise ValidationError(
            _("This entity is not a member of the network today: it cannot take members in.")
        )
    if JoinRequest.objects.filter(user=user).pending().exists():
        raise ValidationError(
            _("You already have a request waiting. Withdraw it before asking another zone.")
        )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(user=user, zone=zone, message=message)
    except IntegrityError as error:  # a second request sent at the same instant
        raise ValidationError(_("You already have a request waiting.")) from error
    _tell_who_decides(join_request)
    return join_request


@transaction.atomic
def withdraw(*, join_request):
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not locked.is_pending:
        return locked
    locked.status = JoinRequest.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.decided_by = locked.user
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked


def _decide(join_request, by, status):
    """Record the decision once; a second click on a decided request changes nothing."""
    locked = (
        JoinRequest.objects.select_for_update()
        .select_related("user", "zone")
        .get(pk=join_request.pk)
    )
    if not locked.is_pending:
        return locked, False
    locked.status = status
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked, True


@transaction.atomic
def approve(*, join_request, by):
    decided, changed = _decide(join_request, by, JoinRequest.Status.APPROVED)
    if not changed:
        return decided
    user = User.objects.select_for_update().get(pk=decided.user_id)
    if user.zone_id and user.zone_id != decided.zone_id:
        _end_current_place(user, by)
    user.zone = decided.zone
    user.is_reference_person = False
    user.save(update_fields=["zone", "is_reference_person"])
    _mail_user(user, "join_approved", {"zone": decided.zone})
    return decided


@transaction.atomic
def decline(*, join_request, by):
    decided, changed = _decide(join_request, by, JoinRequest.Status.DECLINED)
    if changed:
        _mail_user(decided.user, "join_declined", {"zone": decided.zone})
    return decided


def _end_current_place(user, by):
    JoinRequest.objects.filter(
        user=user, zone_id=user.zone_id, status=JoinRequest.Status.APPROVED
    ).update(status=JoinRequest.Status.ENDED, ended_at=timezone.now(), ended_by=by)


@transaction.atomic
def remove_member(*, user, by):
    """Take a person out of their zone. Their approved request is ended, never deleted."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.zone_id is None:
        return locked
    _end_current_place(locked, by)
    locked.zone = None
    locked.is_reference_person = False
    locked.save(update_fields=["zone", "is_reference_person"])
    return locked


@transaction.atomic
def set_reference_person(*, user, value):
    locked = User.objects.select_for_update().get(pk=user.pk)
    if value and locked.zone_id is None:
        raise ValidationError(_("Only a member of the zone can be its reference person."))
    locked.is_reference_person = value
    locked.save(update_fields=["is_reference_person"])
    return locked
