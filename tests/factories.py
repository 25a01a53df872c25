"""Plain factory functions: each makes one valid object, keyword arguments override."""

import datetime
import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from members.models import JoinRequest, Membership, User, Zone

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_sequence = itertools.count(1)


def make_zone(*, member_since=datetime.date(2018, 1, 1), **fields):
    n = next(_sequence)
    fields.setdefault("name", f"Zone {n}")
    fields.setdefault("number", f"{9000 + n % 1000:04d}")
    fields.setdefault("region", "wallonia")
    zone = Zone.objects.create(**fields)
    if member_since:
        Membership.objects.create(zone=zone, start=member_since)
    return zone


def make_user(*, zone=None, reference=False, staff=False, totp=False, verified=True, **fields):
    n = next(_sequence)
    fields.setdefault("email", f"person{n}@police.belgium.eu")
    fields.setdefault("first_name", f"First{n}")
    fields.setdefault("last_name", f"Last{n}")
    user = User.objects.create_user(
        password=PASSWORD,
        zone=zone,
        is_reference_person=reference,
        is_staff=staff,
        is_superuser=staff,
        **fields,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    if zone is not None:
        JoinRequest.objects.create(user=user, zone=zone, status=JoinRequest.Status.APPROVED)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


def make_join_request(*, user=None, zone=None, **fields):
    return JoinRequest.objects.create(user=user or make_user(), zone=zone or make_zone(), **fields)


def current_totp_code(secret=TOTP_SECRET):
    """The code an authenticator app shows now (the middle of the tolerated window)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
