"""Benchmark of the fiches' pages at the size of a mature network: `make bench`.

Fills a separate PostgreSQL database (`intersection_bench`, or BENCH_DATABASE_URL) with
20,000 published fiches across 200 zones, once: later runs reuse the data unless `--refill`
is given. Then measures, in one process and side by side, a view that does nothing (the
floor: Django and the site's middleware alone) and the pages of the catalogue, each through
django.test.Client (no network, no web server: Django, middleware and database), and prints
requests per second, p50 and p95 latency, and each page's throughput relative to the floor:
with every cache emptied before each request (the first reader after a change, or of a new
combination of filters), against the uncached p95 targets.

It is not a test and CI does not run it: figures depend on the machine.

    .venv/bin/python -m bench.projects [--refill] [--seconds 8]
"""

import argparse
import datetime
import gc
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from decimal import Decimal

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/intersection_bench"
PUBLISHED = 20_000
ZONES = 200
# Fiches in the other states, so that the admin and the filters see a realistic mix.
OTHERS = {"draft": 600, "submitted": 200, "archived": 400}
SEED = 20_000
SLICE = 0.1  # seconds given to one page before the next, round after round

SEARCH_WORDS = ["quartier", "vélo", "harcèlement", "école", "cambriolages", "seniors"]
# A word of a few hundred fiches (a commune), and words found in most of them.
RARE_WORDS = ["Chimay", "Malmedy", "Durbuy", "Tongeren"]
COMMON_WORDS = ["zone", "quartier", "projet"]
FACETED = "/projects/?theme={theme}&region=wallonia&outcome=worked"


# Environment and database


def configure_environment():
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = f"bench-only-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.pop("CACHE_URL", None)  # the database cache, as in production
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "intersection.settings"
    return os.environ["DATABASE_URL"]


def _connect(params, dbname):
    import psycopg

    return psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def published_count(params):
    """Published fiches in the bench database; None when the database does not exist."""
    import psycopg

    try:
        connection = _connect(params, params["NAME"])
    except psycopg.OperationalError as error:
        if "does not exist" in str(error):
            return None
        raise
    with connection:
        try:
            row = connection.execute(
                "SELECT count(*) FROM projects_project WHERE status = 'published'"
            ).fetchone()
        except psycopg.errors.UndefinedTable:
            return 0
    return row[0]


def prepare_database(url, refill):
    """Creates the bench database when missing; recreates it when it must be (re)filled.

    Returns True when the data must be made."""
    import dj_database_url
    from psycopg import sql

    params = dj_database_url.parse(url)
    name = params["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to fill {name!r}: the bench database's name must contain 'bench'.")
    count = published_count(params)
    if count == PUBLISHED and not refill:
        print(f"Reusing {name}: it holds {PUBLISHED:,} published fiches (--refill rebuilds it).")
        return False
    with _connect(params, "postgres") as connection:
        if count is not None:
            print(f"Dropping {name} to fill it again.")
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


# Words


COMMUNES = [
    "Anderlecht", "Antwerpen", "Arlon", "Ath", "Bastogne", "Binche", "Brugge", "Charleroi",
    "Châtelet", "Chimay", "Ciney", "Dinant", "Durbuy", "Eupen", "Fleurus", "Gembloux", "Gent",
    "Hasselt", "Herstal", "Huy", "Ixelles", "Jodoigne", "Kortrijk", "La Louvière", "Leuven",
    "Liège", "Malmedy", "Marche-en-Famenne", "Mechelen", "Mons", "Mouscron", "Namur",
    "Neufchâteau", "Nivelles", "Oostende", "Ottignies", "Philippeville", "Roeselare",
    "Saint-Gilles", "Schaerbeek", "Seraing", "Soignies", "Spa", "Tournai", "Tubize", "Turnhout",
    "Uccle",
    "Verviers", "Virton", "Waremme", "Waterloo", "Wavre", "Genk", "Aalst", "Lokeren", "Ieper",
    "Knokke-Heist", "Lier", "Geel", "Mol", "Tienen", "Vilvoorde", "Zaventem", "Halle", "Ninove",
    "Dendermonde", "Sint-Niklaas", "Beveren", "Diest", "Tongeren", "Bilzen", "Maaseik",
]  # fmt: skip

