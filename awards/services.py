"""Workflows of the prize: entering, freezing the entries, scoring, deciding, voting, publishing,
and the staff's preparation of an edition (default criteria, copying last year's).

Rules:

- Every workflow checks the edition's phase at the moment it runs (the dates decide; a form
  opened before a phase closed cannot act after it closed).
- Entering locks the edition row, then counts the zone's entries: two colleagues entering at
  the same moment cannot pass the zone's limit. A fiche is entered once (database constraint).
- When the call closes, each entry receives a frozen copy of its fiche; the jury reads it.
  Freezing is idempotent and runs from the housekeeping command and on the first jury page
  after the close.
- A sheet is saved whole or not at all: a value outside its scale, a criterion of another
  prize or a missing required value on submit refuses the whole sheet.
- Votes: one per checked-in registration (audience) or per zone (reference persons), held by
  unique constraints, so two votes sent at the same moment count once.
- Mails leave after commit through `members.mail.send_mail`.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Registration
from members.mail import send_mail
from members.models import User
from projects.models import Distinction, Project
from projects.services import replace_distinctions_for

from .models import (
    Assignment,
    Award,
    Conflict,
    Criterion,
    Edition,
    Entry,
    Juror,
    Prize,
    Score,
    Sheet,
    Vote,
)

# The fiche's fields copied for the jury, in the order of the fiche.
FROZEN_FIELDS = [
    "summary",
    "problem",
    "data",
    "causes",
    "target_group",
    "territory",
    "objectives",
    "approach",
    "rationale",
    "staffing",
    "timeline",
    "difficulties",
    "tips",
    "results",
    "lessons",
    "prerequisites",
    "adaptations",
    "kit",
]

# The default criteria of a jury-scored prize, from the domain brief: (fr, nl, en, guide in
# fr, nl, en, weight, required).
DEFAULT_CRITERIA = [
    (
        "Analyse du problème",
        "Probleemanalyse",
        "Problem analysis",
        "Le problème est-il décrit avec des données, ses causes et son public ?",
        "Is het probleem beschreven met gegevens, oorzaken en doelgroep?",
        "Is the problem described with data, its causes and its target group?",
        2,
        True,
    ),
    (
        "Objectifs clairs",
        "Duidelijke doelstellingen",
        "Clear objectives",
        "Les objectifs sont-ils précis et mesurables ?",
        "Zijn de doelstellingen precies en meetbaar?",
        "Are the objectives precise and measurable?",
        1,
        True,
    ),
    (
        "Partenariat et implication citoyenne",
        "Partnerschap en burgerbetrokkenheid",
        "Partnership and citizen involvement",
        "Les partenaires et les citoyens ont-ils pris part au projet ?",
        "Namen partners en burgers deel aan het project?",
        "Did partners and citizens take part in the project?",
        2,
        True,
    ),
    (
        "Originalité",
        "Originaliteit",
        "Originality",
        "Le projet apporte-t-il une approche nouvelle ?",
        "Brengt het project een nieuwe aanpak?",
        "Does the project bring a new approach?",
        1,
        True,
    ),
    (
        "Résultats mesurés",
        "Gemeten resultaten",
        "Measured results",
        "Les résultats sont-ils mesurés, chiffres à l'appui ?",
        "Zijn de resultaten gemeten, met cijfers?",
        "Are the results measured, with figures?",
        2,
        True,
    ),
    (
        "Coût-efficacité",
        "Kosteneffectiviteit",
        "Cost-effectiveness",
        "Les résultats valent-ils les moyens engagés ?",
        "Zijn de resultaten de ingezette middelen waard?",
        "Are the results worth the means used?",
        1,
        True,
    ),
    (
        "Transférabilité",
        "Overdraagbaarheid",
        "Transferability",
        "Une autre zone peut-elle reprendre le projet avec ce qui est décrit ?",
        "Kan een andere zone het project overnemen met wat beschreven is?",
        "Can another zone take the project over with what is described?",
        2,
        True,
    ),
    (
        "Présentation",
        "Presentatie",
        "Presentation",
        "La fiche est-elle claire et complète ?",
        "Is de fiche duidelijk en volledig?",
        "Is the fiche clear and complete?",
        1,
        False,
    ),
]


def _lock_edition(edition):
    return Edition.objects.select_for_update().get(pk=edition.pk)


# Preparing an edition


def add_default_criteria(*, prize):
    """The domain brief's eight criteria, for a jury-scored prize that has none yet."""
    if not prize.is_scored_by_jury:
        raise ValidationError(_("Only a prize scored by a jury has criteria."))
    if prize.criteria.exists():
        raise ValidationError(_("This prize already has criteria."))
    Criterion.objects.bulk_create(
        Criterion(
            prize=prize,
            name_fr=fr,
            name_nl=nl,
            name_en=en,
            guide_fr=guide_fr,
            guide_nl=guide_nl,
            guide_en=guide_en,
            weight=Decimal(weight),
            maximum=10,
            required=required,
            position=position,
        )
        for position, (fr, nl, en, guide_fr, guide_nl, guide_en, weight, required) in enumerate(
            DEFAULT_CRITERIA, start=1
        )
    )


