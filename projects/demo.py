"""Demo fiches: the real projects named in the association's brief, with their replications.

Facts come from public sources about each project (see demo_texts); figures that had to be
invented for the demo are marked so in their section, and every budget line is marked as a
demo amount. Every section of every fiche is filled: a visitor of the demo sees what a complete
fiche looks like.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from members.models import User, Zone

from . import catalogue, services
from .demo_texts import TEXTS
from .models import Adoption, BudgetLine, Partner, Pillar, PoliceFunction, Project, Theme

# What the first demo data put in every "lessons learned": replaced by the real text on the
# next run, as is any section an older run left empty.
OLD_PLACEHOLDER = "*(Données de démonstration : montants et détails indicatifs.)*"
BUDGET_MARK = {"fr": " (montant de démonstration)", "nl": " (demobedrag)"}

PROJECTS = [
    {
        "key": "harcelement",
        "zone": "5277",
        "title": "Lutte contre le harcèlement de rue",
        "start": datetime.date(2020, 6, 1),
        "published": datetime.date(2020, 11, 15),
        "outcome": Project.Outcome.WORKED,
        "evaluation": Project.EvaluationKind.LOCAL,
        "themes": ["street-harassment"],
        "pillars": ["problem_solving", "partnership"],
        "functions": ["neighbourhood", "local_investigation"],
        "partners": [
            ("Parquet de Liège", Partner.Kind.PROSECUTOR),
            ("Plan de prévention de la Ville de Liège", Partner.Kind.PREVENTION_PLAN),
            ("ASBL Praxis", Partner.Kind.ASBL),
        ],
        "budget": [
            ("Heures de patrouille en civil", "staff", "18000", "zone"),
            ("Séances de responsabilisation", "other", "6000", "region"),
            ("Campagne d'affichage", "communication", "2500", "commune"),
        ],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "veloflic",
        "zone": "5339",
        "title": "Véloflic",
        "start": datetime.date(2019, 3, 1),
        "published": datetime.date(2021, 2, 1),
        "outcome": Project.Outcome.WORKED,
        "evaluation": Project.EvaluationKind.INTERNAL,
        "themes": ["bicycle-theft"],
        "pillars": ["external_orientation", "problem_solving"],
        "functions": ["local_investigation", "victim_assistance"],
        "partners": [
            ("Parquet de Bruxelles", Partner.Kind.PROSECUTOR),
            ("Ville de Bruxelles", Partner.Kind.COMMUNE),
        ],
        "budget": [
            ("Vélos appâts avec traceurs", "equipment", "4800", "zone"),
            ("Séances de gravure des vélos", "other", "1500", "commune"),
            ("Équipe Véloflic (2 ETP partiels)", "staff", "35000", "zone"),
        ],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "senior-focus",
        "zone": "5327",
        "title": "Senior Focus",
        "start": datetime.date(2016, 1, 1),
        "published": datetime.date(2018, 5, 1),
        "outcome": Project.Outcome.WORKED,
        "evaluation": Project.EvaluationKind.INTERNAL,
        "themes": ["seniors"],
        "pillars": ["partnership", "empowerment"],
        "functions": ["neighbourhood", "victim_assistance"],
        "partners": [("CPAS et communes de la zone", Partner.Kind.COMMUNE)],
        "budget": [("Boîtes et autocollants (1000 pièces)", "equipment", "3500", "commune")],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "coffee",
        "zone": "5339",
        "title": "Coffee with a Cop",
        "start": datetime.date(2019, 9, 16),
        "published": datetime.date(2019, 12, 1),
        "outcome": Project.Outcome.PROMISING,
        "evaluation": Project.EvaluationKind.NONE,
        "themes": ["neighbourhood-contact"],
        "pillars": ["external_orientation", "accountability"],
        "functions": ["neighbourhood", "reception"],
        "partners": [
            ("Cafés du quartier", Partner.Kind.PRIVATE),
            ("Ville de Bruxelles", Partner.Kind.COMMUNE),
        ],
        "budget": [
            ("Consommations", "other", "400", "in_kind"),
            ("Affiches et réseaux sociaux", "communication", "400", "zone"),
        ],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "teamschool",
        "zone": "5344",
        "title": "TeamSchool",
        "start": datetime.date(2017, 9, 1),
        "published": datetime.date(2019, 6, 1),
        "outcome": Project.Outcome.WORKED,
        "evaluation": Project.EvaluationKind.INTERNAL,
        "themes": ["youth-schools"],
        "pillars": ["partnership", "external_orientation"],
        "functions": ["neighbourhood"],
        "partners": [("Écoles de Schaerbeek, Evere et Saint-Josse", Partner.Kind.SCHOOL)],
        "budget": [("Référents école (temps partiel)", "staff", "42000", "zone")],
        "visibility": Project.Visibility.MEMBERS,
    },
    {
        "key": "hortense",
        "zone": "Sylle et Dendre",
        "title": "Hortense Padup",
        "start": datetime.date(2018, 4, 1),
        "published": datetime.date(2019, 2, 1),
        "outcome": Project.Outcome.PROMISING,
        "evaluation": Project.EvaluationKind.NONE,
        "themes": ["seniors", "fraud"],
        "pillars": ["empowerment"],
        "functions": ["neighbourhood", "victim_assistance"],
        "partners": [
            ("Communes de la zone Sylle et Dendre", Partner.Kind.COMMUNE),
            ("Clubs d'aînés de la zone", Partner.Kind.ASBL),
        ],
        "budget": [
            ("Dépliants et capsules vidéo", "communication", "5200", "sponsor"),
            ("Séances dans les clubs d'aînés", "staff", "2400", "zone"),
        ],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "framed",
        "zone": "Gent",
        "title": "Framed",
        "language": "nl",
        "start": datetime.date(2023, 1, 15),
        "published": datetime.date(2023, 10, 1),
        "outcome": Project.Outcome.NEW,
        "evaluation": Project.EvaluationKind.INDEPENDENT,
        "themes": ["youth-schools"],
        "pillars": ["empowerment", "external_orientation"],
        "functions": ["neighbourhood"],
        "partners": [("Jeugdwerk Gent", Partner.Kind.ASBL)],
        "budget": [
            ("Filmploeg en montage", "other", "12000", "region"),
            ("Première en vertoning", "communication", "1500", "commune"),
        ],
        "project_status": Project.ProjectStatus.ENDED,
        "end": datetime.date(2023, 10, 1),
        "visibility": Project.Visibility.PUBLIC,
    },
]

# (project key, adopting zone, status, implemented on)
ADOPTIONS = [
    ("harcelement", "Gent", Adoption.Status.IMPLEMENTED, datetime.date(2022, 3, 1)),
    ("harcelement", "5339", Adoption.Status.IMPLEMENTED, datetime.date(2021, 9, 1)),
    ("harcelement", "5303", Adoption.Status.IMPLEMENTED, datetime.date(2022, 6, 1)),
    ("harcelement", "5340", Adoption.Status.INTERESTED, None),
    ("senior-focus", "5277", Adoption.Status.IMPLEMENTED, datetime.date(2018, 10, 1)),
    ("senior-focus", "5330", Adoption.Status.IMPLEMENTED, datetime.date(2019, 3, 1)),
    # Véloflic extended to the six Brussels zones in July 2023: the other five took it up.
    ("veloflic", "5340", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("veloflic", "5341", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("veloflic", "5342", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("veloflic", "5343", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("veloflic", "5344", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("coffee", "5277", Adoption.Status.PREPARING, None),
]


# A draft of Huy, whose membership lapsed: hidden from its officer until staff record a
# renewal, then back as it was (the demo shows that nothing is lost).
LAPSED_DRAFT = {
    "zone": "5295",
    "author": "officer.huy@intersection.demo",
    "title": "Marches exploratoires de nuit",
    "summary": (
        "Des habitantes, l'agent de quartier et le service de prévention parcourent de nuit "
        "les rues que les femmes évitent, et proposent à la commune des aménagements : "
        "éclairage, taille des haies, arrêts de bus. Brouillon en cours de rédaction."
    ),
}


def _zone(key):
    return Zone.objects.get(number=key) if key.isdigit() else Zone.objects.get(name=key)


def _links(zone):
    """The zone's page on the police's public site, where its number is known."""
    return f"https://www.police.be/{zone.number}" if zone.number else "https://www.police.be"


def _fill_sections(project, sections):
    """Give an older demo fiche the sections it lacks, without touching what someone wrote."""
    missing = [
        name
        for name, text in sections.items()
        if getattr(project, name) in ("", OLD_PLACEHOLDER) and text
    ]
    for name in missing:
        setattr(project, name, sections[name])
    if missing:
        project.save(update_fields=[*missing, "updated_at"])


def _lapsed_draft():
    author = User.objects.get(email=LAPSED_DRAFT["author"])
    zone = _zone(LAPSED_DRAFT["zone"])
    Project.objects.get_or_create(
        title=LAPSED_DRAFT["title"],
        owner_zone=zone,
        defaults={
            "summary": LAPSED_DRAFT["summary"],
            "contact_email": f"proximite.{zone.slug}@police.belgium.eu",
            "project_status": Project.ProjectStatus.IDEA,
            "status": Project.Status.DRAFT,
            "created_by": author,
        },
    )


def seed():
    author = User.objects.get(email="staff@intersection.demo")
    projects = {}
    for spec in PROJECTS:
        zone = _zone(spec["zone"])
        language = spec.get("language", "fr")
        sections = {**TEXTS[spec["key"]], "links": _links(zone)}
        published_at = timezone.make_aware(
            datetime.datetime.combine(spec["published"], datetime.time(10))
        )
        project, created = Project.objects.get_or_create(
            title=spec["title"],
            owner_zone=zone,
            defaults={
                **sections,
                "language": language,
                "contact_email": f"proximite.{zone.slug}@police.belgium.eu",
                "start_date": spec["start"],
                "end_date": spec.get("end"),
                "project_status": spec.get("project_status", Project.ProjectStatus.RUNNING),
                "outcome": spec["outcome"],
                "evaluation_kind": spec["evaluation"],
                "status": Project.Status.PUBLISHED,
                "visibility": spec["visibility"],
                "published_at": published_at,
                "created_by": author,
            },
        )
        if not created:
            _fill_sections(project, sections)
        if created or not project.partners.exists():
            for name, kind in spec["partners"]:
                project.partners.add(Partner.objects.get_or_create(name=name, kind=kind)[0])
        if created:
            project.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
            project.pillars.set(Pillar.objects.filter(code__in=spec["pillars"]))
            project.functions.set(PoliceFunction.objects.filter(code__in=spec["functions"]))
            BudgetLine.objects.bulk_create(
                BudgetLine(project=project, label=label + BUDGET_MARK[language],
                           category=category, amount=Decimal(amount), funding=funding)
                for label, category, amount, funding in spec["budget"]
            )  # fmt: skip
            project.update_budget_total()
        projects[spec["key"]] = project
    _lapsed_draft()
    for key, zone_key, status, implemented_on in ADOPTIONS:
        if not Adoption.objects.filter(project=projects[key], zone=_zone(zone_key)).exists():
            services.add_adoption(
                adoption=Adoption(
                    project=projects[key],
                    zone=_zone(zone_key),
                    status=status,
                    implemented_on=implemented_on,
                    contacted_by=author,
                    message="Demo replication.",
                )
            )
    catalogue.bump()  # the fiches were made without the services: refresh the cached catalogue
    return [f"{len(PROJECTS)} demo fiches and {len(ADOPTIONS)} replications."]
