from django.db import migrations

PILLARS = ["external_orientation", "problem_solving", "partnership", "accountability", "empowerment"]
FUNCTIONS = [
    "reception",
    "intervention",
    "neighbourhood",
    "victim_assistance",
    "local_investigation",
    "public_order",
    "traffic",
]
THEMES = [
    ("seniors", "Seniors", "Senioren", "Seniors"),
    ("youth-schools", "Jeunes et écoles", "Jongeren en scholen", "Youth and schools"),
    ("bicycle-theft", "Vol de vélos", "Fietsdiefstal", "Bicycle theft"),
    ("street-harassment", "Harcèlement de rue", "Straatintimidatie", "Street harassment"),
    ("domestic-violence", "Violences intrafamiliales", "Intrafamiliaal geweld", "Domestic violence"),
    ("road-safety", "Sécurité routière", "Verkeersveiligheid", "Road safety"),
    ("burglary", "Cambriolages", "Inbraken", "Burglary"),
    ("cybercrime", "Cybercriminalité", "Cybercriminaliteit", "Cybercrime"),
    ("neighbourhood-contact", "Contact avec le quartier", "Wijkcontact", "Neighbourhood contact"),
    ("fraud", "Escroqueries", "Oplichting", "Fraud"),
]


def create(apps, schema_editor):
    Pillar = apps.get_model("projects", "Pillar")
    PoliceFunction = apps.get_model("projects", "PoliceFunction")
    Theme = apps.get_model("projects", "Theme")
    for code in PILLARS:
        Pillar.objects.get_or_create(code=code)
    for code in FUNCTIONS:
        PoliceFunction.objects.get_or_create(code=code)
    for slug, fr, nl, en in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name_fr": fr, "name_nl": nl, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