def _a_year_later(moment):
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # 29 February
        return moment + datetime.timedelta(days=365)


@transaction.atomic
def copy_edition(*, source):
    """A new edition the year after `source`, with its dates a year later and copies of its
    prizes, criteria and panels (no entries, shortlists, sheets, votes or decisions)."""
    year = source.year + 1
    if Edition.objects.filter(year=year).exists():
        raise ValidationError(_("The %(year)s edition already exists.") % {"year": year})
    edition = Edition.objects.create(
        year=year,
        entries_per_zone=source.entries_per_zone,
        **{
            name: _a_year_later(getattr(source, name))
            for name in [
                "call_opens_at",
                "call_closes_at",
                "scoring_opens_at",
                "scoring_closes_at",
                "voting_opens_at",
                "voting_closes_at",
            ]
        },
    )
    prizes = list(source.prizes.prefetch_related("criteria", "jurors"))
    for prize in prizes:
        copy = Prize.objects.create(
            edition=edition,
            kind=prize.kind,
            method=prize.method,
            name_fr=prize.name_fr,
            name_nl=prize.name_nl,
            name_en=prize.name_en,
            position=prize.position,
            jurors_per_entry=prize.jurors_per_entry,
        )
        Criterion.objects.bulk_create(
            Criterion(
                prize=copy,
                **{
                    field: getattr(criterion, field)
                    for field in [
                        "name_fr",
                        "name_nl",
                        "name_en",
                        "guide_fr",
                        "guide_nl",
                        "guide_en",
                        "weight",
                        "maximum",
                        "required",
                        "position",
                    ]
                },
            )
            for criterion in prize.criteria.all()
        )
        Juror.objects.bulk_create(
            Juror(prize=copy, user_id=juror.user_id)
            for juror in prize.jurors.all()
            if juror.user_id
        )
    return edition


# Entering


def _check_can_enter(*, edition, project, user):
    if not edition.call_is_open():
        raise ValidationError(_("The call for entries is not open."))
    if not user.is_member:
        raise PermissionDenied
    if user.zone_id not in project.owner_zone_ids():
        raise ValidationError(_("You can only enter a fiche of your own zone."))
    if not project.is_published:
        raise ValidationError(_("Only a published fiche can be entered."))


def enter(*, edition, project, user, statement, declarations):
    """The user's zone enters one of its published fiches; `declarations` are the four
    eligibility declarations (all must be true)."""
    _check_can_enter(edition=edition, project=project, user=user)
    with transaction.atomic():
        edition = _lock_edition(edition)
        entries = Entry.objects.active().filter(edition=edition)
        if entries.filter(project=project).exists():
            raise ValidationError(_("This fiche is already entered."))
        if entries.filter(zone_id=user.zone_id).count() >= edition.entries_per_zone:
            raise ValidationError(
                _("Your zone has already entered %(limit)s fiches, the most this edition allows.")
                % {"limit": edition.entries_per_zone}
            )
        try:
            with transaction.atomic():
                return Entry.objects.create(
                    edition=edition,
                    project=project,
                    zone_id=user.zone_id,
                    entered_by=user,
                    statement=statement,
                    **{f"declares_{name}": value for name, value in declarations.items()},
                )
        except IntegrityError as error:
            raise ValidationError(_("This fiche is already entered.")) from error


def _check_entry_editable(entry, user):
    if not (user.is_member and user.zone_id == entry.zone_id) or entry.is_withdrawn:
        raise PermissionDenied
    if not entry.edition.call_is_open():
        raise ValidationError(_("The call for entries has closed: the entry can no longer change."))


def update_entry(*, entry, user, statement, declarations):
    _check_entry_editable(entry, user)
    entry.statement = statement
    for name, value in declarations.items():
        setattr(entry, f"declares_{name}", value)
    entry.save(update_fields=["statement", *(f"declares_{n}" for n in declarations), "updated_at"])


