"""The association's plan as data: five indicators with their 2025 targets, and replications
without a target. Staff edit and extend them in the admin from then on."""

from decimal import Decimal

from django.db import migrations

INDICATORS = [
    {
        "code": "member-entities",
        "computation": "member_entities",
        "unit": "entities",
        "direction": "band",
        "name_fr": "Entités membres",
        "name_nl": "Leden-entiteiten",
        "name_en": "Member entities",
        "definition_fr": (
            "Le nombre de zones et autres entités dont l'adhésion court le 31 décembre de"
            " l'année (aujourd'hui pour l'année en cours). Une adhésion terminée en cours"
            " d'année ne compte plus pour cette année."
        ),
        "definition_nl": (
            "Het aantal zones en andere entiteiten met een lidmaatschap dat loopt op 31"
            " december van het jaar (vandaag voor het lopende jaar). Een lidmaatschap dat"
            " tijdens het jaar eindigde, telt niet meer mee voor dat jaar."
        ),
        "definition_en": (
            "The number of zones and other entities whose membership runs on 31 December of"
            " the year (today for the current year). A membership that ended during the year"
            " no longer counts for that year."
        ),
        "target": {"kind": "band", "low": 40, "high": 60},
    },
    {
        "code": "seminar-participants",
        "computation": "seminar_participants",
        "unit": "participants",
        "direction": "band",
        "name_fr": "Participants au séminaire annuel",
        "name_nl": "Deelnemers aan het jaarlijkse seminarie",
        "name_en": "Participants in the annual seminar",
        "definition_fr": (
            "Les personnes différentes pointées présentes au séminaire de l'année : membres,"
            " invités partenaires et personnes venues sans inscription. Les inscriptions"
            " annulées et les inscrits absents ne comptent pas ; le nombre d'inscrits est"
            " donné à côté."
        ),
        "definition_nl": (
            "De verschillende personen die op het seminarie van het jaar aanwezig werden"
            " gemeld: leden, partners en wie zonder inschrijving kwam. Geannuleerde"
            " inschrijvingen en ingeschrevenen die niet kwamen tellen niet; het aantal"
            " inschrijvingen staat ernaast."
        ),
        "definition_en": (
            "The distinct people checked in at the year's seminar: members, partner guests"
            " and people who came without registering. Cancelled registrations and people who"
            " registered but did not come do not count; the number registered is shown beside."
        ),
        "target": {"kind": "band", "low": 150, "high": 200, "note": "Stable between 150 and 200."},
    },
    {
        "code": "midi-participants",
        "computation": "midi_participants",
        "unit": "participants",
        "direction": "higher",
        "name_fr": "Participants aux midis de la proximité",
        "name_nl": "Deelnemers aan de midis de la proximité",
        "name_en": "Participants in the midis de la proximité",
        "definition_fr": (
            "Les présences pointées à tous les midis de l'année : une personne venue à deux"
            " midis compte deux fois. Le nombre de personnes différentes est donné à côté."
        ),
        "definition_nl": (
            "De aanwezigheden op alle midis van het jaar: wie op twee midis kwam, telt twee"
            " keer. Het aantal verschillende personen staat ernaast."
        ),
        "definition_en": (
            "Check-ins across all the year's midis: a person who came to two midis counts"
            " twice. The number of distinct people is shown beside."
        ),
        "target": {"kind": "at_least", "low": 100},
    },
    {
        "code": "fiches-shared",
        "computation": "fiches_shared",
        "unit": "fiches",
        "direction": "higher",
        "name_fr": "Fiches partagées par an",
        "name_nl": "Gedeelde fiches per jaar",
        "name_en": "Fiches shared per year",
        "definition_fr": (
            "Les fiches projet publiées pour la première fois dans l'année. Une fiche archivée"
            " compte toujours pour l'année de sa publication ; un brouillon ne compte jamais."
        ),
        "definition_nl": (
            "De projectfiches die in het jaar voor het eerst werden gepubliceerd. Een"
            " gearchiveerde fiche telt nog mee voor het jaar van publicatie; een ontwerp"
            " telt nooit."
        ),
        "definition_en": (
            "Project sheets first published in the year. An archived fiche still counts for"
            " the year it was published; a draft never counts."
        ),
        "target": {"kind": "at_least", "low": 36},
    },
    {
        "code": "prize-quality",
        "computation": "prize_quality",
        "unit": "percent",
        "direction": "higher",
        "name_fr": "Qualité des projets présentés au prix",
        "name_nl": "Kwaliteit van de projecten voor de prijs",
        "name_en": "Quality of the projects entered for the prize",
        "definition_fr": (
            "La note moyenne du jury pour les candidatures au prix du jury de l'édition de"
            " l'année, en pour cent du total pondéré maximal, avec le nombre de candidatures"
            " notées. Elle paraît quand la phase de notation est close. Le plan fixe ce"
            " but « tel qu'analysé par le jury » : pas de cible chiffrée."
        ),
        "definition_nl": (
            "De gemiddelde score van de jury voor de inzendingen voor de juryprijs van de"
            " editie van het jaar, in procent van het maximale gewogen totaal, met het aantal"
            " beoordeelde inzendingen. Ze verschijnt zodra de beoordeling is afgesloten. Het"
            " plan legt dit doel vast „zoals de jury het analyseert”: geen cijfermatig doel."
        ),
        "definition_en": (
            "The jury's mean result for the entries of the year's edition of the jury prize, in"
            " percent of the maximum weighted total, with the number of entries scored. It"
            " appears once scoring has closed. The plan sets this aim “as analysed by the"
            " jury”: no figure as a target."
        ),
        "target": None,
    },
    {
        "code": "replications",
        "computation": "replications",
        "unit": "replications",
        "direction": "higher",
        "name_fr": "Réplications",
        "name_nl": "Overnames",
        "name_en": "Replications",
        "definition_fr": (
            "Les projets d'une zone mis en œuvre par une autre zone dans l'année, avec le"
            " total cumulé. Une mise en œuvre compte pour son année même si la zone a"
            " abandonné le projet plus tard."
        ),
        "definition_nl": (
            "De projecten van een zone die een andere zone in het jaar heeft ingevoerd, met"
            " het cumulatieve totaal. Een invoering telt voor haar jaar, ook als de zone het"
            " project later liet vallen."
        ),
        "definition_en": (
            "Projects of one zone that another zone implemented in the year, with the"
            " cumulative total. An implementation counts for its year even if the zone dropped"
            " the project later."
        ),
        "target": None,
    },
]


def create(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Target = apps.get_model("indicators", "Target")
    for position, data in enumerate(INDICATORS, start=1):
        data = dict(data)
        target = data.pop("target")
        indicator, _created = Indicator.objects.get_or_create(
            code=data.pop("code"), defaults={**data, "position": position}
        )
        if target:
            Target.objects.get_or_create(
                indicator=indicator,
                horizon_year=2025,
                defaults={
                    "kind": target["kind"],
                    "low": Decimal(target["low"]) if "low" in target else None,
                    "high": Decimal(target["high"]) if "high" in target else None,
                    "baseline_year": 2019,
                    "note": target.get("note", ""),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_indicators_targets_snapshots")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
