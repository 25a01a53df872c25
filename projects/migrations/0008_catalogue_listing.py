"""PostgreSQL: the catalogue reads narrow tables of its own, one row per published fiche.

`projects_listing` holds what the catalogue filters, counts and orders by: visibility, owner
zone, date of publication, outcome, evaluation, language, budget total, and the themes (ids),
pillars and police functions (codes) as arrays: about a hundred bytes a row, so that the
facet counts of the whole catalogue read a few megabytes. `projects_listing_search` holds the
weighted search vector (in the row, compressed: a match reads it without a detour to TOAST),
read only by a search, for the fiches that match.

The database keeps it in step with the fiches, whoever writes them (the site, the admin, a
script, a bulk load): triggers on the fiches (insert, update, delete, truncate) and on the
three association tables. A fiche that is not published has no row. The search vector is
computed again only when a text or the language changes.

The search vector leaves the fiche's row (and its trigger, index and column). SQLite has
no such table: it counts with the ORM (see projects.filters).
"""

from django.db import migrations

# Indexed with weight C after the title (A) and the summary (B).
SECTIONS = [
    "problem", "data", "causes", "target_group", "territory", "objectives", "approach",
    "rationale", "staffing", "timeline", "difficulties", "tips", "results", "lessons",
    "prerequisites", "adaptations", "kit",
]  # fmt: skip
TEXTS = ["title", "summary", "language", *SECTIONS]
SCALARS = ["visibility", "owner_zone_id", "published_at", "outcome", "evaluation_kind",
           "language", "budget_total"]  # fmt: skip


def _columns(prefix):
    return ", ".join(f"{prefix}.{name}" for name in TEXTS)


VECTOR_FUNCTION = f"""
CREATE OR REPLACE FUNCTION projects_fiche_vector(p projects_project) RETURNS tsvector AS $$
DECLARE
  cfg regconfig := CASE p.language
    WHEN 'fr' THEN 'intersection_fr'::regconfig
    WHEN 'nl' THEN 'intersection_nl'::regconfig
    ELSE 'intersection_simple'::regconfig END;
BEGIN
  RETURN
    setweight(to_tsvector(cfg, coalesce(p.title, '')), 'A') ||
    setweight(to_tsvector(cfg, coalesce(p.summary, '')), 'B') ||
    setweight(to_tsvector(cfg, concat_ws(' ', {", ".join("p." + f for f in SECTIONS)})), 'C');
END
$$ LANGUAGE plpgsql STABLE;
"""

