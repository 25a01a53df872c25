import importlib

import pytest

PLAN = importlib.import_module("indicators.migrations.0002_plan_indicators_and_2025_targets")


def load_plan():
    """The plan's indicators and targets, as the data migration makes them (idempotent).

    A transactional test elsewhere in the suite ends with a flush of every table, which also
    empties the rows of data migrations; with a reused test database they are then missing."""
    from django.apps import apps

    PLAN.create(apps, None)


@pytest.fixture(autouse=True)
def plan(db):
    load_plan()