THEME_WORDS = {
    "seniors": (
        ["seniors", "aînés", "personnes âgées", "maisons de repos", "isolement des aînés"],
        ["senioren", "ouderen", "woonzorgcentra", "eenzaamheid"],
    ),
    "youth-schools": (
        ["jeunes", "écoles", "élèves", "décrochage scolaire", "harcèlement à l'école"],
        ["jongeren", "scholen", "leerlingen", "spijbelen", "pesten op school"],
    ),
    "bicycle-theft": (
        ["vélos volés", "vol de vélos", "gravure des vélos", "cadenas", "receleurs de vélos"],
        ["fietsdiefstal", "gestolen fietsen", "fietsgravering", "fietssloten"],
    ),
    "street-harassment": (
        ["harcèlement de rue", "intimidation", "espace public", "victimes de harcèlement"],
        ["straatintimidatie", "openbare ruimte", "slachtoffers van intimidatie"],
    ),
    "domestic-violence": (
        ["violences intrafamiliales", "victimes", "accueil des victimes", "plaintes"],
        ["intrafamiliaal geweld", "slachtoffers", "slachtofferonthaal", "klachten"],
    ),
    "road-safety": (
        ["sécurité routière", "vitesse", "contrôles de vitesse", "abords des écoles", "radars"],
        ["verkeersveiligheid", "snelheid", "snelheidscontroles", "schoolomgevingen"],
    ),
    "burglary": (
        ["cambriolages", "techno-prévention", "habitations", "vols dans les habitations"],
        ["inbraken", "technopreventie", "woninginbraken", "woningen"],
    ),
    "cybercrime": (
        ["escroqueries en ligne", "hameçonnage", "réseaux sociaux", "cybercriminalité"],
        ["phishing", "sociale media", "internetfraude", "cybercriminaliteit"],
    ),
    "neighbourhood-contact": (
        ["agents de quartier", "quartier", "habitants du quartier", "permanences de quartier"],
        ["wijkagenten", "wijk", "buurtbewoners", "wijkspreekuren"],
    ),
    "fraud": (
        ["escroqueries", "arnaques", "faux policiers", "vols par ruse"],
        ["oplichting", "valse politieagenten", "babbeltrucs"],
    ),
}

FR = {
    "title": [
        "Prévention des {t}",
        "Lutte contre les {t}",
        "Plan d'action : {t}",
        "Patrouilles et {t}",
        "Campagne sur les {t}",
        "Partenariat local contre les {t}",
        "Cellule {t}",
        "Les {t} au cœur du quartier",
        "Approche intégrée des {t}",
    ],
    "sentences": [
        "La zone de {c} a constaté une hausse des {t} dans le quartier de la gare.",
        "Les {t} faisaient l'objet de plaintes répétées des habitants et des commerçants.",
        "Nous avons réuni le plan de prévention, le parquet et les écoles autour des {t}.",
        "Les agents de quartier ont rencontré les habitants lors de permanences mensuelles.",
        "Une campagne d'affichage et une page sur les réseaux sociaux ont présenté le projet.",
        "Le projet vise à réduire les {t} de moitié en deux ans à {c}.",
        "Une équipe de deux inspecteurs suit chaque signalement et rappelle la victime.",
        "Les patrouilles à vélo ont été renforcées le soir et le week-end.",
        "Les chiffres de la criminalité enregistrée montrent une baisse nette des {t}.",
        "Le partenariat avec la commune de {c} a permis de financer le matériel.",
        "La formation des collègues de l'accueil a pris plus de temps que prévu.",
        "Il faut prévoir un coordinateur et des heures dégagées pour le suivi.",
        "Les jeunes du quartier ont été associés à la conception des actions.",
        "Une évaluation menée avec l'université a mesuré l'effet sur le sentiment de sécurité.",
        "Les seniors ont reçu des conseils de techno-prévention à domicile.",
        "Le conseil communal a soutenu le projet après une présentation des résultats.",
        "Les données de l'accueil et du dispatching ont guidé le choix des rues.",
        "Nous recommandons de commencer par un diagnostic local de sécurité.",
    ],
    "labels": [
        "Heures de patrouille",
        "Affiches et dépliants",
        "Formation des agents",
        "Matériel",
        "Location de salle",
        "Vélos de service",
        "Site web",
        "Coordination",
    ],
}
NL = {
    "title": [
        "Preventie van {t}",
        "Aanpak van {t}",
        "Actieplan {t}",
        "Wijkwerking en {t}",
        "Campagne rond {t}",
        "Lokaal partnerschap tegen {t}",
        "Integrale aanpak van {t}",
    ],
    "sentences": [
        "De zone {c} stelde een stijging vast van {t} in de stationsbuurt.",
        "Bewoners en handelaars klaagden herhaaldelijk over {t}.",
        "Het preventieplan, het parket en de scholen werkten samen rond {t}.",
        "De wijkagenten ontmoetten de bewoners tijdens maandelijkse spreekuren.",
        "Een affichecampagne en sociale media stelden het project voor.",
        "Het project wil {t} in twee jaar halveren in {c}.",
        "Twee inspecteurs volgen elke melding op en bellen het slachtoffer terug.",
        "De fietspatrouilles werden 's avonds en in het weekend versterkt.",
        "De geregistreerde criminaliteit toont een duidelijke daling van {t}.",
        "De samenwerking met de gemeente {c} financierde het materiaal.",
        "De opleiding van de collega's van het onthaal duurde langer dan gepland.",
        "Voorzie een coördinator en vrijgemaakte uren voor de opvolging.",
        "Jongeren uit de wijk werkten mee aan het ontwerp van de acties.",
        "Een evaluatie met de universiteit mat het effect op het veiligheidsgevoel.",
        "We raden aan te beginnen met een lokale veiligheidsdiagnose.",
    ],
    "labels": [
        "Patrouille-uren",
        "Affiches en folders",
        "Opleiding",
        "Materiaal",
        "Zaalhuur",
        "Dienstfietsen",
        "Website",
        "Coördinatie",
    ],
}


