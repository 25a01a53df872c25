"""The catalogue on PostgreSQL: one statement for a page of results, their total and the ten
facet counts, over the narrow table `projects_listing` (one row per published fiche, with
every facet value in a column of its own, kept in step by the database: see migrations 0008
and 0014).

Without a search, each part of the statement reads the table with its own conditions (the
first page of the plain list comes from the index on the date of publication). With a
search, the full-text match runs once, in a materialized CTE, and every part reads its rows.

Each facet counts the rows that match every selection but its own (several values within a
facet combine with OR, facets with AND), as the ORM version in projects.filters does on
SQLite; a test compares the two. So the facets without a selection share one set of rows:
they are counted together in one pass, and each facet with a selection takes a pass of its
own. A pass groups its rows a few times (grouping sets), each time by several facets at once
(the columns together, the themes as a whole array, the masks of pillars and functions
together), then splits the few groups into the facets' values: far fewer rows to hash than
one grouping per facet, or one per theme of every fiche.
"""

from dataclasses import dataclass, field

from django.db import connection

from members.models import Zone

from . import search
from .models import FunctionCode, PillarCode, Project

FACETS = ("theme", "pillar", "function", "region", "zone", "year", "outcome", "evaluation",
          "budget", "language", "awarded")  # fmt: skip
# Facets of one value per fiche, and the column that holds it. Zones and regions are both
# counted by owner zone, then named from the zones table.
COLUMNS = {
    "outcome": "outcome",
    "evaluation": "evaluation_kind",
    "language": "language",
    "year": "year",
    "budget": "budget",
    "awarded": "awarded",
    "zone": "owner_zone_id",
    "region": "owner_zone_id",
}
# Facets of several values per fiche: the themes' array, and the pillars and functions,
# selected and counted by the masks of their codes (bit i: the i-th code of the enumeration),
# made by the database from the arrays of codes (migration 0014).
MASKS = {
    "pillar": ("pillar_mask", PillarCode.values),
    "function": ("function_mask", FunctionCode.values),
}
ZONES = {"zone", "region"}
# The columns of the table that the statement reads (not the arrays of codes).
READ = ["project_id", "published_at", "owner_zone_id", "outcome", "evaluation_kind", "language",
        "year", "budget", "awarded", "themes", "pillar_mask", "function_mask"]  # fmt: skip


@dataclass
class Found:
    ids: list = field(default_factory=list)
    total: int = 0
    counts: dict = field(default_factory=dict)


def _conditions(selection):
    """{facet: (SQL condition on a row `{t}` of the listing, params)} for each selected
    facet (`_where` names the row). Themes and zones are looked up once, not joined for each
    row."""
    conditions = {}
    for name in FACETS:
        values = list(selection.get(name) or [])
        if not values:
            continue
        if name == "theme":
            sql = "{t}.themes && ARRAY(SELECT id FROM projects_theme WHERE slug = ANY(%s))"
        elif name in MASKS:
            column, codes = MASKS[name]
            sql = f"{{t}}.{column} & %s <> 0"
            values = sum(1 << i for i, code in enumerate(codes) if code in values)
        elif name in ZONES:
            # The zones' ids as a list of numbers, which the database looks up by hashing.
            field = "slug__in" if name == "zone" else "region__in"
            sql = "{t}.owner_zone_id = ANY(%s)"
            values = list(Zone.objects.filter(**{field: values}).values_list("pk", flat=True))
        elif name == "year":
            sql = "{t}.year = ANY(%s)"
            values = [int(value) for value in values]
        elif name == "awarded":
            sql = "{t}.awarded"
            values = None
        else:
            sql = f"{{t}}.{COLUMNS[name]} = ANY(%s)"
        conditions[name] = (sql, [] if values is None else [values])
    return conditions