FORWARD = f"""
DROP TRIGGER IF EXISTS projects_project_search_vector ON projects_project;
DROP FUNCTION IF EXISTS projects_project_search_vector();
DROP INDEX IF EXISTS projects_project_search_idx;

CREATE TABLE projects_listing (
  project_id bigint PRIMARY KEY,
  visibility varchar(10) NOT NULL,
  owner_zone_id bigint NOT NULL,
  published_at timestamptz NOT NULL,
  outcome varchar(12) NOT NULL,
  evaluation_kind varchar(12) NOT NULL,
  language varchar(2) NOT NULL,
  budget_total numeric(12, 2) NOT NULL,
  themes bigint[] NOT NULL DEFAULT '{{}}',
  pillars varchar(30)[] NOT NULL DEFAULT '{{}}',
  functions varchar(30)[] NOT NULL DEFAULT '{{}}'
);
CREATE TABLE projects_listing_search (
  project_id bigint PRIMARY KEY,
  search_vector tsvector NOT NULL
);
ALTER TABLE projects_listing_search ALTER COLUMN search_vector SET STORAGE MAIN;
CREATE INDEX projects_listing_search_idx ON projects_listing_search USING gin (search_vector);

{VECTOR_FUNCTION}

CREATE OR REPLACE FUNCTION projects_listing_themes_of(fiche bigint) RETURNS bigint[] AS $$
  SELECT coalesce(array_agg(theme_id ORDER BY theme_id), '{{}}')
  FROM projects_project_themes WHERE project_id = fiche
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION projects_listing_pillars_of(fiche bigint) RETURNS varchar[] AS $$
  SELECT coalesce(array_agg(p.code ORDER BY p.code), '{{}}')
  FROM projects_project_pillars pp JOIN projects_pillar p ON p.id = pp.pillar_id
  WHERE pp.project_id = fiche
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION projects_listing_functions_of(fiche bigint) RETURNS varchar[] AS $$
  SELECT coalesce(array_agg(f.code ORDER BY f.code), '{{}}')
  FROM projects_project_functions pf JOIN projects_policefunction f ON f.id = pf.policefunction_id
  WHERE pf.project_id = fiche
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION projects_listing_from_project() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM projects_listing WHERE project_id = OLD.id;
    DELETE FROM projects_listing_search WHERE project_id = OLD.id;
    RETURN NULL;
  END IF;
  IF NEW.status <> 'published' THEN
    IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
      DELETE FROM projects_listing WHERE project_id = NEW.id;
      DELETE FROM projects_listing_search WHERE project_id = NEW.id;
    END IF;
    RETURN NULL;
  END IF;
  INSERT INTO projects_listing (project_id, {", ".join(SCALARS)}, themes, pillars, functions)
  VALUES (NEW.id, {", ".join(f"NEW.{c}" for c in SCALARS)}, projects_listing_themes_of(NEW.id),
          projects_listing_pillars_of(NEW.id), projects_listing_functions_of(NEW.id))
  ON CONFLICT (project_id) DO UPDATE SET
    {", ".join(f"{c} = EXCLUDED.{c}" for c in SCALARS)};
  IF TG_OP = 'INSERT' OR OLD.status <> 'published'
     OR ROW({_columns("OLD")}) IS DISTINCT FROM ROW({_columns("NEW")}) THEN
    INSERT INTO projects_listing_search (project_id, search_vector)
    VALUES (NEW.id, projects_fiche_vector(NEW))
    ON CONFLICT (project_id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER projects_listing_from_project AFTER INSERT OR UPDATE OR DELETE
  ON projects_project FOR EACH ROW EXECUTE FUNCTION projects_listing_from_project();

CREATE OR REPLACE FUNCTION projects_listing_truncate() RETURNS trigger AS $$
BEGIN
  TRUNCATE projects_listing, projects_listing_search;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER projects_listing_truncate AFTER TRUNCATE
  ON projects_project FOR EACH STATEMENT EXECUTE FUNCTION projects_listing_truncate();
"""


def _association(table, column, function):
    """A statement trigger per event: one update of the arrays for a whole bulk insert."""
    return f"""
CREATE OR REPLACE FUNCTION {table}_listing() RETURNS trigger AS $$
BEGIN
  UPDATE projects_listing l SET {column} = {function}(l.project_id)
  WHERE l.project_id IN (SELECT DISTINCT project_id FROM changed);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_listing_insert AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {table}_listing();
CREATE TRIGGER {table}_listing_delete AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {table}_listing();
CREATE TRIGGER {table}_listing_update AFTER UPDATE ON {table}
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {table}_listing();
"""


ASSOCIATIONS = [
    ("projects_project_themes", "themes", "projects_listing_themes_of"),
    ("projects_project_pillars", "pillars", "projects_listing_pillars_of"),
    ("projects_project_functions", "functions", "projects_listing_functions_of"),
]

FILL = f"""
INSERT INTO projects_listing (project_id, {", ".join(SCALARS)}, themes, pillars, functions)
SELECT p.id, {", ".join(f"p.{c}" for c in SCALARS)}, projects_listing_themes_of(p.id),
       projects_listing_pillars_of(p.id), projects_listing_functions_of(p.id)
FROM projects_project p WHERE p.status = 'published';
INSERT INTO projects_listing_search (project_id, search_vector)
SELECT p.id, projects_fiche_vector(p) FROM projects_project p WHERE p.status = 'published';
"""

BACKWARD = """
DROP TABLE IF EXISTS projects_listing, projects_listing_search;
DROP TRIGGER IF EXISTS projects_listing_from_project ON projects_project;
DROP TRIGGER IF EXISTS projects_listing_truncate ON projects_project;
DROP FUNCTION IF EXISTS projects_listing_from_project();
DROP FUNCTION IF EXISTS projects_listing_truncate();
""" + "".join(
    f"DROP FUNCTION IF EXISTS {table}_listing() CASCADE;\n" for table, _c, _f in ASSOCIATIONS
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)
        for association in ASSOCIATIONS:
            schema_editor.execute(_association(*association))
        schema_editor.execute(FILL)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_adoption_events")]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="project", name="search_vector"),
        migrations.RemoveIndex(model_name="project", name="project_listed_facets_idx"),
    ]
