"""Full-text search of the fiches.

PostgreSQL: the stored, indexed search vectors (projects_listing_search, kept current by
triggers: see migrations 0008 and 0012), matched against the query parsed in French, Dutch,
German and a plain configuration, all accent-insensitive, singular and plural made one;
ranked; passages highlighted by the database. Each typed word, or run of words, that is a
term of a synonym group stands for every term of its group, in every language: "fiets" finds
"vélos", "ouderen" finds "seniors". SQLite: every word must appear in the title, summary or a
section (case-insensitive), in publication order.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

HIGHLIGHT_START = "\u27e6"
HIGHLIGHT_STOP = "\u27e7"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
CONFIGS = ("intersection_fr", "intersection_nl", "intersection_de", "intersection_simple")
SQLITE_FIELDS = ("title", "summary", "problem", "objectives", "approach", "results", "lessons")
PASSAGE_FIELDS = ("summary", "problem", "objectives", "approach", "results", "lessons")


# The configuration each fiche is indexed with, by its language (migration 0012).
LANGUAGE_CONFIGS = {"fr": "intersection_fr", "nl": "intersection_nl", "de": "intersection_de"}


def _is_postgres():
    return connection.vendor == "postgresql"


# A query of plain words (no quotes, no -, no OR) also matches words that start with them:
# "velo" finds "Véloflic". Only from four letters on, so that "rue" does not find "rural".
PREFIX_MIN_LENGTH = 4
PLAIN_WORDS = re.compile(r"^[\w\s'\u2019.,;:!?]*$")


def _is_plain(text):
    return bool(PLAIN_WORDS.match(text)) and not re.search(r"\bor\b", text, re.IGNORECASE)


def _prefix_query(text):
    if not _is_plain(text):
        return None
    words = [word for word in re.findall(r"\w+", text) if not word.isdigit()][:MAX_WORDS]
    if not words or any(len(word) < PREFIX_MIN_LENGTH for word in words):
        return None
    return " & ".join(f"{word}:*" for word in words)


def _key(word):
    """A word as synonyms are matched: lower case, no accents, no final s or x."""
    word = word.lower()
    if not word.isascii():  # most words have no accent to take off (every search reads them all)
        word = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in word if not unicodedata.combining(c))
    return word[:-1] if len(word) >= 4 and word[-1] in "sx" else word


def _words(text):
    return re.findall(r"\w+", text)


def _synonyms():
    """{tuple of word keys: group} of every term of every synonym group."""
    from .models import SynonymGroup

    index = {}
    for group in SynonymGroup.objects.select_related("theme"):
        for term in group.terms():
            keys = tuple(_key(word) for word in _words(term))
            if keys:
                index.setdefault(keys, []).append(group)
    return index


def _terms(groups):
    """The terms of one or more groups that share a term, once each."""
    return list(dict.fromkeys(term for group in groups for term in group.terms()))


@dataclass
class Query:
    """What a search text stands for: the alternatives of its tsquery (SQL and parameters of
    each: any may match), and the synonym groups that it named."""

    text: str
    branches: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    # The words as typed, without their synonyms: at equal footing, a fiche that uses them
    # comes before one that uses only a synonym.
    literal_branches: list = field(default_factory=list)

    @property
    def sql(self):
        return " || ".join(sql for sql, _p in self.branches) if self.branches else "''::tsquery"

    @property
    def params(self):
        return [p for _sql, params in self.branches for p in params]


def _units(text, index):
    """The typed words in order, each run of words that is a term of a synonym group
    replaced by that group (longest run first)."""
    words = _words(text)[:MAX_WORDS]
    keys = [_key(word) for word in words]
    longest = max((len(term) for term in index), default=1)
    units, i = [], 0
    while i < len(words):
        for length in range(min(longest, len(words) - i), 0, -1):
            group = index.get(tuple(keys[i : i + length]))
            if group is not None:
                units.append(group)
                i += length
                break
        else:
            units.append(words[i])
            i += 1
    return units


def parse(text):
    """The query that `text` stands for (see Query)."""
    text = text[:MAX_QUERY_LENGTH]
    query = Query(text=text)
    query.branches, query.groups = _tsquery(text, _synonyms())
    query.literal_branches, _groups = _tsquery(text, {})
    return query


def _tsquery(text, index):
    """For each configuration, every word or synonym group (any of its terms, as a phrase);
    any configuration may match; words are made singular first, as the fiches' words are.
    (the alternatives, each as (SQL, params); the synonym groups named)."""
    branches, groups = [], []
    if _is_plain(text):
        units = _units(text, index)
        groups = [group for unit in units if not isinstance(unit, str) for group in unit]
        for config in CONFIGS:
            parts, params = [], []
            for unit in units:
                if isinstance(unit, str):
                    parts.append(f"plainto_tsquery('{config}', intersection_singular(%s))")
                    params.append(unit)
                    continue
                terms = _terms(unit)
                parts.append(
                    "("
                    + " || ".join(
                        f"phraseto_tsquery('{config}', intersection_singular(%s))" for _t in terms
                    )
                    + ")"
                )
                params += terms
            if parts:
                branches.append(("(" + " && ".join(parts) + ")", params))
    else:
        for config in CONFIGS:
            branches.append(
                (f"websearch_to_tsquery('{config}', intersection_singular(%s))", [text])
            )
    prefix = _prefix_query(text)
    if prefix is not None:
        branches.append(("to_tsquery('intersection_simple', %s)", [prefix]))
    return branches, groups


def made_once(branches):
    """(SQL, params) of one tsquery value for the alternatives `branches` (Query), made
    by the database beforehand: each distinct alternative once (the configurations often stem
    a word alike), and a word's exact alternative left out when its prefix one is there (it
    finds nothing more). Matching and ranking then read each word once, not once per
    configuration, and the planner sees the query itself."""
    if not branches:
        return "''::tsquery", []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ARRAY[" + ", ".join(f"({sql})::text" for sql, _p in branches) + "]",
            [p for _sql, params in branches for p in params],
        )
        [made] = cursor.fetchone()
    made = list(dict.fromkeys(branch for branch in made if branch))
    prefixed = {branch.replace(":*", "") for branch in made if ":*" in branch}
    made = [branch for branch in made if ":*" in branch or branch not in prefixed]
    if not made:
        return "''::tsquery", []
    return "%s::tsquery", [" | ".join(f"( {branch} )" for branch in made)]


def tsquery(text):
    """(SQL, params) of the query that `text` stands for, for the stored search vectors."""
    query = parse(text)
    return query.sql, query.params


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
        for name in SQLITE_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return queryset.filter(condition)


def passages(projects, query):
    """{project id: passage with the matches between HIGHLIGHT_START and HIGHLIGHT_STOP},
    each fiche's words marked where its own language's stemming matches. `query`: parse()."""
    ids = [project.pk for project in projects]
    if not ids or not _is_postgres():
        return {}
    configs = " ".join(f"WHEN '{code}' THEN '{cfg}'" for code, cfg in LANGUAGE_CONFIGS.items())
    # The passage shows the fiche's own words, not their singular: the words typed and the
    # terms of their synonym groups are also marked where a word starts with them ("vélo"
    # marks "vélos").
    words = [
        *_words(query.text),
        *(w for group in query.groups for t in group.terms() for w in _words(t)),
    ]
    prefixes = sorted({_key(word) for word in words if len(_key(word)) >= PREFIX_MIN_LENGTH})
    query_sql, params = query.sql, list(query.params)
    if prefixes:
        query_sql = f"({query_sql}) || to_tsquery('intersection_simple', %s)"
        params.append(" | ".join(f"{prefix}:*" for prefix in prefixes))
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
