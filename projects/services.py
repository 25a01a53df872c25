"""Workflows of a fiche: writing it, its review by staff, and its replication by other zones.

Nothing is cached: the catalogue's own tables follow every write to a fiche through database
triggers (see projects.listing), so a change shows at once.

Co-owners agree: a zone named as co-owner is invited, its reference persons are mailed, and
the zone becomes co-owner (edit, submit, archive, and the fiche on its page) only when one of
them accepts.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.links import absolute_url
from members.mail import send_mail
from members.models import User

from .models import (
    Adoption,
    AdoptionEvent,
    CoOwnerInvitation,
    Distinction,
    Partner,
    Project,
    ProjectRevision,
)

# Longer values are cut in the history: it says what changed, not a second copy of the fiche.
REVISION_VALUE_LIMIT = 300


def _shown(value):
    if hasattr(value, "all"):  # a many-to-many manager: the rows it holds
        value = value.all()
    if isinstance(value, (QuerySet, list, tuple, set)):
        return ", ".join(sorted(str(item) for item in value))
    text = "" if value is None else str(value)
    return text if len(text) <= REVISION_VALUE_LIMIT else text[:REVISION_VALUE_LIMIT] + "…"


def record(project, *, by, action, changes=None):
    ProjectRevision.objects.create(project=project, author=by, action=action, changes=changes or {})


def _changes(form, before, names):
    return {
        name: {
            "label": str(form.fields[name].label),
            "old": before.get(name, ""),
            "new": _shown(form.cleaned_data.get(name)),
        }
        for name in names
    }


def _snapshot(project, names):
    """The values as stored. They are read from the database: by the time a form is valid,
    it has already copied the new values onto `project` (ModelForm._post_clean)."""
    if project.pk is None:
        return {}
    stored = Project.objects.get(pk=project.pk)
    return {name: _shown(getattr(stored, name, "")) for name in names}


@transaction.atomic
def save_project(*, form, by, zone=None):
    """Create or edit a fiche from its form, on the site or in the admin. The owner zone of a
    new fiche is the author's, unless the form names it (staff, in the admin)."""
    # Co-owner zones named in the form are invited, not written: see name_co_owners.
    names = [name for name in form.changed_data if name != "co_owner_zones"]
    before = _snapshot(form.instance, names)
    creating = form.instance.pk is None
    project = form.save(commit=False)
    if creating:
        if zone is not None or project.owner_zone_id is None:
            project.owner_zone = zone or by.zone
        project.created_by = by
    project.save()
    form.save_m2m()
    if form.cleaned_data.get("new_partner_name"):
        partner, _created = Partner.objects.get_or_create(
            name=form.cleaned_data["new_partner_name"].strip(),
            kind=form.cleaned_data["new_partner_kind"],
        )
        project.partners.add(partner)
    changes = {} if creating else _changes(form, before, names)
    if creating or changes:
        record(project, by=by, action="created" if creating else "edited", changes=changes)
    if "co_owner_zones" in form.changed_data:
        name_co_owners(project=project, zones=form.cleaned_data["co_owner_zones"], by=by)
    return project


# Co-owners


@transaction.atomic
def name_co_owners(*, project, zones, by):
    """The co-owner zones the fiche should have: a zone newly named is invited (its reference
    persons are mailed), a pending invitation no longer named is withdrawn, a co-owner no
    longer named stops being one."""
    now = timezone.now()
    wanted = {zone.pk: zone for zone in zones if zone.pk != project.owner_zone_id}
    current = {zone.pk: zone for zone in project.co_owner_zones.all()}
    pending = {
        invitation.zone_id: invitation
        for invitation in project.co_owner_invitations.pending().select_for_update()
    }
    removed = [zone for pk, zone in current.items() if pk not in wanted]
    if removed:
        project.co_owner_zones.remove(*removed)
        record(project, by=by, action="co-owners removed", changes=_zones("old", removed))
    withdrawn = [invitation for pk, invitation in pending.items() if pk not in wanted]
    for invitation in withdrawn:
        invitation.status = CoOwnerInvitation.Status.WITHDRAWN
        invitation.decided_by, invitation.decided_at = by, now
        invitation.save(update_fields=["status", "decided_by", "decided_at"])
    invited = []
    for pk, zone in sorted(wanted.items()):
        if pk in current or pk in pending:
            continue
        try:
            with transaction.atomic():
                invitation = CoOwnerInvitation.objects.create(
                    project=project, zone=zone, invited_by=by, created_at=now
                )
        except IntegrityError:
            continue  # invited by another request at the same instant
        invited.append(zone)
        _mail_invitation(invitation)
    if invited:
        record(project, by=by, action="co-owners invited", changes=_zones("new", invited))


def _zones(side, zones):
    return {"co_owner_zones": {"label": str(_("co-owner zones")), side: _shown(zones)}}


