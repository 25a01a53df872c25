"""Demo fiches: the real projects named in the association's brief, with their replications.

Facts come from public sources about each project; sections that had to be filled in for the
demo, and every budget, are marked as demo data in their text.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from members.models import User, Zone

from .models import Adoption, BudgetLine, Partner, Pillar, PoliceFunction, Project, Theme

DEMO_NOTE = "*(Données de démonstration : montants et détails indicatifs.)*"

PROJECTS = [
    {
        "key": "harcelement",
        "zone": "5277",
        "title": "Lutte contre le harcèlement de rue",
        "summary": (
            "Des policières en civil, suivies à distance par des collègues, parcourent les rues "
            "du centre de Liège pour constater le harcèlement de rue en flagrant délit. Les "
            "primo-délinquants qui reconnaissent les faits peuvent suivre trois séances de "
            "responsabilisation chez l'ASBL Praxis au lieu d'une amende de 50 à 1000 euros."
        ),
        "problem": "Le harcèlement de rue était rarement signalé et presque jamais constaté.",
        "results": (
            "Été 2020 : **26 personnes interpellées**, 16 procès-verbaux, 10 avertissements "
            "formels. Le projet a été contacté par trois zones bruxelloises dans les mois qui "
            "ont suivi."
        ),
        "approach": (
            "- patrouilles de policières en civil\n- équipe d'appui à distance\n"
            "- alternative à l'amende : trois séances chez Praxis"
        ),
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
        "summary": (
            "Une page Facebook et une petite équipe qui rendent les vélos volés à leurs "
            "propriétaires (33 en 2021, 56 en 2022), des vélos appâts et des actions contre "
            "les receleurs. Étendu aux six zones bruxelloises en juillet 2023."
        ),
        "problem": (
            "Le vol de vélos augmentait et les vélos retrouvés ne revenaient pas à leurs "
            "propriétaires."
        ),
        "results": "33 vélos rendus en 2021, 56 en 2022.",
        "start": datetime.date(2019, 3, 1),
        "published": datetime.date(2021, 2, 1),
        "outcome": Project.Outcome.WORKED,
        "evaluation": Project.EvaluationKind.INTERNAL,
        "themes": ["bicycle-theft"],
        "pillars": ["external_orientation", "problem_solving"],
        "functions": ["local_investigation", "victim_assistance"],
        "partners": [],
        "budget": [
            ("Vélos appâts avec traceurs", "equipment", "4800", "zone"),
            ("Équipe Véloflic (2 ETP partiels)", "staff", "35000", "zone"),
        ],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "senior-focus",
        "zone": "5327",
        "title": "Senior Focus",
        "summary": (
            "Une boîte gratuite, conservée dans le réfrigérateur, qui contient les données "
            "médicales et les contacts des personnes de plus de 65 ans, pour les services de "
            "secours. Reprise par plus de 40 zones et communes."
        ),
        "problem": (
            "Les secours perdaient un temps précieux à trouver les informations médicales des "
            "aînés isolés."
        ),
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
        "summary": (
            "Lancé le 16 septembre 2019 avec cinq rencontres dans des cafés : six Bruxellois "
            "sur dix ne connaissaient pas leur agent de quartier. Répété chaque été par de "
            "nombreuses zones."
        ),
        "start": datetime.date(2019, 9, 16),
        "published": datetime.date(2019, 12, 1),
        "outcome": Project.Outcome.PROMISING,
        "evaluation": Project.EvaluationKind.NONE,
        "themes": ["neighbourhood-contact"],
        "pillars": ["external_orientation", "accountability"],
        "functions": ["neighbourhood", "reception"],
        "partners": [],
        "budget": [("Consommations et affiches", "communication", "800", "zone")],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "teamschool",
        "zone": "5344",
        "title": "TeamSchool",
        "summary": "Des liens suivis avec 163 écoles et 93 crèches de la zone Bruxelles-Nord.",
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
        "summary": "Une campagne contre le vol par ruse, portée par un personnage attachant.",
        "start": datetime.date(2018, 4, 1),
        "published": datetime.date(2019, 2, 1),
        "outcome": Project.Outcome.PROMISING,
        "evaluation": Project.EvaluationKind.NONE,
        "themes": ["seniors", "fraud"],
        "pillars": ["empowerment"],
        "functions": ["neighbourhood", "victim_assistance"],
        "partners": [],
        "budget": [("Dépliants et capsules vidéo", "communication", "5200", "sponsor")],
        "visibility": Project.Visibility.PUBLIC,
    },
    {
        "key": "framed",
        "zone": "Gent",
        "title": "Framed",
        "language": "nl",
        "summary": (
            "Een filmtraject van acht sessies waarin jongeren en politie samen een film maken "
            "(juryprijs 2023)."
        ),
        "start": datetime.date(2023, 1, 15),
        "published": datetime.date(2023, 10, 1),
        "outcome": Project.Outcome.NEW,
        "evaluation": Project.EvaluationKind.INDEPENDENT,
        "themes": ["youth-schools"],
        "pillars": ["empowerment", "external_orientation"],
        "functions": ["neighbourhood"],
        "partners": [("Jeugdwerk Gent", Partner.Kind.ASBL)],
        "budget": [("Filmploeg en montage", "other", "12000", "region")],
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
    ("veloflic", "5340", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("veloflic", "5344", Adoption.Status.IMPLEMENTED, datetime.date(2023, 7, 1)),
    ("coffee", "5277", Adoption.Status.PREPARING, None),
]


def _zone(key):
    return Zone.objects.get(number=key) if key.isdigit() else Zone.objects.get(name=key)


def seed():
    author = User.objects.get(email="staff@intersection.demo")
    projects = {}
    for spec in PROJECTS:
        zone = _zone(spec["zone"])
        published_at = timezone.make_aware(
            datetime.datetime.combine(spec["published"], datetime.time(10))
        )
        project, created = Project.objects.get_or_create(
            title=spec["title"],
            owner_zone=zone,
            defaults={
                "summary": spec["summary"],
                "language": spec.get("language", "fr"),
                "contact_email": f"proximite.{zone.slug}@police.belgium.eu",
                "problem": spec.get("problem", ""),
                "approach": spec.get("approach", ""),
                "results": spec.get("results", ""),
                "lessons": DEMO_NOTE,
                "start_date": spec["start"],
                "project_status": Project.ProjectStatus.RUNNING,
                "outcome": spec["outcome"],
                "evaluation_kind": spec["evaluation"],
                "status": Project.Status.PUBLISHED,
                "visibility": spec["visibility"],
                "published_at": published_at,
                "created_by": author,
            },
        )
        if created:
            project.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
            project.pillars.set(Pillar.objects.filter(code__in=spec["pillars"]))
            project.functions.set(PoliceFunction.objects.filter(code__in=spec["functions"]))
            for name, kind in spec["partners"]:
                project.partners.add(Partner.objects.get_or_create(name=name, kind=kind)[0])
            BudgetLine.objects.bulk_create(
                BudgetLine(project=project, label=label, category=category,
                           amount=Decimal(amount), funding=funding)
                for label, category, amount, funding in spec["budget"]
            )  # fmt: skip
            project.update_budget_total()
        projects[spec["key"]] = project
    for key, zone_key, status, implemented_on in ADOPTIONS:
        Adoption.objects.get_or_create(
            project=projects[key],
            zone=_zone(zone_key),
            defaults={
                "status": status,
                "implemented_on": implemented_on,
                "contacted_by": author,
                "message": "Demo replication.",
            },
        )
    return [f"{len(PROJECTS)} demo fiches and {len(ADOPTIONS)} replications."]
