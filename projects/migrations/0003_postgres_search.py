"""Full-text search on PostgreSQL: accent-insensitive French and Dutch configurations, a
trigger that keeps each fiche's weighted search vector current, and a GIN index on it.

Every operation here is PostgreSQL-only and skipped on other databases (SQLite searches
with a simpler match, see ProjectQuerySet.search).
"""

from django.db import migrations

FIELDS_C = [
    "problem", "data", "causes", "target_group", "territory", "objectives", "approach",
    "rationale", "staffing", "timeline", "difficulties", "tips", "results", "lessons",
    "prerequisites", "adaptations", "kit",
]

FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'intersection_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION intersection_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION intersection_fr
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'intersection_nl') THEN
    CREATE TEXT SEARCH CONFIGURATION intersection_nl (COPY = dutch);
    ALTER TEXT SEARCH CONFIGURATION intersection_nl
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'intersection_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION intersection_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION intersection_simple
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION projects_project_search_vector() RETURNS trigger AS $$
DECLARE
  cfg regconfig := CASE NEW.language
    WHEN 'fr' THEN 'intersection_fr'::regconfig
    WHEN 'nl' THEN 'intersection_nl'::regconfig
    ELSE 'intersection_simple'::regconfig END;
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector(cfg, concat_ws(' ', {", ".join("NEW." + f for f in FIELDS_C)})), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS projects_project_search_vector ON projects_project;
CREATE TRIGGER projects_project_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, language, {", ".join(FIELDS_C)}
  ON projects_project FOR EACH ROW EXECUTE FUNCTION projects_project_search_vector();

CREATE INDEX IF NOT EXISTS projects_project_search_idx
  ON projects_project USING gin (search_vector);

UPDATE projects_project SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS projects_project_search_idx;
DROP TRIGGER IF EXISTS projects_project_search_vector ON projects_project;
DROP FUNCTION IF EXISTS projects_project_search_vector();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_taxonomy")]

    operations = [migrations.RunPython(forward, backward)]
