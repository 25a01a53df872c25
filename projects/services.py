"""Workflows of a fiche: writing it, its review by staff, and its replication by other zones.

Nothing is cached: the catalogue's own tables follow every write to a fiche through database
triggers (see projects.listing), so a change shows at once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Adoption, Partner, Project, ProjectRevision

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


def _changes(form, before):
    return {
        name: {
            "label": str(form.fields[name].label),
            "old": before.get(name, ""),
            "new": _shown(form.cleaned_data.get(name)),
        }
        for name in form.changed_data
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
    """Create or edit a fiche from its form; the owner zone of a new fiche is the author's."""
    before = _snapshot(form.instance, form.changed_data)
    creating = form.instance.pk is None
    project = form.save(commit=False)
    if creating:
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
    record(
        project,
        by=by,
        action="created" if creating else "edited",
        changes={} if creating else _changes(form, before),
    )
    return project


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


@transaction.atomic
def publish(*, project, visibility, by):
    """Publish a fiche sent for review, or change the audience of a published one."""
    if project.status not in {Project.Status.SUBMITTED, Project.Status.PUBLISHED}:
        raise ValidationError(_("Only a fiche sent for review can be published."))
    project.publish(visibility=visibility)
    record(project, by=by, action="published", changes={"visibility": {"new": visibility}})


@transaction.atomic
def send_back(*, project, comment, by):
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("Only a fiche waiting for review can be sent back."))
    project.send_back(comment=comment)
    record(project, by=by, action="sent_back", changes={"comment": {"new": comment}})
    author = project.created_by
    transaction.on_commit(
        lambda: _mail(
            author.preferred_language,
            [author.email],
            "sent_back",
            {"project": project, "comment": comment, "user": author},
        )
    )


@transaction.atomic
def archive(*, project, by):
    if project.is_archived:
        return
    project.archive()
    record(project, by=by, action="archived")


def _mail(language, recipients, template, context):
    with translation.override(language):
        # One line: a title forged with a line break must not make the mail a bad header.
        subject = render_to_string(f"projects/email/{template}_subject.txt", context)
        subject = " ".join(subject.split())
        body = render_to_string(f"projects/email/{template}_body.txt", context)
    send_mail(subject, body, None, recipients)


@transaction.atomic
def express_interest(*, project, user, message):
    """A zone tells the fiche's contact it is interested; asking again updates the record."""
    if not user.is_member:
        raise ValidationError(_("Only members of a zone can ask about a project."))
    if user.zone_id in project.owner_zone_ids():
        raise ValidationError(_("Your zone owns this project: it cannot replicate it."))
    adoption, created = Adoption.objects.select_for_update().get_or_create(
        project=project,
        zone_id=user.zone_id,
        defaults={"contacted_by": user, "message": message},
    )
    if not created:
        adoption.message = message
        adoption.contacted_by = user
        if adoption.status == Adoption.Status.DROPPED:
            adoption.status = Adoption.Status.INTERESTED
        adoption.save(update_fields=["message", "contacted_by", "status", "updated_at"])
    context = {"project": project, "user": user, "zone": user.zone, "message": message}
    languages = {code for code, _name in settings.LANGUAGES}
    language = project.language if project.language in languages else settings.LANGUAGE_CODE
    transaction.on_commit(lambda: _mail(language, [project.contact_email], "interest", context))
    return adoption, created


@transaction.atomic
def update_adoption(*, adoption, status, implemented_on=None, note=""):
    adoption.status = status
    adoption.note = note
    if status == Adoption.Status.IMPLEMENTED:
        adoption.implemented_on = implemented_on or timezone.localdate()
    adoption.save(update_fields=["status", "note", "implemented_on", "updated_at"])
    return adoption
