"""PostgreSQL: the catalogue's table holds every facet value of a fiche, so that counting reads
columns instead of computing them for each of the fiches that match.

- `year` (of publication, in the site's time zone) and `budget` (the budget band) are
  generated from `published_at` and `budget_total` by the database. The time zone and the
  band limits are written here as they are in the settings and in
  `projects.models.BUDGET_BAND_LIMITS`; tests compare the two, so that changing either one
  there asks for a migration that changes them here.
- `pillar_mask` and `function_mask` (bit i: the fiche has the i-th code of PillarCode,
  FunctionCode) are generated from the arrays of codes: the catalogue counts pillars and
  functions by grouping these small numbers, far cheaper than grouping arrays of text. The
  codes are written here in order; a test compares them with the enumerations.
- `awarded` (the fiche has a distinction) is set when the row is written and kept in step by
  triggers on the distinctions.
- An index on the order of the list without a search (newest first) gives its first page
  without sorting the catalogue.

The fiche's trigger also stops rewriting a listing row that has not changed (each save of a
published fiche used to leave a dead row behind). SQLite has no such table (projects.filters).
"""

from django.db import migrations

SCALARS = ["visibility", "owner_zone_id", "published_at", "outcome", "evaluation_kind",
           "language", "budget_total"]  # fmt: skip
TEXTS = [
    "title", "summary", "language", "problem", "data", "causes", "target_group", "territory",
    "objectives", "approach", "rationale", "staffing", "timeline", "difficulties", "tips",
    "results", "lessons", "prerequisites", "adaptations", "kit",
]  # fmt: skip
TIME_ZONE = "Europe/Brussels"
# (band, low included, high excluded), as in projects.models.BUDGET_BAND_LIMITS.
# The codes of projects.models.PillarCode and FunctionCode, in order: bit i of a mask is code i.
PILLARS = ["external_orientation", "problem_solving", "partnership", "accountability",
           "empowerment"]  # fmt: skip
FUNCTIONS = ["reception", "intervention", "neighbourhood", "victim_assistance",
             "local_investigation", "public_order", "traffic"]  # fmt: skip
BANDS = [("small", 0, 1000), ("medium", 1000, 10000), ("large", 10000, 50000),
         ("xlarge", 50000, None)]  # fmt: skip


def _band_case():
    whens = ["WHEN budget_total = 0 THEN 'none'"]
    for band, low, high in BANDS:
        condition = f"budget_total >= {low}" if low else "budget_total > 0"
        if high is not None:
            condition += f" AND budget_total < {high}"
        whens.append(f"WHEN {condition} THEN '{band}'")
    return "CASE " + " ".join(whens) + " END"


def _mask(column, codes):
    return " | ".join(f"(('{code}' = ANY({column}))::int << {i})" for i, code in enumerate(codes))


def _row(prefix, names):
    return ", ".join(f"{prefix}.{name}" for name in names)


def _function(*, current=True):
    """The fiche's trigger function; `current=False`: as migration 0008 left it (no `awarded`,
    and every save rewrote the row)."""
    listed = [*SCALARS, "themes", "pillars", "functions"] + (["awarded"] if current else [])
    awarded = (
        ",\n          EXISTS (SELECT 1 FROM projects_distinction d WHERE d.project_id = NEW.id)"
        if current
        else ""
    )
    unchanged = (
        f"\n  WHERE ROW({_row('l', SCALARS)}) IS DISTINCT FROM ROW({_row('EXCLUDED', SCALARS)})"
        if current
        else ""
    )
    return f"""
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
  INSERT INTO projects_listing AS l (project_id, {", ".join(listed)})
  VALUES (NEW.id, {", ".join(f"NEW.{c}" for c in SCALARS)}, projects_listing_themes_of(NEW.id),
          projects_listing_pillars_of(NEW.id), projects_listing_functions_of(NEW.id){awarded})
  ON CONFLICT (project_id) DO UPDATE SET
    {", ".join(f"{c} = EXCLUDED.{c}" for c in SCALARS)}{unchanged};
  IF TG_OP = 'INSERT' OR OLD.status <> 'published'
     OR ROW({_row("OLD", TEXTS)}) IS DISTINCT FROM ROW({_row("NEW", TEXTS)}) THEN
    INSERT INTO projects_listing_search (project_id, search_vector)
    VALUES (NEW.id, projects_fiche_vector(NEW))
    ON CONFLICT (project_id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""


FORWARD = f"""
ALTER TABLE projects_listing
  ADD COLUMN year smallint GENERATED ALWAYS AS
    (EXTRACT(YEAR FROM published_at AT TIME ZONE '{TIME_ZONE}')) STORED,
  ADD COLUMN budget varchar(12) GENERATED ALWAYS AS ({_band_case()}) STORED,
  ADD COLUMN pillar_mask smallint GENERATED ALWAYS AS ({_mask("pillars", PILLARS)}) STORED,
  ADD COLUMN function_mask smallint GENERATED ALWAYS AS ({_mask("functions", FUNCTIONS)}) STORED,
  ADD COLUMN awarded boolean NOT NULL DEFAULT false;

UPDATE projects_listing l SET awarded = true
WHERE EXISTS (SELECT 1 FROM projects_distinction d WHERE d.project_id = l.project_id);

CREATE INDEX projects_listing_newest ON projects_listing (published_at DESC, project_id DESC);

{_function()}

CREATE OR REPLACE FUNCTION projects_distinction_listing() RETURNS trigger AS $$
BEGIN
  UPDATE projects_listing l SET awarded =
    EXISTS (SELECT 1 FROM projects_distinction d WHERE d.project_id = l.project_id)
  WHERE l.project_id IN (SELECT DISTINCT project_id FROM changed);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER projects_distinction_listing_insert AFTER INSERT ON projects_distinction
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION projects_distinction_listing();
CREATE TRIGGER projects_distinction_listing_delete AFTER DELETE ON projects_distinction
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION projects_distinction_listing();
CREATE TRIGGER projects_distinction_listing_update_old AFTER UPDATE ON projects_distinction
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION projects_distinction_listing();
CREATE TRIGGER projects_distinction_listing_update_new AFTER UPDATE ON projects_distinction
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION projects_distinction_listing();

CREATE OR REPLACE FUNCTION projects_distinction_listing_truncate() RETURNS trigger AS $$
BEGIN
  UPDATE projects_listing SET awarded = false WHERE awarded;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER projects_distinction_listing_truncate AFTER TRUNCATE ON projects_distinction
  FOR EACH STATEMENT EXECUTE FUNCTION projects_distinction_listing_truncate();

ANALYZE projects_listing;
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS projects_distinction_listing_truncate ON projects_distinction;
DROP FUNCTION IF EXISTS projects_distinction_listing_truncate();
DROP FUNCTION IF EXISTS projects_distinction_listing() CASCADE;
{_function(current=False)}
DROP INDEX IF EXISTS projects_listing_newest;
ALTER TABLE projects_listing DROP COLUMN year, DROP COLUMN budget, DROP COLUMN pillar_mask,
  DROP COLUMN function_mask, DROP COLUMN awarded;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0013_distinctions")]

    operations = [migrations.RunPython(forward, backward)]
