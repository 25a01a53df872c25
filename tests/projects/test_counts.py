"""Counts read naturally in every language: none, one, several (plural forms, and a sentence
of its own for none, since French counts 0 as singular)."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from projects.models import Adoption
from tests.factories import make_adoption, make_join_request, make_project

EXPECTED = {
    "fr": [
        ("Aucune zone n'est intéressée.", "Aucune zone ne l'a mis en œuvre."),
        ("1 zone est intéressée.", "1 zone l'a mis en œuvre."),
        ("2 zones sont intéressées.", "2 zones l'ont mis en œuvre."),
    ],
    "nl": [
        ("Geen enkele zone is geïnteresseerd.", "Geen enkele zone heeft het ingevoerd."),
        ("1 zone is geïnteresseerd.", "1 zone heeft het ingevoerd."),
        ("2 zones zijn geïnteresseerd.", "2 zones hebben het ingevoerd."),
    ],
    "en": [
        ("No zone is interested.", "No zone has implemented it."),
        ("1 zone is interested.", "1 zone has implemented it."),
        ("2 zones are interested.", "2 zones have implemented it."),
    ],
}


def counts_of(client, project, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = html.unescape(client.get(project.get_absolute_url()).content.decode())
    start = content.index('data-testid="replication-counts"')
    return " ".join(content[start : content.index("</p>", start)].split())


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("n", [0, 1, 2])
def test_the_replication_counts_read_naturally(client, zone_a, language, n):
    project = make_project(zone=zone_a)
    for _ in range(n):
        make_adoption(project=project)
        make_adoption(project=project, status=Adoption.Status.IMPLEMENTED)

    counts = counts_of(client, project, language)

    interested, implemented = EXPECTED[language][n]
    assert interested in counts
    assert implemented in counts


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Aucune fiche"), ("nl", "Geen enkele projectfiche"), ("en", "No fiche")],
)
def test_an_empty_catalogue_says_so(client, db, language, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = html.unescape(client.get(reverse("projects:list")).content.decode())
    assert text in content
    assert "0 fiche" not in content


@pytest.mark.parametrize(
    ("n", "language", "review", "requests"),
    [
        (0, "fr", "Aucune fiche n'attend de relecture.", "Personne n'attend d'approbation."),
        (1, "fr", "1 fiche attend une relecture.", "1 personne attend une approbation."),
        (2, "fr", "2 fiches attendent une relecture.", "2 personnes attendent une approbation."),
        (
            0,
            "nl",
            "Geen enkele projectfiche wacht op beoordeling.",
            "Niemand wacht op goedkeuring.",
        ),
        (0, "en", "No fiche waits for review.", "Nobody waits for approval."),
        (2, "en", "2 fiches wait for review.", "2 people wait for approval."),
    ],
)
def test_the_staff_dashboard_counts_read_naturally(
    client_for, staff, zone_a, n, language, review, requests
):
    for _ in range(n):
        make_project(zone=zone_a, status="submitted")
        make_join_request(zone=zone_a)
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = " ".join(html.unescape(client.get("/").content.decode()).split())
    assert review in content
    assert requests in content
