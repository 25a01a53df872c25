"""Plain factory functions: each makes one valid object, keyword arguments override."""

import datetime
import itertools
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.utils import timezone

from members.models import JoinRequest, Membership, User, Zone
from projects.models import Adoption, BudgetLine, Distinction, Project

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


def make_project(*, zone=None, status="published", visibility="public", by=None, **fields):
    """A fiche of `zone` (a new zone by default), published publicly unless told otherwise;
    the workflow dates match the status."""
    n = next(_sequence)
    zone = zone or make_zone()
    now = timezone.now()
    fields.setdefault("title", f"Project {n}")
    fields.setdefault("summary", f"Summary of project {n}: what was done and how.")
    fields.setdefault("contact_email", f"contact{n}@police.belgium.eu")
    if status in {Project.Status.SUBMITTED, Project.Status.PUBLISHED, Project.Status.ARCHIVED}:
        fields.setdefault("submitted_at", now)
    if status in {Project.Status.PUBLISHED, Project.Status.ARCHIVED}:
        fields.setdefault("published_at", now)
    if status == Project.Status.ARCHIVED:
        fields.setdefault("archived_at", now)
    return Project.objects.create(
        owner_zone=zone,
        created_by=by or make_user(zone=zone),
        status=status,
        visibility=visibility,
        **fields,
    )


def make_budget_line(*, project=None, **fields):
    """A budget line; the fiche's budget_total is brought up to date, as the site does."""
    project = project or make_project()
    fields.setdefault("label", "Flyers")
    fields.setdefault("category", BudgetLine.Category.COMMUNICATION)
    fields.setdefault("amount", Decimal("250.00"))
    fields.setdefault("funding", BudgetLine.Funding.ZONE)
    line = BudgetLine.objects.create(project=project, **fields)
    project.update_budget_total()
    return line


def make_adoption(*, project=None, zone=None, by=None, **fields):
    """Another zone's interest in a fiche (a new published fiche and a new zone by default)."""
    project = project or make_project()
    zone = zone or make_zone()
    fields.setdefault("status", Adoption.Status.INTERESTED)
    if fields["status"] == Adoption.Status.IMPLEMENTED:
        fields.setdefault("implemented_on", timezone.localdate())
    return Adoption.objects.create(
        project=project, zone=zone, contacted_by=by or make_user(zone=zone), **fields
    )


_distinctions = itertools.count(1)


def make_distinction(*, project, year=2020, **fields):
    """A prize the fiche received (as the prize's publication records it)."""
    label = fields.pop("label", f"Prix {next(_distinctions)}")
    for language in ("fr", "nl", "en"):
        fields.setdefault(f"label_{language}", label)
    fields.setdefault("source", f"test:{year}")
    return Distinction.objects.create(project=project, year=year, **fields)
