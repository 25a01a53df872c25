"""Full-text search of the fiches.

PostgreSQL: the stored, indexed search vector (kept current by a trigger, see migration 0003),
matched against the query parsed in French, Dutch and a plain configuration, all three
accent-insensitive; ranked; passages highlighted by the database. SQLite: every word must
appear in the title, summary or a section (case-insensitive), in publication order.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Concat

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
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config="intersection_simple")


def _query(text):
    query = None
    for config in CONFIGS:
        part = SearchQuery(text, search_type="websearch", config=config)
        query = part if query is None else query | part
    prefix = _prefix_query(text)
    return query | prefix if prefix is not None else query


def search(queryset, text):
    """Fiches matching `text`, best first."""
    text = text[:MAX_QUERY_LENGTH]
    if _is_postgres():
        query = _query(text)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at")
        )
    condition = Q()
    for word in text.split()[:10]:
        any_field = Q()
        for field in SQLITE_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition)


def _fiche_config():
    """Each fiche's own configuration: words are marked only where its stemming matches."""
    whens = [When(language=code, then=Value(cfg)) for code, cfg in LANGUAGE_CONFIGS.items()]
    return Case(*whens, default=Value("intersection_simple"))


def passages(projects, text):
    """{project id: passage with the matches between HIGHLIGHT_START and HIGHLIGHT_STOP}."""
    ids = [project.pk for project in projects]
    if not ids or not _is_postgres():
        return {}
    from .models import Project

    parts = []
    for field in PASSAGE_FIELDS:
        parts += [F(field), Value(" ")]
    rows = (
        Project.objects.filter(pk__in=ids)
        .annotate(
            passage=SearchHeadline(
                Concat(*parts, output_field=TextField()),
                _query(text[:MAX_QUERY_LENGTH]),
                config=_fiche_config(),
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
            )
        )
        .values_list("pk", "passage")
    )
    return dict(rows)
