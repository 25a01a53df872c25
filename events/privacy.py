"""Personal data held by `events`: a person's registrations, their answers and consents
(see members/privacy.py for the functions every app's privacy module provides)."""

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from members.privacy import Section

from .models import ConsentChange, Registration


def _registrations_of(user):
    return (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related(Prefetch("consent_changes", queryset=ConsentChange.objects.all()))
        .order_by("event__starts_at")
    )


def export(user):
    section = Section(
        "registrations",
        _("Registrations for events"),
        _(
            "To welcome you at the association's events; needs are erased after the event,"
            " consents are kept with their date."
        ),
    )
    for registration in _registrations_of(user):
        consents = "; ".join(
            f"{change.get_kind_display()}: {_('yes') if change.given else _('no')}"
            f" ({change.at:%Y-%m-%d %H:%M})"
            for change in registration.consent_changes.all()
        )
        section.add(
            ("event", _("Event"), registration.event.title),
            ("starts_at", _("Date"), registration.event.starts_at),
            ("status", _("Status"), registration.get_status_display()),
            ("attended", _("Attended"), registration.attended),
            ("dietary_needs", _("Dietary needs"), registration.dietary_needs),
            ("accessibility_needs", _("Accessibility needs"), registration.accessibility_needs),
            ("photo_consent", _("Agrees to be photographed"), registration.photo_consent),
            ("photo_consent_at", _("Photo consent given at"), registration.photo_consent_at),
            ("publication_consent", _("Agrees to publication"), registration.publication_consent),
            (
                "publication_consent_at",
                _("Publication consent given at"),
                registration.publication_consent_at,
            ),
            ("consent_history", _("Consent history"), consents),
        )
    return [section]


ERASED = {
    "guest_name": "",
    "guest_organisation": "",
    "email": "",
    "dietary_needs": "",
    "accessibility_needs": "",
    "photo_consent": False,
    "publication_consent": False,
}


def anonymise(user, now):
    """Registrations keep their status and attendance (the counts of every event and the
    indicators stay); they lose the name, the answers and the consents."""
    Registration.objects.filter(user=user).update(**ERASED, anonymised_at=now)


def purge(now):
    """Partner guests are anonymised some months after their event; counts and attendance stay."""
    days = settings.RETENTION_DAYS["partner_guests"]
    guests = Registration.objects.filter(
        user__isnull=True,
        anonymised_at__isnull=True,
        event__ends_at__lt=now - datetime.timedelta(days=days),
    ).filter(~Q(guest_name="") | ~Q(email="") | ~Q(guest_organisation=""))
    return {"partner guests anonymised": guests.update(**ERASED, anonymised_at=now)}
