"""Demo data of the prize: past editions with the real winners the association's brief names,
and a current edition in its scoring phase.

- 2020: Liège's street-harassment project, jury prize and reference persons' prize;
- 2023: Gent's "Framed", jury prize, and Waterloo's "Quoi de Neuf Docteur ?", originality
  prize;
- TeamSchool (jury and audience prizes) and Hortense Padup (originality prize): the sources do
  not give the year; they are shown in a 2019 edition, marked "year unknown";
- this year: entries from several zones, the demo juror (no zone) on the jury prize with one
  sheet submitted and one draft, and PolBru's reference person on the jury too, whose own
  zone's entry is an automatic conflict.

Called by `seed_demo` after the projects' and events' demo data; idempotent: each edition is
made once, with everything in it.
"""

import datetime
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from events.models import Event
from members.demo import DEMO_TOTP_SECRET
from members.models import User, Zone
from projects.models import Project

from . import services
from .models import Award, Edition, Entry, Juror, Prize, Score, Sheet

PRIZE_NAMES = {
    Prize.Kind.JURY: ("Prix du jury", "Juryprijs", "Jury prize"),
    Prize.Kind.ORIGINALITY: ("Prix de l'originalité", "Originaliteitsprijs", "Originality prize"),
    Prize.Kind.AUDIENCE: ("Prix du public", "Publieksprijs", "Audience prize"),
    Prize.Kind.REFERENCE_PERSONS: (
        "Prix des personnes de référence",
        "Prijs van de referentiepersonen",
        "Reference persons' prize",
    ),
    Prize.Kind.QUEBEC: ("Trophée Québec", "Trofee Québec", "Québec trophy"),
}
STATEMENT = "Dossier de démonstration : pourquoi ce projet mérite le prix."


