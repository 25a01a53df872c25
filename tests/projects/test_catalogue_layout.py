"""The catalogue's page as a phone gets it: the search box, then the button that unfolds the
filters with the number selected, then the results; every filter a plain link, so that they
work without JavaScript (the browser tests, tests/e2e/test_small_screens.py, look at it in a
375 px window)."""

import re

import pytest
from django.urls import reverse

from projects.models import Theme
from tests.factories import make_project

pytestmark = pytest.mark.django_db

TOGGLE = re.compile(r'<summary[^>]*data-testid="filters-toggle"[^>]*>(.*?)</summary>', re.S)


@pytest.fixture
def fiches(zone_a, zone_b):
    seniors = Theme.objects.get(slug="seniors")
    make_project(zone=zone_a, title="Senior Focus Liège").themes.add(seniors)
    make_project(zone=zone_b, title="Senior Focus Ixelles").themes.add(seniors)
    make_project(zone=zone_b, title="Véloflic")


def _toggle_text(response):
    assert response.status_code == 200
    found = TOGGLE.search(response.content.decode())
    assert found, "no Filters button"
    return " ".join(found.group(1).split())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, "Filters (0 selected)"),
        ({"theme": "seniors"}, "Filters (1 selected)"),
        ({"theme": "seniors", "region": ["brussels", "wallonia"]}, "Filters (3 selected)"),
    ],
)
def test_the_filters_button_says_how_many_values_are_selected(client, fiches, query, expected):
    client.cookies["django_language"] = "en"

    assert _toggle_text(client.get(reverse("projects:list"), query)) == expected


def test_the_filters_button_reads_naturally_in_french(client, fiches):
    assert _toggle_text(client.get(reverse("projects:list"), {"theme": "seniors"})) == (
        "Filtres (1 sélectionné)"
    )


def test_the_search_box_comes_before_the_filters_and_the_filters_before_the_results(client, fiches):
    page = client.get(reverse("projects:list"), {"theme": "seniors"}).content.decode()

    search = page.index('role="search"')
    toggle = page.index('data-testid="filters-toggle"')
    facet = page.index('data-facet="theme"')
    results = page.index('class="project-card"')
    assert search < toggle < facet < results
    # Folded (no "open" attribute): a phone sees the results first; wider screens unfold it.
    assert re.search(r'<details class="filters-fold">\s*<summary', page)
    # The selected value stays in the search form, so a new search keeps the filter.
    assert '<input type="hidden" name="theme" value="seniors">' in page[search:toggle]


def test_the_skip_link_leads_to_a_main_that_takes_the_focus(client):
    page = client.get(reverse("projects:list")).content.decode()

    assert '<a class="skip-link" href="#main">' in page
    assert re.search(r'<main id="main" tabindex="-1"', page)
