"""Full-text search of the fiches.

PostgreSQL: the stored, indexed search vector (kept current by a trigger, see migration 0003),
matched against the query parsed in French, Dutch and a plain configuration, all three
accent-insensitive; ranked; passages highlighted by the database. SQLite: every word must
appear in the title, summary or a section (case-insensitive), in publication order.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

HIGHLIGHT_START = "\u27e6"
HIGHLIGHT_STOP = "\u27e7"
MAX_QUERY_LENGTH = 200
CONFIGS = ("intersection_fr", "intersection_nl", "intersection_simple")
SQLITE_FIELDS = ("title", "summary", "problem", "objectives", "approach", "results", "lessons")
PASSAGE_FIELDS = ("summary", "problem", "objectives", "approach", "results", "lessons")


# The configuration the trigger of migration 0003 indexes each fiche with, by its language.
LANGUAGE_CONFIGS = {"fr": "intersection_fr", "nl": "intersection_nl"}


def _is_postgres():
    return connection.vendor == "postgresql"


# A query of plain words (no quotes, no -, no OR) also matches words that start with them:
# "velo" finds "vélos" (the French stemmer keeps the plural s after a vowel) and "Véloflic".
# Only from four letters on, so that "rue" does not find "rural".
PREFIX_MIN_LENGTH = 4
PLAIN_WORDS = re.compile(r"^[\w\s'\u2019.,;:!?]*$")


def _prefix_query(text):
    if not PLAIN_WORDS.match(text) or re.search(r"\bor\b", text, re.IGNORECASE):
        return None
    words = [word for word in re.findall(r"\w+", text) if not word.isdigit()][:10]
    if not words or any(len(word) < PREFIX_MIN_LENGTH for word in words):
        return None
    return " & ".join(f"{word}:*" for word in words)


def tsquery(text):
    """(SQL, params) of the query that `text` stands for, for the stored search vectors."""
    text = text[:MAX_QUERY_LENGTH]
    parts = [f"websearch_to_tsquery('{config}'::regconfig, %s)" for config in CONFIGS]
    params = [text] * len(CONFIGS)
    prefix = _prefix_query(text)
    if prefix is not None:
        parts.append("to_tsquery('intersection_simple'::regconfig, %s)")
        params.append(prefix)
    return " || ".join(parts), params


def search(queryset, text):
    """Fiches matching `text`. PostgreSQL: the published fiches whose stored vector matches
    (the catalogue itself searches in projects.listing, ranked). SQLite: every word in the
    title, summary or a section, whatever the case."""
    text = text[:MAX_QUERY_LENGTH]
    if _is_postgres():
        query_sql, params = tsquery(text)
        matching = RawSQL(
            f"SELECT project_id FROM projects_listing_search WHERE search_vector @@ ({query_sql})",
            params,
        )
        return queryset.filter(pk__in=matching)
    condition = Q()
    for word in text.split()[:10]:
        any_field = Q()
        for field in SQLITE_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition)


def passages(projects, text):
    """{project id: passage with the matches between HIGHLIGHT_START and HIGHLIGHT_STOP},
    each fiche's words marked where its own language's stemming matches."""
    ids = [project.pk for project in projects]
    if not ids or not _is_postgres():
        return {}
    query_sql, params = tsquery(text)
    configs = " ".join(f"WHEN '{code}' THEN '{cfg}'" for code, cfg in LANGUAGE_CONFIGS.items())
    body = " || ' ' || ".join(f"coalesce(p.{name}, '')" for name in PASSAGE_FIELDS)
    sql = f"""
        SELECT p.id, ts_headline(
          (CASE p.language {configs} ELSE 'intersection_simple' END)::regconfig,
          {body}, ({query_sql}),
          %s)
        FROM projects_project p WHERE p.id = ANY(%s)
    """
    options = (
        f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, "
        "MaxFragments=2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, options, ids])
        return dict(cursor.fetchall())
