"""A search that understands officers in French, Dutch and German (PostgreSQL): singular and
plural as one word, synonym groups across the languages (edited by staff), the reader's
language first at equal relevance, and what a search that finds nothing suggests."""

import html
import re
from urllib.parse import parse_qs

import pytest

from projects.models import SynonymGroup, Theme
from tests.factories import make_project

pytestmark = pytest.mark.django_db

URL = "/projects/"


@pytest.fixture
def postgresql(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("stemming, unaccent and synonym expansion run on PostgreSQL only")


def titles(client, language="fr", **params):
    response = client.get(URL, params, headers={"accept-language": language})
    assert response.status_code == 200
    return re.findall(
        r'<li class="project-card">\s*<h2><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


@pytest.fixture
def fiches(postgresql):
    """Fiches as zones write them, in their own language."""
    specs = [
        ("fr", "Véloflic", "Des agents à vélo gravent les vélos et rendent les vélos volés "
         "retrouvés à leurs propriétaires."),
        ("fr", "Senior Focus", "Des visites de prévention chez les seniors de plus de 65 ans "
         "qui vivent seuls : conseils contre les vols par ruse."),
        ("nl", "Fietsgravering aan het station", "Wijkagenten graveren fietsen op de markt."),
        ("nl", "Aanpak van straatintimidatie", "Wijkagenten en jongeren van de buurt werken "
         "samen tegen intimidatie op straat."),
        ("fr", "Lutte contre le harcèlement de rue", "Une application permet aux victimes de "
         "signaler le harcèlement dans l'espace public."),
        ("fr", "Un café avec un policier", "Les habitants rencontrent l'agent de quartier "
         "autour d'un café, chaque mois."),
        ("de", "Sicherheit für Senioren zu Hause", "Beamte besuchen ältere Menschen und geben "
         "Tipps gegen Trickbetrug an der Haustür."),
        ("fr", "Techno-prévention des cambriolages", "Un conseiller visite les habitations et "
         "conseille serrures et éclairage."),
        ("nl", "Inbraakpreventie in de wijk", "Technopreventieve adviseurs bezoeken woningen "
         "na een inbraak in de straat."),
        ("fr", "Hameçonnage : former les commerçants", "Des ateliers sur les escroqueries en "
         "ligne pour les commerces du centre."),
        ("nl", "Snelheidscontroles aan de schoolpoort", "Verkeersveiligheid rond scholen: "
         "controles en sensibilisering van de buurt."),
    ]  # fmt: skip
    return {
        title: make_project(title=title, summary=summary, language=language)
        for language, title, summary in specs
    }


# (query, reader's language, the fiche that must come first)
QUERIES = [
    ("vélo", "fr", "Véloflic"),
    ("velo", "fr", "Véloflic"),
    ("vélos", "fr", "Véloflic"),
    ("VÉLOS VOLÉS", "fr", "Véloflic"),
    ("vol de vélo", "fr", "Véloflic"),
    ("vélo volé", "fr", "Véloflic"),
    ("vol velo", "fr", "Véloflic"),
    ("bicyclette", "fr", "Véloflic"),
    ("fiets", "nl", "Fietsgravering aan het station"),
    ("fietsen", "nl", "Fietsgravering aan het station"),
    ("personnes âgées", "fr", "Senior Focus"),
    ("personnes agees", "fr", "Senior Focus"),
    ("aînés", "fr", "Senior Focus"),
    ("ouderen", "nl", "Senior Focus"),
    ("elderly", "en", "Senior Focus"),
    ("Senioren zu Hause", "de", "Sicherheit für Senioren zu Hause"),
    ("ältere Menschen", "de", "Sicherheit für Senioren zu Hause"),
    ("straatintimidatie", "nl", "Aanpak van straatintimidatie"),
    ("harcèlement de rue", "fr", "Lutte contre le harcèlement de rue"),
    ("harcelement", "fr", "Lutte contre le harcèlement de rue"),
    ("street harassment", "en", "Lutte contre le harcèlement de rue"),
    ("cambriolage", "fr", "Techno-prévention des cambriolages"),
    ("inbraken", "nl", "Inbraakpreventie in de wijk"),
    ("un café avec le policier", "fr", "Un café avec un policier"),
    ("agents de quartier", "fr", "Un café avec un policier"),
    ("hameçonnage", "fr", "Hameçonnage : former les commerçants"),
    ("phishing", "nl", "Hameçonnage : former les commerçants"),
    ("scholen", "nl", "Snelheidscontroles aan de schoolpoort"),
]


@pytest.mark.parametrize(("query", "language", "first"), QUERIES, ids=[q[0] for q in QUERIES])
def test_a_realistic_search_finds_the_right_fiche_first(client, fiches, query, language, first):
    found = titles(client, language=language, q=query)

    assert found, f"{query!r} finds nothing"
    assert found[0] == first


def test_the_readers_language_comes_first_at_equal_relevance(client, postgresql):
    make_project(title="Gestolen fietsen", summary="Fietsen terug.", language="nl")
    make_project(title="Gestolen fietsen", summary="Fietsen terug.", language="fr")

    dutch = titles(client, language="nl", q="gestolen fietsen")
    french = titles(client, language="fr", q="gestolen fietsen")

    assert len(dutch) == len(french) == 2
    # The same titles: told apart by their language's badge, checked through the order of
    # the links, which differ.
    nl_first = client.get(URL, {"q": "gestolen fietsen"}, headers={"accept-language": "nl"})
    fr_first = client.get(URL, {"q": "gestolen fietsen"}, headers={"accept-language": "fr"})
    assert re.findall(r'<span lang="(\w\w)">', nl_first.content.decode())[0] == "nl"
    assert re.findall(r'<span lang="(\w\w)">', fr_first.content.decode())[0] == "fr"


def test_a_synonym_group_edited_by_staff_takes_effect_at_once(client, fiches):
    assert titles(client, q="biclou") == []

    group = SynonymGroup.objects.get(terms_fr__startswith="vélo, bicyclette")
    group.terms_fr += ", biclou"
    group.save()

    assert titles(client, q="biclou")[0] == "Véloflic"


def test_the_themes_names_are_synonym_groups_from_the_start(db):
    theft = Theme.objects.get(slug="bicycle-theft")

    group = SynonymGroup.objects.get(theme=theft, terms_fr=theft.name_fr)

    assert group.terms() == ["Vol de vélos", "Fietsdiefstal", "Bicycle theft"]


def test_a_search_that_finds_nothing_suggests_the_closest_theme(client, fiches):
    response = client.get(URL, {"q": "vol de trottinettes"}, headers={"accept-language": "en"})
    content = response.content.decode()

    assert 'data-testid="no-result"' in content
    assert re.search(
        r'href="/projects/\?theme=bicycle-theft" data-testid="suggested-theme"', content
    )


def test_a_search_that_finds_nothing_with_filters_offers_to_loosen_them(client, fiches):
    params = {"q": "Véloflic", "language": "nl"}
    content = client.get(URL, params, headers={"accept-language": "en"}).content.decode()

    assert 'data-testid="no-result"' in content
    [link] = re.findall(r'<a href="\?([^"]*)" data-testid="loosen">without “Language”</a>', content)
    assert titles(client, **parse_qs(html.unescape(link))) == ["Véloflic"]
