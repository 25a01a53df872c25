"""A search that understands officers in French, Dutch and German.

- Synonym groups seeded from the themes' three names and a starter vocabulary of the
  network (staff edit them in the admin; see projects.search).
- PostgreSQL: a German configuration (unaccented, German stemming) for fiches in German; and
  singular and plural made one before stemming, for the fiches' words and the words typed:
  the Snowball stemmers keep the s of a plural after a vowel ("vélos" stays "velos" while
  "vélo" becomes "velo"; likewise "auto's"), so a final s or x after a vowel is dropped from
  words of five letters or more (short words such as "nous", "plus" and "tous" keep theirs).
  Every fiche's vector is computed again.
"""

import unicodedata

from django.db import migrations


SECTIONS = [
    "problem", "data", "causes", "target_group", "territory", "objectives", "approach",
    "rationale", "staffing", "timeline", "difficulties", "tips", "results", "lessons",
    "prerequisites", "adaptations", "kit",
]  # fmt: skip

SQL_FORWARD = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'intersection_de') THEN
    CREATE TEXT SEARCH CONFIGURATION intersection_de (COPY = german);
    ALTER TEXT SEARCH CONFIGURATION intersection_de
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION intersection_singular(t text) RETURNS text AS $$
  SELECT regexp_replace(t, '([[:alpha:]]{{3,}}[aeiouyàâäéèêëîïôöùûü])[sx]([^[:alpha:]]|$)',
                        '\\1\\2', 'gi')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION projects_fiche_vector(p projects_project) RETURNS tsvector AS $$
DECLARE
  cfg regconfig := CASE p.language
    WHEN 'fr' THEN 'intersection_fr'::regconfig
    WHEN 'nl' THEN 'intersection_nl'::regconfig
    WHEN 'de' THEN 'intersection_de'::regconfig
    ELSE 'intersection_simple'::regconfig END;
BEGIN
  RETURN
    setweight(to_tsvector(cfg, intersection_singular(coalesce(p.title, ''))), 'A') ||
    setweight(to_tsvector(cfg, intersection_singular(coalesce(p.summary, ''))), 'B') ||
    setweight(to_tsvector(cfg, intersection_singular(
      concat_ws(' ', {", ".join("p." + f for f in SECTIONS)}))), 'C');
END
$$ LANGUAGE plpgsql STABLE;

UPDATE projects_listing_search s SET search_vector = projects_fiche_vector(p)
FROM projects_project p WHERE p.id = s.project_id;
"""

# (French, Dutch, English): comma-separated terms of one concept.
VOCABULARY = [
    ("vélo, bicyclette", "fiets, rijwiel", "bike, bicycle"),
    ("vol de vélo, vélos volés, vol de vélos", "fietsdiefstal, gestolen fietsen",
     "bicycle theft, bike theft, stolen bikes"),
    ("vol, vols, larcin", "diefstal", "theft"),
    ("personnes âgées, seniors, aînés, troisième âge", "ouderen, senioren, bejaarden",
     "elderly, older people, seniors"),
    ("harcèlement de rue, harcèlement sexiste", "straatintimidatie, seksuele intimidatie",
     "street harassment, catcalling"),
    ("cambriolage, cambriolages", "inbraak, woninginbraak, inbraken", "burglary, break-in"),
    ("agent de quartier, inspecteur de quartier", "wijkagent, wijkinspecteur",
     "community officer, neighbourhood officer"),
    ("quartier", "wijk, buurt", "neighbourhood"),
    ("violences intrafamiliales, violence conjugale", "intrafamiliaal geweld, partnergeweld",
     "domestic violence"),
    ("sécurité routière", "verkeersveiligheid", "road safety"),
    ("vitesse, excès de vitesse", "snelheid, snelheidsovertreding", "speed, speeding"),
    ("jeunes, jeunesse", "jongeren", "young people, youth"),
    ("école, écoles", "school, scholen", "school, schools"),
    ("escroquerie, arnaque, fraude", "oplichting, fraude", "fraud, scam"),
    ("hameçonnage", "phishing", "phishing"),
    ("cybercriminalité", "cybercriminaliteit", "cybercrime"),
    ("victime, victimes", "slachtoffer, slachtoffers", "victim, victims"),
    ("drogue, stupéfiants", "drugs, verdovende middelen", "drugs"),
    ("vandalisme, dégradations", "vandalisme", "vandalism"),
    ("nuisances, incivilités", "overlast", "nuisance, antisocial behaviour"),
]  # fmt: skip


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("projects", "SynonymGroup")
    Theme = apps.get_model("projects", "Theme")
    for theme in Theme.objects.order_by("slug"):
        SynonymGroup.objects.create(
            terms_fr=theme.name_fr, terms_nl=theme.name_nl, terms_en=theme.name_en, theme=theme
        )
    # A group belongs to the first theme that names one of its terms ("vol" and "vélo" to
    # "Vol de vélos"): the theme a search with these words suggests when it finds nothing.
    themes = [
        (theme, {_key(word) for name in (theme.name_fr, theme.name_nl, theme.name_en)
                 for word in name.split()})
        for theme in Theme.objects.order_by("slug")
    ]  # fmt: skip
    for fr, nl, en in VOCABULARY:
        terms = [term.strip() for term in ",".join([fr, nl, en]).split(",") if term.strip()]
        theme = next(
            (theme for term in terms for theme, words in themes
             if {_key(word) for word in term.split()} <= words),
            None,
        )  # fmt: skip
        SynonymGroup.objects.create(terms_fr=fr, terms_nl=nl, terms_en=en, theme=theme)


def _key(word):
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word[:-1] if len(word) >= 4 and word[-1] in "sx" else word


def unseed(apps, schema_editor):
    apps.get_model("projects", "SynonymGroup").objects.all().delete()


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL_FORWARD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_synonym_groups")]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
