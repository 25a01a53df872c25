"""Personal data held by `projects`: the fiches a person wrote or edited, their files, and the
replication requests they sent (see members/privacy.py for the functions of every app's
privacy module)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.privacy import Section

from .models import Adoption, AdoptionEvent, CoOwnerInvitation, Project, ProjectRevision


def export(user):
    fiches = Section(
        "fiches",
        _("Fiches you wrote or edited"),
        _("Fiches belong to their zone; the history says who changed what, and when."),
    )
    for project in Project.objects.filter(created_by=user).select_related("owner_zone"):
        fiches.add(
            ("title", _("Title"), project.title),
            ("zone", _("Zone"), str(project.owner_zone)),
            ("status", _("Status"), project.get_status_display()),
            ("created_at", _("Created at"), project.created_at),
        )
    for revision in ProjectRevision.objects.filter(author=user).select_related("project"):
        fiches.add(
            ("title", _("Title"), revision.project.title),
            ("action", _("Action"), revision.action),
            ("at", _("At"), revision.created_at),
        )
    contact = Section(
        "contact",
        _("Fiches naming you as their contact"),
        _("Other zones write to the contact of a fiche to replicate it."),
    )
    for project in Project.objects.filter(contact_email__iexact=user.email):
        contact.add(
            ("title", _("Title"), project.title),
            ("contact_name", _("Contact person"), project.contact_name),
            ("contact_email", _("Contact e-mail"), project.contact_email),
        )
    adoptions = Section(
        "adoptions",
        _("Replication requests you sent"),
        _("The network records who asked whom about which project: it is its main measure."),
    )
    for adoption in Adoption.objects.filter(contacted_by=user).select_related("project", "zone"):
        adoptions.add(
            ("project", _("Project"), adoption.project.title),
            ("zone", _("Zone"), str(adoption.zone)),
            ("status", _("Status"), adoption.get_status_display()),
            ("message", _("Message"), adoption.message),
            ("first_contact", _("First contact"), adoption.created_at),
        )
    contacts = Section(
        "contacts",
        _("Messages you sent to the contact of a fiche"),
        _("Each message is kept with its date in the history of the replication."),
    )
    sent = (
        AdoptionEvent.objects.contacts()
        .filter(by=user)
        .select_related("adoption__project", "adoption__zone")
    )
    for event in sent:
        contacts.add(
            ("project", _("Project"), event.adoption.project.title),
            ("zone", _("Zone"), str(event.adoption.zone)),
            ("message", _("Message"), event.message),
            ("at", _("At"), event.at),
        )
    invitations = Section(
        "co_owner_invitations",
        _("Co-owner invitations you sent or answered"),
        _("A zone becomes co-owner of a fiche when its reference person accepts."),
    )
    sent_or_answered = CoOwnerInvitation.objects.filter(Q(invited_by=user) | Q(decided_by=user))
    for invitation in sent_or_answered.select_related("project", "zone"):
        invitations.add(
            ("project", _("Project"), invitation.project.title),
            ("zone", _("Invited zone"), str(invitation.zone)),
            ("status", _("Status"), invitation.get_status_display()),
            ("invited_at", _("Invited at"), invitation.created_at),
            ("answered_at", _("Answered at"), invitation.decided_at),
        )
    return [fiches, contact, adoptions, contacts, invitations]


def anonymise(user, now):
    """Fiches, their history and replication records stay with their zone (shown as written by
    a former member). A fiche that names the person as its contact gets its zone's mailbox
    instead, or loses the name only when the zone has none."""
    named = Project.objects.filter(
        Q(contact_email__iexact=user.email) & ~Q(contact_email="")
    ).select_related("owner_zone")
    for project in named:
        project.contact_name = ""
        project.contact_email = project.owner_zone.contact_email or ""
        project.save(update_fields=["contact_name", "contact_email"])