def withdraw(*, entry, user):
    _check_entry_editable(entry, user)
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["withdrawn_at", "updated_at"])


def frozen_copy(project):
    """What the jury reads of a fiche: its texts, zones, budget and the references of its
    photos and attachments, as they are now."""
    return {
        "title": project.title,
        "language": project.language,
        "owner_zone": str(project.owner_zone),
        "co_owner_zones": [str(zone) for zone in project.co_owner_zones.all()],
        "project_status": project.project_status,
        "evaluation_kind": project.evaluation_kind,
        "outcome": project.outcome,
        "sections": [
            [name, getattr(project, name)] for name in FROZEN_FIELDS if getattr(project, name)
        ],
        "budget_lines": [
            {
                "label": line.label,
                "category": line.category,
                "amount": str(line.amount),
                "funding": line.funding,
            }
            for line in project.budget_lines.all()
        ],
        "budget_total": str(project.budget_total),
        "images": [
            {"name": image.image.name, "caption": image.caption} for image in project.images.all()
        ],
        "attachments": [
            {"name": attachment.file.name, "title": attachment.title}
            for attachment in project.attachments.all()
        ],
    }


def freeze_entries(*, edition=None, now=None):
    """Copy the fiches of the entries of closed calls that have no copy yet; how many."""
    now = now or timezone.now()
    entries = Entry.objects.active().filter(frozen__isnull=True, edition__call_closes_at__lte=now)
    if edition is not None:
        entries = entries.filter(edition=edition)
    pending = list(entries.values_list("pk", "project_id"))
    if not pending:
        return 0
    projects = (
        Project.objects.filter(pk__in={pk for _, pk in pending})
        .prefetch_related("co_owner_zones", "budget_lines", "images", "attachments")
        .select_related("owner_zone")
    )
    copies = {project.pk: frozen_copy(project) for project in projects}
    with transaction.atomic():
        for entry_pk, project_pk in pending:
            Entry.objects.filter(pk=entry_pk, frozen__isnull=True).update(
                frozen=copies[project_pk], frozen_at=now
            )
        Edition.objects.filter(
            pk__in=Entry.objects.filter(pk__in=[pk for pk, _ in pending]).values("edition_id"),
            entries_frozen_at__isnull=True,
        ).update(entries_frozen_at=now)
    return len(pending)


# The jury


def declare_conflict(*, juror, entry, reason):
    if juror.prize.edition.scoring_has_closed():
        raise ValidationError(_("Scoring has closed: conflicts are declared before."))
    if not reason.strip():
        raise ValidationError(_("Say why you are in conflict with this entry."))
    sheet = Sheet.objects.filter(juror=juror, entry=entry, status=Sheet.Status.SUBMITTED)
    if sheet.exists():
        raise ValidationError(_("You have already submitted your sheet for this entry."))
    Conflict.objects.get_or_create(juror=juror, entry=entry, defaults={"reason": reason.strip()})


def _check_scoring_open(juror):
    if not juror.prize.edition.scoring_is_open():
        raise ValidationError(_("Scoring is not open: sheets can only change while it is."))


@transaction.atomic
def save_sheet(*, juror, entry, values, comments, comment, submit):
    """Save the juror's sheet for the entry: `values` maps criterion ids to a Decimal or None,
    `comments` criterion ids to text. With `submit`, every required criterion must have a
    value. Raises ValidationError (a dict per criterion id, or a message) and saves nothing."""
    _check_scoring_open(juror)
    criteria = {criterion.pk: criterion for criterion in juror.prize.criteria.all()}
    errors = {}
    for criterion_id, value in values.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("This criterion is not one of this prize."))
        if value is not None and not (0 <= value <= criterion.maximum):
            errors[criterion_id] = _("Between 0 and %(maximum)s.") % {"maximum": criterion.maximum}
    if submit:
        for criterion in criteria.values():
            if criterion.required and values.get(criterion.pk) is None:
                errors.setdefault(criterion.pk, _("Required to submit the sheet."))
    if errors:
        raise ValidationError(errors)
    sheet, _created = Sheet.objects.select_for_update().get_or_create(juror=juror, entry=entry)
    if sheet.status == Sheet.Status.SUBMITTED:
        raise ValidationError(_("This sheet is already submitted."))
    sheet.comment = comment
    sheet.status = Sheet.Status.SUBMITTED if submit else Sheet.Status.DRAFT
    sheet.submitted_at = timezone.now() if submit else None
    sheet.save(update_fields=["comment", "status", "submitted_at", "updated_at"])
    sheet.scores.all().delete()
    Score.objects.bulk_create(
        Score(
            sheet=sheet,
            criterion_id=criterion_id,
            value=values.get(criterion_id),
            comment=comments.get(criterion_id, ""),
        )
        for criterion_id in criteria
        if values.get(criterion_id) is not None or comments.get(criterion_id)
    )
    return sheet


