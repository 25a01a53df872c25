"""A person's data across the apps: what the "my data" page shows, the JSON download, account
closing and the retention housekeeping. Each app says what it holds in its own `privacy.py`
(`export`, `anonymise`, and `purge` for its retention rules); this module only assembles them.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events import privacy as events_privacy
from members import privacy as members_privacy
from members.models import PersonalDataAccess, User
from projects import privacy as projects_privacy

from .models import DigestEntry, Following

# members last when closing: the other apps find the person by their address first.
PARTS = [events_privacy, projects_privacy, members_privacy]
EXPORT_ORDER = [members_privacy, events_privacy, projects_privacy]

# What each period of settings.RETENTION_DAYS does, as the privacy notice says it.
RETENTION_RULES = [
    ("unverified_accounts", _("An account whose e-mail address was never verified is deleted")),
    (
        "join_request_texts",
        _("The message of a declined or withdrawn request to join a zone is erased"),
    ),
    (
        "event_needs",
        _("Dietary and accessibility needs are erased, counted from the end of the event"),
    ),
    (
        "partner_guests",
        _(
            "A partner guest's name, organisation and address are anonymised, counted from the"
            " end of the event (attendance is kept without the name)"
        ),
    ),
    ("data_access_log", _("The record of who downloaded personal data is deleted")),
]


def retention_notice():
    """(rule, days) for the privacy notice, from the table the housekeeping applies."""
    return [(text, settings.RETENTION_DAYS[key]) for key, text in RETENTION_RULES]


def _following_section(user):
    """What the person follows for the weekly digest (this app's own part)."""
    section = members_privacy.Section(
        "following",
        _("What you follow"),
        _(
            "To send you the weekly digest of new fiches and events; nothing is followed unless"
            " you choose it."
        ),
    )
    following = Following.objects.filter(user=user).prefetch_related("themes", "zones").first()
    if following is not None:
        section.add(
            ("themes", _("Themes"), ", ".join(str(theme) for theme in following.themes.all())),
            ("zones", _("Zones"), ", ".join(str(zone) for zone in following.zones.all())),
            ("since", _("Following since"), following.since),
        )
    return section


def collect(user):
    """Every section of every app, in the order the page shows them."""
    sections = [section for part in EXPORT_ORDER for section in part.export(user)]
    return [*sections, _following_section(user)]


def as_json(user):
    """The same data, machine-readable (keys, not labels), in one document."""
    with translation.override("en"):
        sections = collect(user)
        document = {
            "generated_at": timezone.now(),
            "sections": {
                section.key: {
                    "title": str(section.title),
                    "purpose": str(section.purpose),
                    "records": [{key: value for key, _label, value in row} for row in section.rows],
                }
                for section in sections
            },
        }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_for_staff(*, user, by, reason=""):
    """Staff answering a data-subject request: the export, with a record of who made it."""
    PersonalDataAccess.record(
        by=by, kind=PersonalDataAccess.Kind.EXPORT, subject=user, detail=user.email, reason=reason
    )
    return as_json(user)


def last_reference_person(user):
    """True when closing this account leaves the person's zone without a reference person."""
    if not (user.is_reference_person and user.zone_id):
        return False
    return not (
        User.objects.filter(zone_id=user.zone_id, is_reference_person=True, is_active=True)
        .exclude(pk=user.pk)
        .exists()
    )


@transaction.atomic
def close_account(*, user, by=None, reason=""):
    """Close the account for good: the person can no longer be identified, every count stays.

    `by` is staff closing it on the person's behalf (a request received by post or e-mail);
    the reason is recorded with it."""
    now = timezone.now()
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.closed_at:
        return locked
    if by is not None and by.pk != locked.pk:
        PersonalDataAccess.record(
            by=by,
            kind=PersonalDataAccess.Kind.CLOSURE,
            subject=locked,
            detail=str(locked.pk),
            reason=reason,
        )
    # A closed account gets no digest: what it followed and was sent goes.
    Following.objects.filter(user=locked).delete()
    DigestEntry.objects.filter(user=locked).delete()
    for part in PARTS:
        part.anonymise(locked, now)
    return locked


def housekeeping(now=None):
    """Apply the retention table (settings.RETENTION_DAYS) in every app; idempotent."""
    now = now or timezone.now()
    done = {}
    for part in PARTS:
        purge = getattr(part, "purge", None)
        if purge is not None:
            done.update(purge(now))
    return done
