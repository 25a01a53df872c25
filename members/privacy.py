"""Personal data held by `members`: the profile, the person's place in a zone, their join
requests, e-mail addresses, second factors and sessions.

Each app has a `privacy.py` with the same functions; `intersection.privacy` assembles them for
the "my data" page, the download and account closing:

- `export(user)`: what the app holds on the person, as sections (`Section`);
- `anonymise(user, now)`: erase the person from the app's rows while keeping every count;
- `purge(now)`: the retention rules of the app (settings.RETENTION_DAYS); returns what it did.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError
from django.utils.translation import gettext_lazy as _

from .models import JoinRequest, PersonalDataAccess, User

CLOSED_DOMAIN = "closed.invalid"


@dataclass
class Section:
    """One group of a person's data, for one purpose. `rows` are lists of (key, label, value):
    the page shows the labels, the JSON download keeps the keys."""

    key: str
    title: str
    purpose: str
    rows: list = field(default_factory=list)

    def add(self, *items):
        self.rows.append([(key, label, value) for key, label, value in items])


def export(user):
    profile = Section(
        "profile",
        _("Profile"),
        _("To know who you are in the network and write to you in your language."),
    )
    profile.add(
        ("email", _("E-mail address"), user.email),
        ("first_name", _("First name"), user.first_name),
        ("last_name", _("Last name"), user.last_name),
        ("function", _("Function"), user.function),
        ("phone", _("Phone"), user.phone),
        ("preferred_language", _("Language"), user.get_preferred_language_display()),
        ("date_joined", _("Account created"), user.date_joined),
        ("last_login", _("Last sign-in"), user.last_login),
    )
    zone = Section(
        "zone",
        _("Zone and join requests"),
        _("Member rights belong to the people a zone has approved."),
    )
    zone.add(
        ("zone", _("Zone"), str(user.zone) if user.zone_id else ""),
        ("reference_person", _("Reference person"), user.is_reference_person),
    )
    for request in user.join_requests.select_related("zone", "decided_by"):
        zone.add(
            ("zone", _("Zone"), str(request.zone)),
            ("requested_at", _("Requested at"), request.created_at),
            ("message", _("Message"), request.message),
            ("status", _("Status"), request.get_status_display()),
            ("decided_at", _("Decided at"), request.decided_at),
            ("decided_by", _("Decided by"), str(request.decided_by or "")),
            ("ended_at", _("Ended at"), request.ended_at),
        )
    security = Section(
        "security",
        _("Sign-in and security"),
        _("To let you sign in safely; secrets are never shown."),
    )
    for address in EmailAddress.objects.filter(user=user):
        security.add(
            ("email", _("E-mail address"), address.email),
            ("verified", _("Verified"), address.verified),
            ("primary", _("Primary"), address.primary),
        )
    for authenticator in Authenticator.objects.filter(user=user):
        security.add(
            ("second_factor", _("Second factor"), authenticator.get_type_display()),
            ("created_at", _("Added at"), authenticator.created_at),
            ("last_used_at", _("Last used"), authenticator.last_used_at),
        )
    for session in UserSession.objects.filter(user=user):
        security.add(
            ("session_ip", _("Session from"), session.ip),
            ("session_device", _("Browser"), session.user_agent),
            ("session_created_at", _("Signed in at"), session.created_at),
        )
    return [profile, zone, security]


def anonymise(user, now):
    """Close the account: nobody can tell who it was, and every count stays.

    The row stays (fiches, registrations and votes keep pointing at it, shown as "former
    member"); name, function and phone are erased, the address becomes a unique placeholder
    so the real one can sign up again, the password becomes unusable, second factors,
    addresses and sessions go, and the person's place in their zone ends today (the zone's
    membership, which the indicators count, is not the person's)."""
    JoinRequest.objects.filter(user=user, status=JoinRequest.Status.APPROVED).update(
        status=JoinRequest.Status.ENDED, ended_at=now
    )
    JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.WITHDRAWN, decided_at=now
    )
    JoinRequest.objects.filter(user=user).update(message="")
    for session in UserSession.objects.filter(user=user):
        Session.objects.filter(session_key=session.session_key).delete()
    UserSession.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.first_name = user.last_name = user.function = user.phone = ""
    user.email = f"closed-{uuid.uuid4().hex}@{CLOSED_DOMAIN}"
    user.set_unusable_password()
    user.zone = None
    user.is_reference_person = False
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.closed_at = now
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def purge(now):
    """Accounts never verified are deleted; refused or withdrawn requests lose their text."""
    days = settings.RETENTION_DAYS
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    never_verified = User.objects.filter(
        date_joined__lt=now - datetime.timedelta(days=days["unverified_accounts"]),
        zone__isnull=True,
        closed_at__isnull=True,
        is_staff=False,
        last_login__isnull=True,
    ).exclude(Exists(verified))
    # Requests of such accounts can only be ones they never confirmed; they go with them.
    unverified_ids = list(never_verified.values_list("pk", flat=True))
    JoinRequest.objects.filter(user_id__in=unverified_ids, decided_by__isnull=True).delete()
    deleted = 0
    for account in User.objects.filter(pk__in=unverified_ids):
        try:
            with transaction.atomic():
                EmailAddress.objects.filter(user=account).delete()
                account.delete()
        except ProtectedError:  # something records this account: it stays
            continue
        deleted += 1
    texts = (
        JoinRequest.objects.filter(
            status__in=[JoinRequest.Status.DECLINED, JoinRequest.Status.WITHDRAWN],
            created_at__lt=now - datetime.timedelta(days=days["join_request_texts"]),
        )
        .exclude(message="")
        .update(message="")
    )
    sessions = Session.objects.filter(expire_date__lt=now).delete()[0]
    live = Session.objects.filter(session_key=OuterRef("session_key"))
    sessions += UserSession.objects.exclude(Exists(live)).delete()[0]
    accesses = PersonalDataAccess.objects.filter(
        at__lt=now - datetime.timedelta(days=days["data_access_log"])
    ).delete()[0]
    return {
        "unverified accounts deleted": deleted,
        "join request texts erased": texts,
        "ended sessions purged": sessions,
        "old records of data downloads trimmed": accesses,
    }