def _text(rng, words, topics, commune, sentences):
    return " ".join(
        s.format(t=rng.choice(topics), c=commune) for s in rng.sample(words["sentences"], sentences)
    )


# Filling


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _zones(rng):
    from members.models import Membership, Region, User, Zone

    regions = {Region.FLANDERS: 98, Region.WALLONIA: 86, Region.BRUSSELS: 12, Region.ABROAD: 4}
    region_list = [region for region, n in regions.items() for _ in range(n)]
    assert len(region_list) == ZONES  # noqa: S101
    names = set()
    zones = []
    for i, region in enumerate(region_list):
        prefix = "Politiezone" if region == Region.FLANDERS else "Zone de police"
        a, b = rng.sample(COMMUNES, 2)
        name = f"{prefix} {a}" if f"{prefix} {a}" not in names else f"{prefix} {a}/{b}"
        while name in names:
            name = f"{prefix} {a}/{b} {i}"
        names.add(name)
        number = f"{5000 + i:04d}"
        zones.append(
            Zone(
                number=number,
                name=name,
                slug=f"{number}-{uuid.uuid5(uuid.NAMESPACE_DNS, name).hex[:8]}",
                region=region,
                languages="nl" if region == Region.FLANDERS else "fr",
                description=f"{name}: zone membre du réseau depuis 2018.",
                contact_email=f"contact{number}@police.belgium.eu",
            )
        )
    zones = Zone.objects.bulk_create(zones)
    Membership.objects.bulk_create(
        Membership(zone=zone, start=datetime.date(2018, 1, 1)) for zone in zones
    )
    users = User.objects.bulk_create(
        User(
            email=f"bench{zone.number}@police.belgium.eu",
            password="!",  # noqa: S106 - unusable: these people never sign in
            first_name="Agent",
            last_name=zone.number,
            zone=zone,
            is_reference_person=True,
        )
        for zone in zones
    )
    return zones, {user.zone_id: user for user in users}