def _aware(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _dates(year):
    """A past edition's phases: call in spring, scoring in summer, the seminar in autumn."""
    return {
        "call_opens_at": _aware(year, 3, 1),
        "call_closes_at": _aware(year, 5, 31),
        "scoring_opens_at": _aware(year, 6, 15),
        "scoring_closes_at": _aware(year, 9, 15),
        "voting_opens_at": _aware(year, 10, 15, 9),
        "voting_closes_at": _aware(year, 10, 15, 16),
        "results_published_at": _aware(year, 10, 15, 18),
    }


def _prize(edition, kind, position):
    fr, nl, en = PRIZE_NAMES[kind]
    prize, _created = Prize.objects.get_or_create(
        edition=edition,
        kind=kind,
        defaults={
            "method": Prize.METHOD_OF_KIND[kind],
            "name_fr": fr,
            "name_nl": nl,
            "name_en": en,
            "position": position,
        },
    )
    if prize.is_scored_by_jury and not prize.criteria.exists():
        services.add_default_criteria(prize=prize)
    return prize


def _entry(edition, project, **fields):
    entry = Entry.objects.create(
        edition=edition,
        project=project,
        zone=project.owner_zone,
        statement=STATEMENT,
        declares_evaluated=True,
        declares_partnership=True,
        declares_community=True,
        declares_replicable=True,
        created_at=edition.call_opens_at + datetime.timedelta(days=10),
        **fields,
    )
    Entry.objects.filter(pk=entry.pk).update(
        frozen=services.frozen_copy(project), frozen_at=edition.call_closes_at
    )
    return entry


def _project(title, zone_name, summary):
    zone = Zone.objects.get(name=zone_name)
    project, _created = Project.objects.get_or_create(
        title=title,
        owner_zone=zone,
        defaults={
            "summary": summary,
            "contact_email": f"proximite.{zone.slug}@police.belgium.eu",
            "status": Project.Status.PUBLISHED,
            "visibility": Project.Visibility.PUBLIC,
            "published_at": _aware(2023, 6, 1),
            "created_by": User.objects.get(email="staff@intersection.demo"),
        },
    )
    return project


def _past_edition(year, winners):
    """winners: (project, prize kind, year uncertain, citation in fr, nl, en)."""
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        edition = _create_past_edition(year, winners)
    # The badges and the catalogue's "Awarded" facet, as publishing them records them.
    services.record_distinctions(
        edition, Award.objects.filter(prize__edition=edition).select_related("prize", "entry")
    )
    return edition


def _create_past_edition(year, winners):
    edition = Edition.objects.create(year=year, **_dates(year))
    kinds = sorted({kind for _project, kind, *_ in winners}, key=list(PRIZE_NAMES).index)
    prizes = {kind: _prize(edition, kind, position) for position, kind in enumerate(kinds)}
    entries = {}
    for project, kind, uncertain, citations in winners:
        if project.pk not in entries:
            entries[project.pk] = _entry(edition, project)
        Award.objects.create(
            prize=prizes[kind],
            entry=entries[project.pk],
            year_uncertain=uncertain,
            citation_fr=citations[0],
            citation_nl=citations[1],
            citation_en=citations[2],
            decided_at=edition.results_published_at,
        )
    return edition


def _second_factor(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def _current_edition(today):
    year = today.year
    edition = Edition.objects.filter(year=year).first()
    if edition is not None:
        return edition
    now = timezone.now()
    seminar = Event.objects.filter(slug="demo-seminaire-a-venir").first()
    edition = Edition.objects.create(
        year=year,
        seminar=seminar,
        call_opens_at=now - datetime.timedelta(days=90),
        call_closes_at=now - datetime.timedelta(days=20),
        scoring_opens_at=now - datetime.timedelta(days=14),
        scoring_closes_at=now + datetime.timedelta(days=30),
        voting_opens_at=(seminar.starts_at if seminar else now + datetime.timedelta(days=75)),
        voting_closes_at=(
            seminar.ends_at if seminar else now + datetime.timedelta(days=75, hours=8)
        ),
    )
    jury = _prize(edition, Prize.Kind.JURY, 0)
    _prize(edition, Prize.Kind.ORIGINALITY, 1)
    _prize(edition, Prize.Kind.AUDIENCE, 2)
    _prize(edition, Prize.Kind.REFERENCE_PERSONS, 3)
    entries = [
        _entry(edition, Project.objects.get(title=title))
        for title in ["Véloflic", "Senior Focus", "TeamSchool", "Hortense Padup"]
    ]
    juror_user = User.objects.get(email="juror@intersection.demo")
    colleague = User.objects.get(email="reference.polbru@intersection.demo")
    for user in (juror_user, colleague):
        _second_factor(user)
    juror = Juror.objects.create(prize=jury, user=juror_user)
    Juror.objects.create(prize=jury, user=colleague)  # PolBru: Véloflic is their conflict
    criteria = list(jury.criteria.all())
    submitted = Sheet.objects.create(
        juror=juror,
        entry=entries[1],
        status=Sheet.Status.SUBMITTED,
        submitted_at=now - datetime.timedelta(days=2),
        comment="Un projet simple, repris par plus de 40 zones : exemplaire.",
    )
    Score.objects.bulk_create(
        Score(sheet=submitted, criterion=criterion, value=Decimal(value))
        for criterion, value in zip(criteria, [8, 7, 9, 6, 8, 9, 10, 7], strict=True)
    )
    draft = Sheet.objects.create(juror=juror, entry=entries[0], comment="À compléter.")
    Score.objects.bulk_create(
        Score(sheet=draft, criterion=criterion, value=Decimal(value))
        for criterion, value in zip(criteria[:3], [7, 8, 6], strict=True)
    )
    return edition


def seed():
    today = timezone.localdate()
    harcelement = Project.objects.get(title="Lutte contre le harcèlement de rue")
    framed = Project.objects.get(title="Framed")
    docteur = _project(
        "Quoi de Neuf Docteur ?",
        "Waterloo",
        "Projet de démonstration : la zone de Waterloo, prix de l'originalité 2023.",
    )
    teamschool = Project.objects.get(title="TeamSchool")
    hortense = Project.objects.get(title="Hortense Padup")
    unknown = (
        "Année non confirmée par les sources.",
        "Jaar niet bevestigd door de bronnen.",
        "Year not confirmed by the sources.",
    )
    _past_edition(
        2019,
        [
            (teamschool, Prize.Kind.JURY, True, unknown),
            (teamschool, Prize.Kind.AUDIENCE, True, unknown),
            (hortense, Prize.Kind.ORIGINALITY, True, unknown),
        ],
    )
    _past_edition(
        2020,
        [
            (
                harcelement,
                Prize.Kind.JURY,
                False,
                (
                    "Un constat en flagrant délit et une alternative à l'amende, avec le parquet.",
                    "Vaststelling op heterdaad en een alternatief voor de boete, met het parket.",
                    "Offences caught in the act and an alternative to the fine, with the"
                    " prosecutor.",
                ),
            ),
            (harcelement, Prize.Kind.REFERENCE_PERSONS, False, ("", "", "")),
        ],
    )
    _past_edition(
        2023,
        [
            (framed, Prize.Kind.JURY, False, ("", "", "")),
            (docteur, Prize.Kind.ORIGINALITY, False, ("", "", "")),
        ],
    )
    current = _current_edition(today)
    return [
        "",
        "Prix Intersection: /awards/ (published editions 2019, 2020, 2023)",
        f"  this year's edition is in its scoring phase: /awards/{current.year}/",
        "  jury pages: /awards/jury/ as juror@intersection.demo or reference.polbru (same TOTP"
        " secret as staff); staff see the results from the prize's admin page",
    ]
