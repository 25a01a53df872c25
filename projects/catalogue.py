"""Cached facet counts of the catalogue, invalidated by a version that every visible change bumps.

The counts depend only on the reader's scope (public or members) and the filters in the URL,
never on who the reader is, so one cached answer serves every reader of the same scope.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "projects:catalogue-version"
FACETS_TIMEOUT = 60 * 60


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def bump():
    """Invalidate every cached count once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def cached(scope, params, compute):
    digest = hashlib.sha256(repr(sorted(params)).encode()).hexdigest()[:32]
    key = f"projects:facets:{version()}:{scope}:{digest}"
    return cache.get_or_set(key, compute, FACETS_TIMEOUT)