def _mail_invitation(invitation):
    """To each reference person of the invited zone, in their language; to the zone's mailbox
    when it has none yet."""
    context = {
        "project": invitation.project,
        "zone": invitation.zone,
        "invited_by": invitation.invited_by,
        "owner_zone": invitation.project.owner_zone,
        "invitations_url": absolute_url(reverse("projects:invitations")),
    }
    people = list(
        User.objects.filter(zone=invitation.zone, is_reference_person=True, is_active=True)
    )
    _mail_people(people, "co_owner_invitation", context)
    if not people:
        send_mail(
            to=invitation.zone.contact_email,
            template="projects/email/co_owner_invitation",
            context=context,
        )


def _lock_invitation(invitation, by):
    locked = (
        CoOwnerInvitation.objects.select_for_update(of=("self",))
        .select_related("project", "zone")
        .get(pk=invitation.pk)
    )
    if not by.manages_zone(locked.zone):
        raise PermissionDenied
    return locked


def _answer(invitation, by, status):
    invitation.status = status
    invitation.decided_by, invitation.decided_at = by, timezone.now()
    invitation.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def accept_co_ownership(*, invitation, by):
    """A reference person of the invited zone (or staff) accepts: the zone becomes co-owner.
    Returns (invitation, changed); an invitation already answered changes nothing."""
    locked = _lock_invitation(invitation, by)
    if not locked.is_pending:
        return locked, False
    _answer(locked, by, CoOwnerInvitation.Status.ACCEPTED)
    project = locked.project
    project.co_owner_zones.add(locked.zone)
    record(project, by=by, action="co-owner accepted", changes=_zones("new", [locked.zone]))
    return locked, True


@transaction.atomic
def decline_co_ownership(*, invitation, by):
    locked = _lock_invitation(invitation, by)
    if not locked.is_pending:
        return locked, False
    _answer(locked, by, CoOwnerInvitation.Status.DECLINED)
    record(locked.project, by=by, action="co-owner declined", changes=_zones("old", [locked.zone]))
    return locked, True


@transaction.atomic
def save_budget(*, project, formset, by):
    formset.save()
    project.update_budget_total()
    record(project, by=by, action="budget", changes={"total": {"new": str(project.budget_total)}})


@transaction.atomic
def add_file(*, project, instance, by, action):
    instance.project = project
    instance.uploaded_by = by
    instance.save()
    record(project, by=by, action=action, changes={"file": {"new": str(instance)}})


@transaction.atomic
def remove_file(*, instance, by, action):
    project = instance.project
    record(project, by=by, action=action, changes={"file": {"old": str(instance)}})
    instance.delete()


@transaction.atomic
def submit(*, project, by):
    if project.status != Project.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    project.submit(by=by)
    record(project, by=by, action="submitted")
    context = {
        "project": project,
        "zone": project.owner_zone,
        "by": by,
        "review_url": absolute_url(reverse("projects:review", args=[project.slug])),
    }
    _mail_people(User.objects.filter(is_staff=True, is_active=True), "submitted", context)


@transaction.atomic
def publish(*, project, visibility, by):
    """Publish a fiche sent for review, or change the audience of a published one."""
    if project.status not in {Project.Status.SUBMITTED, Project.Status.PUBLISHED}:
        raise ValidationError(_("Only a fiche sent for review can be published."))
    newly_published = project.status == Project.Status.SUBMITTED
    project.publish(visibility=visibility)
    record(project, by=by, action="published", changes={"visibility": {"new": visibility}})
    if newly_published:  # a change of audience of a published fiche is not news
        _mail_people(project.authors(), "published", _fiche_context(project))


@transaction.atomic
def send_back(*, project, comment, by):
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("Only a fiche waiting for review can be sent back."))
    project.send_back(comment=comment)
    record(project, by=by, action="sent_back", changes={"comment": {"new": comment}})
    context = {**_fiche_context(project), "comment": comment}
    _mail_people(project.authors(), "sent_back", context)


@transaction.atomic
def archive(*, project, by):
    if project.is_archived:
        return
    project.archive()
    record(project, by=by, action="archived")


def _fiche_context(project):
    return {
        "project": project,
        "project_url": absolute_url(project.get_absolute_url()),
        "edit_url": absolute_url(reverse("projects:edit", args=[project.slug])),
    }


def _mail_people(people, template, context):
    """One mail per person, in their own language, after commit."""
    for person in people:
        send_mail(
            to=person.email,
            template=f"projects/email/{template}",
            context={**context, "user": person},
            language=person.preferred_language,
        )


