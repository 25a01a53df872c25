"""Fixtures shared by the transactional tests of the events app (live server, races)."""

import json

import pytest

# Re-created by the flush itself (post_migrate), with new primary keys.
RECREATED_BY_FLUSH = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(scope="module")
def restore_migrated_data(django_db_setup, django_db_blocker):
    """Leave the database with what the migrations loaded, as the module found it.

    A transactional test ends with a flush of every table, which also empties rows that
    data migrations made (the fiches' themes, for one); transactional tests of other apps
    that run after this module may rely on them. Taken when the module starts (only
    rolled-back tests ran before: pytest-django runs transactional tests last), put back
    when it ends.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    yield
    kept = [row for row in rows if row["model"] not in RECREATED_BY_FLUSH]
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(json.dumps(kept))