def _where(conditions, but=None):
    """The WHERE clause of every condition but `but`'s, on a row `m` of `matched`."""
    parts = [(sql, params) for name, (sql, params) in conditions.items() if name != but]
    if not parts:
        return "", []
    where = " AND ".join(sql.format(t="m") for sql, _p in parts)
    return "WHERE " + where, [p for _s, ps in parts for p in ps]


def _count(name, names, where, *, total):
    """A pass over the rows of `where`, counting the facets `names`: the CTE `name` holds its
    groups, and the parts return (facet, value, count) rows from them; with `total`, also the
    number of rows ('total'). Zones and regions are both counted by owner zone."""
    columns = [n for n in names if n in COLUMNS and n not in ZONES]
    zones = [n for n in names if n in ZONES]
    tags = [n for n in ("pillar", "function") if n in names]
    sets = {}  # label: the columns grouped together
    if zones:
        sets["zones"] = ["owner_zone_id"]
    if columns:
        sets["columns"] = [COLUMNS[n] for n in columns]
    if "theme" in names:
        sets["themes"] = ["themes"]
    if tags:
        sets["tags"] = [MASKS[n][0] for n in tags]
    grouped = [c for group in sets.values() for c in group]
    label = " ".join(f"WHEN GROUPING(m.{group[0]}) = 0 THEN '{key}'" for key, group in sets.items())
    grouping_sets = [f"({', '.join(f'm.{c}' for c in group)})" for group in sets.values()]
    if total:
        grouping_sets.append("()")
    label = f"CASE {label} ELSE 'total' END" if label else "'total'"
    selected = ", ".join(
        [label + " AS grouping_set", *(f"m.{c}" for c in grouped), "count(*) AS n"]
    )
    cte = f"""{name} AS (
          SELECT {selected} FROM matched m {where}
          GROUP BY GROUPING SETS ({", ".join(grouping_sets)}))"""
    parts = []
    if total:
        parts.append(f"SELECT 'total', NULL, n FROM {name} WHERE grouping_set = 'total'")
    # Zones by slug and regions by name, themes by slug: read from their tables here.
    if "zone" in zones:
        parts.append(
            f"""SELECT 'zone', z.slug, p.n FROM {name} p
                JOIN members_zone z ON z.id = p.owner_zone_id WHERE p.grouping_set = 'zones'"""
        )
    if "region" in zones:
        parts.append(
            f"""SELECT 'region', z.region, sum(p.n) FROM {name} p
                JOIN members_zone z ON z.id = p.owner_zone_id WHERE p.grouping_set = 'zones'
                GROUP BY z.region"""
        )
    if columns:
        # The groups split by each column in turn, in the columns' own types.
        split = " ".join(f"WHEN GROUPING(p.{COLUMNS[n]}) = 0 THEN '{n}'" for n in columns)
        value = ", ".join(
            "CASE WHEN p.awarded THEN 'yes' END" if n == "awarded" else f"p.{COLUMNS[n]}::text"
            for n in columns
        )
        parts.append(
            f"""SELECT CASE {split} END, COALESCE({value}), sum(p.n) FROM {name} p
                WHERE p.grouping_set = 'columns'
                GROUP BY GROUPING SETS ({", ".join(f"(p.{COLUMNS[n]})" for n in columns)})"""
        )
    if "theme" in names:
        parts.append(
            f"""SELECT 'theme', t.slug, sum(p.n) FROM {name} p
                CROSS JOIN LATERAL unnest(p.themes) AS v JOIN projects_theme t ON t.id = v
                WHERE p.grouping_set = 'themes' GROUP BY t.slug"""
        )
    for facet in tags:
        column, codes = MASKS[facet]
        bits = ", ".join(f"('{code}', {1 << i})" for i, code in enumerate(codes))
        parts.append(
            f"""SELECT '{facet}', c.code, sum(p.n) FROM {name} p
                JOIN (VALUES {bits}) AS c(code, bit) ON p.{column} & c.bit <> 0
                WHERE p.grouping_set = 'tags' GROUP BY 2"""
        )
    return cte, parts