def _record_contact(adoption, user, message):
    """The contact, dated, with the day its mail leaves, unless this person already wrote
    about this fiche today (then it is recorded without a mail); True when it is mailed."""
    today = timezone.localdate()
    already = AdoptionEvent.objects.filter(
        adoption__project_id=adoption.project_id, by=user, mailed_on=today
    ).exists()
    event = AdoptionEvent(
        adoption=adoption,
        kind=AdoptionEvent.Kind.CONTACT,
        by=user,
        status=adoption.status,
        message=message,
        mailed_on=None if already else today,
    )
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:  # the same person, the same second, in another request
        event.pk, event.mailed_on = None, None
        event.save()
    return event.mailed_on is not None


@transaction.atomic
def express_interest(*, project, user, message):
    """A zone tells the fiche's contact it is interested.

    The first contact creates the zone's replication record; asking again adds a dated contact
    to its history and never overwrites the first message or sender. The contact gets the mail
    with the asker's address as Reply-To, the asker a copy, at most once per person and fiche
    a day: asking again the same day is recorded without a mail. Returns (adoption, created,
    mailed)."""
    if not user.is_member:
        raise ValidationError(_("Only members of a zone can ask about a project."))
    if user.zone_id in project.owner_zone_ids():
        raise ValidationError(_("Your zone owns this project: it cannot replicate it."))
    adoption, created = Adoption.objects.select_for_update().get_or_create(
        project=project,
        zone_id=user.zone_id,
        defaults={"contacted_by": user, "message": message},
    )
    if not created and adoption.status == Adoption.Status.DROPPED:
        _change_status(adoption, Adoption.Status.INTERESTED, by=user)
        adoption.save(update_fields=["status", "updated_at"])
    elif not created:
        adoption.save(update_fields=["updated_at"])
    mailed = _record_contact(adoption, user, message)
    if mailed:
        context = {
            "project": project,
            "user": user,
            "zone": user.zone,
            "message": message,
            "project_url": absolute_url(project.get_absolute_url()),
        }
        send_mail(
            to=project.contact_email,
            template="projects/email/interest",
            context=context,
            language=project.language,
            reply_to=[user.email],
        )
        send_mail(
            to=user.email,
            template="projects/email/interest_copy",
            context={**context, "contact_email": project.contact_email},
            language=user.preferred_language,
        )
    return adoption, created, mailed


@transaction.atomic
def add_adoption(*, adoption):
    """A replication entered by hand (staff in the admin, the demo data): saved with its
    first contact in the history, dated when the record says it began."""
    adoption.save()
    return AdoptionEvent.objects.create(
        adoption=adoption,
        kind=AdoptionEvent.Kind.CONTACT,
        at=adoption.created_at,
        by=adoption.contacted_by,
        status=adoption.status,
        message=adoption.message,
    )


def _change_status(adoption, status, *, by):
    """Set the status and date the change in the history (nothing when it stays the same)."""
    if adoption.status == status:
        return
    adoption.status = status
    AdoptionEvent.objects.create(
        adoption=adoption, kind=AdoptionEvent.Kind.STATUS, by=by, status=status
    )


@transaction.atomic
def update_adoption(*, adoption, status, by, implemented_on=None, note=""):
    """The adopting zone's follow-up (or staff's in the admin); each change of status dated."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    _change_status(adoption, status, by=by)
    adoption.note = note
    if status == Adoption.Status.IMPLEMENTED:
        adoption.implemented_on = implemented_on or timezone.localdate()
    adoption.save(update_fields=["status", "note", "implemented_on", "updated_at"])
    return adoption


# Distinctions


@transaction.atomic
def replace_distinctions_for(source, rows):
    """Record the distinctions of the results `source` (e.g. "awards:2020") as exactly `rows`:
    the ones it recorded before and not in `rows` go, the others are kept, the new ones are
    added. Idempotent: recording the same results twice changes nothing. Each row is a dict of
    Distinction fields: project (or project_id), year, label_fr, label_nl, label_en, and
    optionally kind, year_uncertain, url. Returns the source's distinctions."""
    wanted = {}
    for row in rows:
        row = dict(row)
        project = row.pop("project", None)
        if project is not None:
            row["project_id"] = project.pk
        wanted[(row["project_id"], row["label_en"], row["year"])] = row
    existing = {
        (d.project_id, d.label_en, d.year): d for d in Distinction.objects.filter(source=source)
    }
    gone = [distinction.pk for key, distinction in existing.items() if key not in wanted]
    Distinction.objects.filter(pk__in=gone).delete()
    fields = ["label_fr", "label_nl", "kind", "year_uncertain", "url"]
    changed = []
    for key, row in wanted.items():
        distinction = existing.get(key)
        if distinction is None:
            continue
        for name in fields:
            if name in row:
                setattr(distinction, name, row[name])
        changed.append(distinction)
    Distinction.objects.bulk_update(changed, fields)
    Distinction.objects.bulk_create(
        [Distinction(source=source, **row) for key, row in wanted.items() if key not in existing]
    )
    return Distinction.objects.filter(source=source)