def fill():
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from projects.models import (
        Adoption,
        BudgetLine,
        Partner,
        Pillar,
        PoliceFunction,
        Project,
        Theme,
    )

    rng = random.Random(SEED)  # noqa: S311 - made-up data, reproducible
    started = time.perf_counter()
    tz = timezone.get_current_timezone()
    now = timezone.now()
    first = datetime.datetime(2017, 1, 1, 8, tzinfo=tz)
    span = (now - first).total_seconds()

    with transaction.atomic():
        zones, users = _zones(rng)
        themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
        pillars = list(Pillar.objects.values_list("pk", flat=True))
        functions = list(PoliceFunction.objects.values_list("pk", flat=True))
        partners = Partner.objects.bulk_create(
            Partner(name=f"{label} {commune}", kind=kind)
            for commune in COMMUNES
            for label, kind in [
                ("Plan de prévention", Partner.Kind.PREVENTION_PLAN),
                ("Commune de", Partner.Kind.COMMUNE),
                ("Parquet de", Partner.Kind.PROSECUTOR),
                ("ASBL Quartiers de", Partner.Kind.ASBL),
            ]
        )
        partner_ids = [partner.pk for partner in partners]

        states = ["published"] * PUBLISHED + [s for s, n in OTHERS.items() for _ in range(n)]
        rng.shuffle(states)
        projects, taxonomy = [], []
        for i, status in enumerate(states):
            zone = rng.choice(zones)
            dutch = zone.region == "flanders" and rng.random() < 0.6
            words = NL if dutch else FR
            theme_slugs = rng.sample(list(themes), rng.choice([1, 1, 2, 2, 3]))
            topics = [w for slug in theme_slugs for w in THEME_WORDS[slug][1 if dutch else 0]]
            commune = rng.choice(COMMUNES)
            title = rng.choice(words["title"]).format(t=topics[0]) + f" à {commune}"
            if dutch:
                title = title.replace(" à ", " in ")
            published_at = first + datetime.timedelta(seconds=rng.random() * span)
            start = published_at.date() - datetime.timedelta(days=rng.randint(30, 900))
            done = rng.random() < 0.35
            project = Project(
                title=title,
                slug=f"{slugify(title)[:150]}-{i}",
                summary=_text(rng, words, topics, commune, 4),
                owner_zone=zone,
                contact_name=f"Agent {zone.number}",
                contact_email=f"contact{zone.number}@police.belgium.eu",
                project_status=_weighted(
                    rng, {"running": 5, "ended": 3, "pilot": 2, "idea": 1, "abandoned": 1}
                ),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(60, 700)) if done else None,
                language="nl" if dutch else "fr",
                problem=_text(rng, words, topics, commune, 3),
                causes=_text(rng, words, topics, commune, 2),
                target_group=_text(rng, words, topics, commune, 1),
                objectives=_text(rng, words, topics, commune, 2),
                approach=_text(rng, words, topics, commune, 4),
                rationale=_text(rng, words, topics, commune, 2),
                staffing="Deux inspecteurs à mi-temps, un coordinateur.",
                timeline=_text(rng, words, topics, commune, 1),
                difficulties=_text(rng, words, topics, commune, 2),
                tips=_text(rng, words, topics, commune, 2),
                evaluation_kind=_weighted(
                    rng, {"none": 3, "internal": 4, "local": 2, "independent": 1}
                ),
                results=_text(rng, words, topics, commune, 3),
                outcome=_weighted(rng, {"worked": 3, "promising": 3, "new": 3, "did_not_work": 1}),
                lessons=_text(rng, words, topics, commune, 2),
                status=status,
                visibility="public" if rng.random() < 0.7 else "members",
                created_by=users[zone.pk],
                created_at=published_at - datetime.timedelta(days=rng.randint(5, 60)),
                submitted_at=None if status == "draft" else published_at,
                published_at=published_at if status in {"published", "archived"} else None,
                archived_at=now if status == "archived" else None,
            )
            project.render_sections()  # as Project.save() does, which bulk_create skips
            projects.append(project)
            taxonomy.append(theme_slugs)
        projects = Project.objects.bulk_create(projects, batch_size=1000)
        print(f"  {len(projects):,} fiches in {time.perf_counter() - started:.0f} s")

        Through = Project.themes.through
        Through.objects.bulk_create(
            (
                Through(project_id=project.pk, theme_id=themes[slug])
                for project, slugs in zip(projects, taxonomy, strict=True)
                for slug in slugs
            ),
            batch_size=5000,
        )
        Through = Project.pillars.through
        Through.objects.bulk_create(
            (
                Through(project_id=project.pk, pillar_id=pillar)
                for project in projects
                for pillar in rng.sample(pillars, rng.randint(1, 3))
            ),
            batch_size=5000,
        )
        Through = Project.functions.through
        Through.objects.bulk_create(
            (
                Through(project_id=project.pk, policefunction_id=function)
                for project in projects
                for function in rng.sample(functions, rng.randint(1, 2))
            ),
            batch_size=5000,
        )
        Through = Project.partners.through
        Through.objects.bulk_create(
            (
                Through(project_id=project.pk, partner_id=partner)
                for project in projects
                for partner in rng.sample(partner_ids, rng.randint(0, 2))
            ),
            batch_size=5000,
        )
        Through = Project.co_owner_zones.through
        Through.objects.bulk_create(
            Through(project_id=project.pk, zone_id=zone.pk)
            for project in projects
            if rng.random() < 0.05
            for zone in [rng.choice(zones)]
            if zone.pk != project.owner_zone_id
        )

        categories = [c for c, _label in BudgetLine.Category.choices]
        fundings = [f for f, _label in BudgetLine.Funding.choices]
        BudgetLine.objects.bulk_create(
            (
                BudgetLine(
                    project_id=project.pk,
                    label=rng.choice((NL if project.language == "nl" else FR)["labels"]),
                    category=rng.choice(categories),
                    amount=Decimal(round(10 ** rng.uniform(1.5, 4.6), 2)).quantize(Decimal("0.01")),
                    funding=rng.choice(fundings),
                )
                for project in projects
                for _ in range(rng.choice([0, 1, 2, 2, 3, 4]))
            ),
            batch_size=5000,
        )

        listed = [p for p in projects if p.status in {"published", "archived"}]
        pairs = set()
        while len(pairs) < 5000:
            project, zone = rng.choice(listed), rng.choice(zones)
            if zone.pk != project.owner_zone_id:
                pairs.add((project, zone))
        adoptions = []
        for project, zone in pairs:
            status = _weighted(
                rng, {"interested": 4, "preparing": 3, "implemented": 2, "dropped": 1}
            )
            asked = project.published_at + datetime.timedelta(days=rng.randint(1, 400))
            adoptions.append(
                Adoption(
                    project_id=project.pk,
                    zone=zone,
                    status=status,
                    message="Nous aimerions reprendre ce projet dans notre zone.",
                    contacted_by=users[zone.pk],
                    implemented_on=(asked + datetime.timedelta(days=120)).date()
                    if status == "implemented"
                    else None,
                    created_at=min(asked, now),
                )
            )
        Adoption.objects.bulk_create(adoptions, batch_size=5000)

        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE projects_project AS p SET budget_total = lines.total
                FROM (SELECT project_id, sum(amount) AS total FROM projects_budgetline
                      GROUP BY project_id) AS lines
                WHERE lines.project_id = p.id
                """
            )
            cursor.execute(
                "SELECT count(*) FROM projects_project p WHERE p.status = 'published' "
                "AND NOT EXISTS (SELECT 1 FROM projects_listing l WHERE l.project_id = p.id)"
            )
            missing = cursor.fetchone()[0]
    if missing:
        sys.exit(f"{missing} fiches are not in the catalogue's table: its triggers are off?")
    # Statistics for the planner, and the visibility map that autovacuum keeps in production
    # (index-only scans need it): measure a settled database, not one fresh from a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  filled in {time.perf_counter() - started:.0f} s (catalogue rows set by the triggers)")


def summary_of_data():
    from members.models import Zone
    from projects.models import Adoption, BudgetLine, Project

    through = Project.themes.through.objects.count()
    print(
        f"Data: {Project.objects.published().count():,} published fiches "
        f"({Project.objects.count():,} in all), "
        f"{Zone.objects.count()} zones, "
        f"{BudgetLine.objects.count():,} budget lines, {Adoption.objects.count():,} adoptions, "
        f"{through:,} theme links."
    )


# Measuring


class Page:
    def __init__(self, name, urls, client, before=None):
        self.name, self.urls, self.client = name, urls, client
        self.before = before  # called, untimed, before each request
        self.latencies, self.errors, self.elapsed = [], [], 0.0

    @property
    def rps(self):
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p):
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def get(client, url, errors):
    response = client.get(url)
    if response.status_code != 200:
        errors.append(f"{url} -> {response.status_code}")
    return response


def run(pages, seconds, warmup=20):
    """Each page in turn for a short slice of time, round after round, `seconds` in all per
    page: load that comes and goes on the machine weighs on every page alike, so the ratios
    to the floor hold even when the absolute figures move."""
    for page in pages:
        for i in range(warmup):
            get(page.client, page.urls[i % len(page.urls)], page.errors)
    gc.collect()
    gc.freeze()  # what the warm-up left is kept: the collections below see only new objects
    for _round in range(max(1, round(seconds / SLICE))):
        for page in pages:
            gc.collect()  # untimed: each page pays for its own garbage, not the one before
            started = time.perf_counter()
            timed = 0.0
            while True:
                url = page.urls[len(page.latencies) % len(page.urls)]
                if page.before is not None:
                    page.before()
                t0 = time.perf_counter()
                get(page.client, url, page.errors)
                done = time.perf_counter()
                page.latencies.append(done - t0)
                timed += done - t0
                if done - started >= SLICE:
                    break
            # With a `before`, only the requests count: emptying the caches is not serving.
            page.elapsed += timed if page.before is not None else time.perf_counter() - started


def staff_client():
    from allauth.mfa.totp.internal.auth import TOTP
    from django.test import Client

    from members.models import User

    email = "bench-staff@intersection.bench"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_superuser(email=email, password=None)
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def empty_caches():
    """Every cache empty, as for the first reader after a change. The catalogue caches
    nothing; the default cache holds the rate limits."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def pages_to_measure(anonymous, staff, before=None):
    from projects.models import Project, Theme

    rng = random.Random(1)  # noqa: S311 - which pages to ask for
    public = Project.objects.published().filter(visibility="public")
    slugs = list(public.order_by("-published_at").values_list("slug", flat=True)[:5000])
    themes = list(Theme.objects.values_list("slug", flat=True))
    return [
        Page("floor (empty view)", ["/bench/floor/"], anonymous),
        Page("fiche list", ["/projects/"], anonymous, before),
        Page("faceted list", [FACETED.format(theme=t) for t in themes], anonymous, before),
        Page("search, rare word", [f"/projects/?q={w}" for w in RARE_WORDS], anonymous, before),
        Page("search, common word", [f"/projects/?q={w}" for w in COMMON_WORDS], anonymous, before),
        Page("search, mixed", [f"/projects/?q={w}" for w in SEARCH_WORDS], anonymous, before),
        Page("fiche page", [f"/projects/{s}/" for s in rng.sample(slugs, 50)], anonymous, before),
        Page("admin changelist", ["/admin/projects/project/"], staff, before),
    ]