@transaction.atomic
def abstain(*, juror, entry):
    """The juror does not score this entry; it is not lowered for it."""
    _check_scoring_open(juror)
    sheet, _created = Sheet.objects.select_for_update().get_or_create(juror=juror, entry=entry)
    if sheet.status == Sheet.Status.SUBMITTED:
        raise ValidationError(_("This sheet is already submitted."))
    sheet.status = Sheet.Status.ABSTAINED
    sheet.save(update_fields=["status", "updated_at"])
    sheet.scores.all().delete()


@transaction.atomic
def assign_jurors(*, prize):
    """Give each entry `prize.jurors_per_entry` jurors not in conflict with it, the least
    loaded first; replaces earlier assignments. Before scoring opens only. Returns the
    entries that could not get enough jurors."""
    if prize.jurors_per_entry is None:
        raise ValidationError(_("Set a number of jurors per entry first."))
    if prize.edition.scoring_has_closed() or prize.edition.scoring_is_open():
        raise ValidationError(_("Assignments are made before scoring opens."))
    jurors = list(prize.jurors.select_related("user"))
    Assignment.objects.filter(juror__prize=prize).delete()
    allowed = {
        juror.pk: set(
            Entry.objects.for_juror(juror, assigned_only=False).values_list("pk", flat=True)
        )
        for juror in jurors
    }
    load = Counter({juror.pk: 0 for juror in jurors})
    short = []
    made = []
    for entry_id in (
        Entry.objects.active().filter(edition=prize.edition).values_list("pk", flat=True)
    ):
        candidates = sorted(
            (pk for pk in load if entry_id in allowed[pk]), key=lambda pk: (load[pk], pk)
        )[: prize.jurors_per_entry]
        if len(candidates) < prize.jurors_per_entry:
            short.append(entry_id)
        for juror_id in candidates:
            load[juror_id] += 1
            made.append(Assignment(juror_id=juror_id, entry_id=entry_id))
    Assignment.objects.bulk_create(made)
    return short


# Decisions and publication


def decide(*, prize, entry, kind, citations, by):
    """Record that `entry` wins `prize` (several winners are ex aequo) or gets a mention."""
    edition = prize.edition
    if entry.edition_id != edition.pk or entry.is_withdrawn:
        raise ValidationError(_("This entry is not in this edition."))
    closed = (
        edition.scoring_has_closed() if prize.is_scored_by_jury else edition.voting_has_closed()
    )
    if not closed:
        raise ValidationError(_("The decision comes after scoring or voting has closed."))
    if edition.is_published():
        raise ValidationError(_("The results are published: the decisions can no longer change."))
    try:
        with transaction.atomic():
            return Award.objects.create(
                prize=prize,
                entry=entry,
                kind=kind,
                decided_by=by,
                **{f"citation_{language}": text for language, text in citations.items()},
            )
    except IntegrityError as error:
        raise ValidationError(_("This entry already has a decision for this prize.")) from error


def record_distinctions(edition, awards):
    """The fiches' badges and the catalogue's "Awarded" facet: the published `awards` of
    `edition` (with their prize and entry) recorded on the fiches (projects.Distinction), as
    a whole, so that recording them again changes nothing."""
    winners = Counter(award.prize_id for award in awards if award.kind == Award.Kind.WINNER)
    rows = []
    for award in awards:
        prize = award.prize
        if award.kind == Award.Kind.MENTION:
            kind = "mention"
        else:
            kind = "ex_aequo" if winners[prize.pk] > 1 else "winner"
        rows.append(
            {
                "project_id": award.entry.project_id,
                "year": edition.year,
                "year_uncertain": award.year_uncertain,
                "label_fr": prize.name_fr,
                "label_nl": prize.name_nl,
                "label_en": prize.name_en,
                "kind": kind,
                "url": edition.get_absolute_url(),
            }
        )
    return replace_distinctions_for(f"awards:{edition.year}", rows)


