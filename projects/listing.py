"""The catalogue on PostgreSQL: one statement for a page of results, their total and the ten
facet counts, over the narrow table `projects_listing` (one row per published fiche, kept in
step by the database: see migration 0008). Whether a fiche is awarded (has a distinction) is
looked up in the CTE, through the distinctions' index on the fiche.

The full-text match runs once, in a CTE. Each facet counts the rows that match every
selection but its own (several values within a facet combine with OR, facets with AND), as
the ORM version in projects.filters does on SQLite; a test compares the two. So the facets
without a selection share one set of rows: they are counted together in one pass (grouping
sets for the columns, one unnest for the arrays); each facet with a selection takes a pass of
its own.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from members.models import Zone

from .models import BUDGET_BAND_LIMITS, BudgetBand, Project, Theme

FACETS = ("theme", "pillar", "function", "region", "zone", "year", "outcome", "evaluation",
          "budget", "language", "awarded")  # fmt: skip
# Facets of one value per fiche, and the column of `matched` that holds it. Zones and regions
# are both counted by owner zone, then named from the zones table.
COLUMNS = {
    "outcome": "m.outcome",
    "evaluation": "m.evaluation_kind",
    "language": "m.language",
    "year": "m.year",
    "budget": "m.budget",
    "zone": "m.owner_zone_id",
    "region": "m.owner_zone_id",
    "awarded": "m.awarded",
}
# Facets of several values per fiche (arrays of `matched`). Columns and arrays are grouped in
# their own types and only the grouped values are cast to text (casting every row's value or
# array first costs a third of the counting).
ARRAYS = {
    "theme": "m.themes",
    "pillar": "m.pillars",
    "function": "m.functions",
}


def _budget_case():
    whens = []
    for band in BudgetBand.values:
        if band == BudgetBand.NONE:
            whens.append(f"WHEN l.budget_total = 0 THEN '{band}'")
            continue
        low, high = BUDGET_BAND_LIMITS[band]
        condition = f"l.budget_total >= {low}" if low else "l.budget_total > 0"
        if high is not None:
            condition += f" AND l.budget_total < {high}"
        whens.append(f"WHEN {condition} THEN '{band}'")
    return "CASE " + " ".join(whens) + " END"


@dataclass
class Found:
    ids: list = field(default_factory=list)
    total: int = 0
    counts: dict = field(default_factory=dict)


def _conditions(selection):
    """{facet: (SQL condition on a row of `matched`, params)} for each selected facet."""
    conditions = {}
    for name in FACETS:
        values = list(selection.get(name) or [])
        if not values:
            continue
        if name == "theme":
            sql = "m.themes && ARRAY(SELECT id FROM projects_theme WHERE slug = ANY(%s))"
        elif name in ARRAYS:
            sql = f"m.{name}s && %s::varchar[]"
        elif name == "zone":
            sql = "m.owner_zone_id IN (SELECT id FROM members_zone WHERE slug = ANY(%s))"
        elif name == "region":
            sql = "m.owner_zone_id IN (SELECT id FROM members_zone WHERE region = ANY(%s))"
        elif name == "year":
            sql = "m.year = ANY(%s)"
            values = [int(value) for value in values]
        else:
            sql = f"{COLUMNS[name]} = ANY(%s)"
        conditions[name] = (sql, [values])
    return conditions


def _where(conditions, but=None):
    parts = [(sql, params) for name, (sql, params) in conditions.items() if name != but]
    if not parts:
        return "", []
    return "WHERE " + " AND ".join(sql for sql, _p in parts), [p for _s, ps in parts for p in ps]


def _by_columns(names, where):
    """Counts of the facets `names` (of COLUMNS) over one set of rows, in one pass; with the
    empty grouping set, the number of rows ('total'). Zones and regions are counted together
    by owner zone ('zones')."""
    labels = {}
    for name in names:
        labels[COLUMNS[name]] = "zones" if name in {"zone", "region"} else name
    facet = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN '{label}'" for column, label in labels.items()
    )
    value = f"COALESCE({', '.join(f'{c}::text' for c in labels)})" if labels else "NULL::text"
    sets = ", ".join([*(f"({column})" for column in labels), "()"])
    return f"""SELECT CASE {facet} ELSE 'total' END, {value}, count(*)
               FROM matched m {where} GROUP BY GROUPING SETS ({sets})"""


def _by_arrays(names, where):
    """Counts of the facets `names` (of ARRAYS) over one set of rows, in one pass: the
    arrays unnested side by side (the shorter padded with nulls, which count nothing)."""
    unnested = ", ".join(f"unnest({ARRAYS[name]}) AS {name}" for name in names)
    facet = " ".join(f"WHEN GROUPING(u.{name}) = 0 THEN '{name}'" for name in names)
    value = ", ".join(f"u.{name}::text" for name in names)
    sets = ", ".join(f"(u.{name})" for name in names)
    return f"""SELECT CASE {facet} END, COALESCE({value}), count(*)
               FROM (SELECT {unnested} FROM matched m {where}) AS u
               GROUP BY GROUPING SETS ({sets})"""


def find(*, public_only, selection, query, offset, limit, language=None):
    """The fiches of a page (ids, best first), how many match, and the facet counts.
    `query`: a parsed search (search.parse), or None."""
    text = query is not None
    query_sql, query_params = (query.sql, query.params) if query else ("", [])
    match = ["l.visibility = 'public'"] if public_only else []
    source = "projects_listing l"
    if text:
        source += " JOIN projects_listing_search s ON s.project_id = l.project_id"
        match.append(f"s.search_vector @@ ({query_sql})")
    rank = f"ts_rank(s.search_vector, ({query_sql}))" if text else "0.0"
    literal = f"s.search_vector @@ ({query.literal_sql})" if text else "true"
    literal_params = query.literal_params if text else []
    params = [settings.TIME_ZONE, *query_params, *literal_params, *query_params]
    sql = [
        f"""
        WITH matched AS MATERIALIZED (
          SELECT l.project_id, l.owner_zone_id, l.published_at, l.outcome, l.evaluation_kind,
                 l.language, l.themes, l.pillars, l.functions,
                 EXTRACT(YEAR FROM l.published_at AT TIME ZONE %s)::int AS year,
                 {_budget_case()} AS budget, {rank} AS rank, {literal} AS literal,
                 CASE WHEN EXISTS (SELECT 1 FROM projects_distinction d
                                   WHERE d.project_id = l.project_id) THEN 'yes' END AS awarded
          FROM {source}
          {"WHERE " + " AND ".join(match) if match else ""}
        )
        """
    ]
    parts = []

    def add(part, part_params):
        parts.append(part)
        params.extend(part_params)

    conditions = _conditions(selection)
    where, where_params = _where(conditions)
    order, order_params = "m.rank DESC, m.published_at DESC, m.project_id DESC", []
    if text:
        # The fiches with the words as typed before those found through a synonym; at equal
        # relevance, the fiches in the reader's language first.
        order = (
            "m.literal DESC, round(m.rank::numeric, 4) DESC, (m.language = %s) DESC, "
            "m.published_at DESC, m.project_id DESC"
        )
        order_params = [language or ""]
    add(
        # A top-N sort; the positions are numbered in the order the page comes out.
        f"""SELECT 'page', project_id::text, row_number() OVER () FROM (
              SELECT m.project_id FROM matched m {where}
              ORDER BY {order} LIMIT %s OFFSET %s) AS page""",
        [*where_params, *order_params, limit, offset],
    )
    # The facets without a selection, and the total, over the rows matching every selection.
    add(_by_columns([n for n in COLUMNS if n not in conditions], where), where_params)
    unselected = [name for name in ARRAYS if name not in conditions]
    if unselected:
        add(_by_arrays(unselected, where), where_params)
    # Each facet with a selection, over the rows matching every other selection.
    for name in conditions:
        where, where_params = _where(conditions, but=name)
        if name in ARRAYS:
            add(_by_arrays([name], where), where_params)
        else:
            part = f"SELECT '{name}', {COLUMNS[name]}::text, count(*) FROM matched m {where}"
            add(f"{part} GROUP BY 2", where_params)
    sql.append("\nUNION ALL\n".join(f"({part})" for part in parts))
    with connection.cursor() as cursor:
        cursor.execute("".join(sql), params)
        rows = cursor.fetchall()
    return _found(rows, conditions)


def _found(rows, conditions):
    found = Found(counts={name: {} for name in FACETS})
    positions, by_zone = [], {"zone": {}, "region": {}}
    for facet, value, n in rows:
        if facet == "page":
            positions.append((n, int(value)))
        elif facet == "total":
            found.total = int(n)
        elif value is None:
            continue
        elif facet == "zones":
            for name in ("zone", "region"):
                if name not in conditions:
                    by_zone[name][int(value)] = int(n)
        elif facet in by_zone:
            by_zone[facet][int(value)] = int(n)
        else:
            found.counts[facet][value] = int(n)
    found.ids = [pk for _n, pk in sorted(positions)]
    _name(found, by_zone)
    return found


def _name(found, by_zone):
    """Theme ids to slugs, zone ids to slugs and regions: one small query each, if needed."""
    themes = found.counts["theme"]
    if themes:
        slugs = dict(
            Theme.objects.filter(pk__in=[int(v) for v in themes]).values_list("pk", "slug")
        )
        found.counts["theme"] = {slugs[int(v)]: n for v, n in themes.items() if int(v) in slugs}
    ids = {*by_zone["zone"], *by_zone["region"]}
    if not ids:
        return
    zones = {
        pk: (slug, region)
        for pk, slug, region in Zone.objects.filter(pk__in=ids).values_list("pk", "slug", "region")
    }
    for pk, n in by_zone["zone"].items():
        found.counts["zone"][zones[pk][0]] = n
    for pk, n in by_zone["region"].items():
        region = zones[pk][1]
        found.counts["region"][region] = found.counts["region"].get(region, 0) + n


def projects(ids):
    """The fiches of `ids`, in that order, as the list shows them."""
    by_pk = Project.objects.filter(pk__in=ids).for_list().order_by().in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]