def find(*, public_only, selection, query, offset, limit, language=None):
    """The fiches of a page (ids, best first), how many match, and the facet counts.
    `query`: a parsed search (search.parse), or None."""
    text = query is not None
    match = ["l.visibility = 'public'"] if public_only else []
    source = "projects_listing l"
    columns = ", ".join(f"l.{column}" for column in READ)
    params = []
    if text:
        source += " JOIN projects_listing_search s ON s.project_id = l.project_id"
        query_sql, query_params = search.made_once(query.branches)
        match.append(f"s.search_vector @@ {query_sql}")
        # Without synonyms, every fiche that matches has the words as typed.
        literal, literal_params = "true", []
        if query.groups:
            literal_sql, literal_params = search.made_once(query.literal_branches)
            literal = f"s.search_vector @@ {literal_sql}"
        columns += f", ts_rank(s.search_vector, {query_sql}) AS rank, {literal} AS literal"
        params += [*query_params, *literal_params, *query_params]
    conditions = _conditions(selection)
    # With two selections or more, a part only ever reads rows that match all of them but
    # one at most: the others are left out from the start.
    if len(conditions) >= 2:
        match.append(
            " + ".join(f"({sql.format(t='l')})::int" for sql, _p in conditions.values())
            + f" >= {len(conditions) - 1}"
        )
        params += [p for _sql, condition_params in conditions.values() for p in condition_params]
    # With a search or several selections, the rows are found once for every part; with
    # one selection at most, each part reads the table with its own conditions (and the
    # plain list's first page comes from an index).
    materialized = "MATERIALIZED" if text or len(conditions) >= 2 else "NOT MATERIALIZED"
    ctes = [
        f"""matched AS {materialized} (
          SELECT {columns} FROM {source}
          {"WHERE " + " AND ".join(match) if match else ""})"""
    ]
    parts = []

    where, where_params = _where(conditions)
    order, order_params = "m.published_at DESC, m.project_id DESC", []
    if text:
        # The fiches with the words as typed before those found through a synonym; at equal
        # relevance, the fiches in the reader's language first.
        order = (
            "m.literal DESC, round(m.rank::numeric, 4) DESC, (m.language = %s) DESC, "
            "m.published_at DESC, m.project_id DESC"
        )
        order_params = [language or ""]
    # A top-N sort; the positions are numbered in the order the page comes out.
    parts.append(
        f"""SELECT 'page', project_id::text, row_number() OVER () FROM (
              SELECT m.project_id FROM matched m {where}
              ORDER BY {order} LIMIT %s OFFSET %s) AS page"""
    )
    page_params = [*where_params, *order_params, limit, offset]
    # The facets without a selection, and the total, over the rows matching every selection;
    # then each facet with a selection, over the rows matching every other selection.
    passes = [([n for n in FACETS if n not in conditions], where, where_params, True)]
    for name in conditions:
        passes.append(([name], *_where(conditions, but=name), False))
    for i, (names, pass_where, pass_params, total) in enumerate(passes):
        cte, pass_parts = _count(f"pass{i}", names, pass_where, total=total)
        ctes.append(cte)
        params.extend(pass_params)
        parts.extend(pass_parts)
    # The CTEs' parameters come first, then the page's: of the parts, only it has any.
    params.extend(page_params)
    sql = "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL\n".join(f"({p})" for p in parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _found(rows)


def _found(rows):
    found = Found(counts={name: {} for name in FACETS})
    positions = []
    for facet, value, n in rows:
        if facet == "page":
            positions.append((n, int(value)))
        elif facet == "total":
            found.total = int(n)
        elif value is not None:
            found.counts[facet][value] = int(n)
    found.ids = [pk for _n, pk in sorted(positions)]
    return found


def projects(ids):
    """The fiches of `ids`, in that order, as the list shows them."""
    by_pk = Project.objects.filter(pk__in=ids).for_list().order_by().in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]