def sync_distinctions(edition):
    """After staff change a published decision or the publication date in the admin: the
    fiches' distinctions of `edition` as its published awards are now (none before
    publication)."""
    awards = Award.objects.filter(prize__edition=edition).select_related("prize", "entry")
    return record_distinctions(edition, awards if edition.is_published() else [])


@transaction.atomic
def publish(*, edition, by, now=None):
    """Publish the results now, and tell the winners' zones."""
    now = now or timezone.now()
    edition = _lock_edition(edition)
    if edition.is_published(now):
        raise ValidationError(_("The results are already published."))
    if not edition.voting_has_closed(now) and not edition.scoring_has_closed(now):
        raise ValidationError(_("The results are published after the jury has scored."))
    edition.results_published_at = now
    edition.save(update_fields=["results_published_at"])
    awards = _awards_to_publish(edition)
    record_distinctions(edition, awards)
    _tell_winners(edition, awards)
    return edition


def _awards_to_publish(edition):
    return Award.objects.filter(prize__edition=edition).select_related(
        "prize", "entry__zone", "entry__project"
    )


def _tell_winners(edition, awards):
    """A mail to each awarded zone (its address and its reference persons), once the results
    are published."""
    for award in awards:
        zone = award.entry.zone
        people = User.objects.filter(zone=zone, is_active=True, is_reference_person=True)
        for address, language in [
            (zone.contact_email, None),
            *people.values_list("email", "preferred_language"),
        ]:
            send_mail(
                to=address,
                template="awards/email/awarded",
                language=language,
                context={
                    "award": award,
                    "prize": award.prize,
                    "project": award.entry.project,
                    "edition": edition,
                },
            )


# Votes


def _check_voting(prize, entry):
    edition = prize.edition
    if not edition.voting_is_open():
        raise ValidationError(_("Voting is not open."))
    if entry.edition_id != edition.pk or entry.is_withdrawn:
        raise ValidationError(_("This entry is not in the vote."))


def _cast(vote):
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as error:
        raise ValidationError(_("Your vote was already counted.")) from error
    return vote


def seminar_registration(*, edition, user):
    """The user's checked-in registration at the edition's seminar, or None."""
    if edition.seminar_id is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(
        event_id=edition.seminar_id, user=user, attended=True
    ).first()


def vote_audience(*, prize, entry, user=None, registration=None):
    """A vote of a person checked in at the seminar (by their account, or a partner guest's
    registration from a signed link) for an entry of the shortlist."""
    if prize.method != Prize.Method.AUDIENCE:
        raise ValidationError(_("This prize is not voted by the audience."))
    _check_voting(prize, entry)
    if user is not None:
        registration = seminar_registration(edition=prize.edition, user=user)
    if (
        registration is None
        or registration.event_id != prize.edition.seminar_id
        or not registration.attended
    ):
        raise ValidationError(_("Only people checked in at the seminar can vote."))
    if not prize.shortlist.filter(pk=entry.pk).exists():
        raise ValidationError(_("This entry is not on the shortlist."))
    return _cast(Vote(prize=prize, entry=entry, registration=registration, voter=registration.user))


def vote_reference(*, prize, entry, user):
    """The zone's vote, cast by one of its reference persons, never for its own entry."""
    if prize.method != Prize.Method.REFERENCE_PERSONS:
        raise ValidationError(_("This prize is not voted by the reference persons."))
    _check_voting(prize, entry)
    if not (user.is_member and user.is_reference_person):
        raise PermissionDenied
    if entry.zone_id == user.zone_id or user.zone_id in entry.project.owner_zone_ids():
        raise ValidationError(_("A zone cannot vote for its own entry."))
    return _cast(Vote(prize=prize, entry=entry, zone_id=user.zone_id, voter=user))


# Housekeeping


def record_scheduled_publications(now=None):
    """Results published by their date (set in the admin) rather than by the publish button:
    once the date has come, the winners' fiches get their distinctions and their zones the
    mail that the button sends. Returns how many editions were recorded; a second run finds
    none."""
    recorded = 0
    editions = Edition.objects.published(now).filter(prizes__awards__isnull=False).distinct()
    for edition in editions:
        with transaction.atomic():
            edition = _lock_edition(edition)  # two runs at once record and mail it once
            if Distinction.objects.filter(source=f"awards:{edition.year}").exists():
                continue
            awards = _awards_to_publish(edition)
            record_distinctions(edition, awards)
            _tell_winners(edition, awards)
            recorded += 1
    return recorded


def housekeeping():
    return {
        "prize entries frozen": freeze_entries(),
        "published results recorded on the fiches": record_scheduled_publications(),
    }
