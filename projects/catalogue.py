"""What the catalogue caches, invalidated by a version that every visible change bumps.

Three things are cached, each valid only for the version it was made under:

- the facet counts, per scope (public or members) and filters in the URL;
- the catalogue's rendered facets and results, per scope, language and URL: they show only
  what every reader of that scope may see (no user, no form token, no message), so one
  cached answer serves every reader of the same scope (see projects.views.project_list);
- the whole page for anonymous readers without messages, per language and URL: the same for
  all of them but for the form token of the language switch, put in for each reader;
- the lists of zones and years that the filters accept.

Each process also keeps the pages it served last, with their version: a reader then costs one
small read of the shared cache (the current version) instead of the transfer of the page.

A published change (publishing, archiving, editing a listed fiche, renaming a theme) bumps
the version once its transaction commits: the next reader gets fresh data. A renamed zone
(in the members app, which knows nothing of this cache) shows within PAGE_TIMEOUT.
"""

import hashlib
import threading
import uuid
from collections import OrderedDict

from django.core.cache import caches
from django.db import transaction

VERSION_KEY = "projects:catalogue-version"


def _cache():
    """A cache of its own: the many URLs of the catalogue never push allauth's rate-limit
    counters out of the default cache."""
    return caches["catalogue"]


FACETS_TIMEOUT = 60 * 60
PAGE_TIMEOUT = 10 * 60


def version():
    current = _cache().get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        _cache().add(VERSION_KEY, current, None)
        current = _cache().get(VERSION_KEY, current)
    return current


def bump():
    """Invalidate everything cached here once the current transaction commits."""
    transaction.on_commit(lambda: _cache().set(VERSION_KEY, uuid.uuid4().hex, None))


def _digest(params):
    """`params` is the query (a QueryDict): every name with all its values makes the key."""
    selection = sorted((name, sorted(values)) for name, values in params.lists())
    return hashlib.sha256(repr(selection).encode()).hexdigest()[:32]


class _Memo:
    """The last values this process used, each with the version it was made under."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


_pages = _Memo(size=64)


def _is_current(entry, current):
    return isinstance(entry, tuple) and len(entry) == 2 and entry[0] == current


def _get_or_compute(key, compute, timeout, memo=None):
    """The value cached under `key` if it was made under the current version, else computed
    and cached. One cache read for both the version and the value, or for the version alone
    when this process still holds the value (`memo`)."""
    remembered = memo.get(key) if memo is not None else None
    if remembered is not None:
        current = _cache().get(VERSION_KEY) or version()
        if _is_current(remembered, current):
            return remembered[1]
        entry = _cache().get(key)
    else:
        found = _cache().get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY) or version()
        entry = found.get(key)
    if _is_current(entry, current):
        value = entry[1]
    else:
        value = compute()
        # Made under `current`: if a change was published meanwhile, the version moved on
        # and this entry is never served.
        _cache().set(key, (current, value), timeout)
    if memo is not None:
        memo.put(key, (current, value))
    return value


def cached(scope, params, compute):
    """The facet counts of a scope and a query."""
    return _get_or_compute(f"projects:facets:{scope}:{_digest(params)}", compute, FACETS_TIMEOUT)


def cached_page(scope, language, params, compute):
    """The rendered catalogue (facets and results) of a scope, a language and a query."""
    key = f"projects:page:{scope}:{language}:{_digest(params)}"
    return _get_or_compute(key, compute, PAGE_TIMEOUT, memo=_pages)


def cached_anonymous_page(language, full_path, compute):
    """The whole catalogue page as anonymous readers without messages see it (see
    projects.views.project_list), by language and exact URL (the page links back to it)."""
    digest = hashlib.sha256(full_path.encode()).hexdigest()[:32]
    key = f"projects:anonymous-page:{language}:{digest}"
    return _get_or_compute(key, compute, PAGE_TIMEOUT, memo=_pages)


def cached_choices(name, compute):
    """Choices of a filter that depend only on the published fiches (zones, years)."""
    return _get_or_compute(f"projects:choices:{name}", compute, FACETS_TIMEOUT)