def measure(seconds, cached):
    """Uncached: every cache emptied (untimed) before each request. Cached: as readers meet
    the site once the caches are warm."""
    from django.test import Client

    anonymous = Client(raise_request_exception=False)
    pages = pages_to_measure(anonymous, staff_client(), before=None if cached else empty_caches)
    run(pages, seconds)
    return pages


def report_table(pages):
    """The figures as a Markdown table; the first page is the floor."""
    floor = pages[0]
    rows = [("page", "requests", "req/s", "p50 ms", "p95 ms", "of floor")]
    for page in pages:
        rows.append(
            (
                page.name,
                f"{len(page.latencies)}",
                f"{page.rps:.0f}",
                f"{page.percentile(50):.1f}",
                f"{page.percentile(95):.1f}",
                f"{page.rps / floor.rps:.3f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


# p95 targets in ms, with every cache empty.
TARGETS = {
    "fiche list": 50,
    "faceted list": 50,
    "search, rare word": 50,
    "search, common word": 100,
    "fiche page": 10,
    "admin changelist": 100,
}


def report(uncached, cached):
    print("\nUncached (every cache empty before each request):\n")
    print(report_table(uncached))
    if cached is not None:
        print("\nCached (warm caches):\n")
        print(report_table(cached))
    by_name = {page.name: page for page in uncached}
    print("\nTargets (p95, uncached):")
    for name, limit in TARGETS.items():
        p95 = by_name[name].percentile(95)
        print(f"  {'met   ' if p95 < limit else 'MISSED'}  {name} < {limit} ms ({p95:.1f})")
    errors = [e for page in uncached + (cached or []) for e in page.errors]
    for error in sorted(set(errors)):
        print(f"ERROR: {error}", file=sys.stderr)
    return not errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refill", action="store_true", help="rebuild the bench database")
    parser.add_argument("--seconds", type=float, default=8.0, help="time budget per page")
    args = parser.parse_args(argv)

    url = configure_environment()
    must_fill = prepare_database(url, args.refill)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.test.utils import override_settings

    started = time.perf_counter()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if pending:
        print(f"  {len(pending)} migrations applied in {time.perf_counter() - started:.0f} s")
    if must_fill:
        print(f"Filling {settings.DATABASES['default']['NAME']} (about a minute)...")
        fill()
    elif pending:
        # A migration may have rewritten rows: settle the table as autovacuum would.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    summary_of_data()

    # Production serves collected, hashed static files: collect them for this run only.
    static_root = tempfile.mkdtemp(prefix="intersection-bench-static-")
    try:
        with override_settings(ROOT_URLCONF="bench.urls", STATIC_ROOT=static_root):
            call_command("collectstatic", verbosity=0, interactive=False)
            print(
                f"Measuring {args.seconds:g} s per page, in slices of {SLICE:g} s taken in turn, "
                f"after a warm-up; {os.cpu_count()} cores, load average "
                f"{os.getloadavg()[0]:.1f}.",
            )
            uncached = measure(args.seconds, cached=False)
            cached = None  # the catalogue caches nothing: there is no warm run to measure
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    ok = report(uncached, cached)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
