"""Finding fiches: the full-text search (PostgreSQL: stored vector, unaccent, French and Dutch
stemming, ranking, highlighted passages; SQLite: a plain word match) and the catalogue's facets
(OR within a facet, AND across facets, counts that ignore their own selection, per scope,
never stale after a published change), with the bad input a URL can carry."""

import datetime
import html
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import Zone
from projects import services
from projects.forms import ProjectForm
from projects.models import (
    BUDGET_BAND_LIMITS,
    BudgetBand,
    FunctionCode,
    Pillar,
    PillarCode,
    PoliceFunction,
    Project,
    Theme,
    budget_band_q,
)
from tests.factories import make_budget_line, make_distinction, make_project, make_zone

pytestmark = pytest.mark.django_db

URL = "/projects/"
NOTICE = "Some filters were not understood"


@pytest.fixture
def postgresql(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the stored search vector, unaccent and stemming exist on PostgreSQL only")


postgresql_only = pytest.mark.usefixtures("postgresql")


class Catalogue(HTMLParser):
    """What a reader sees on the list page: the titles in order, and each facet option's
    count and whether it is selected (a link), or its count in a facet's select."""

    def __init__(self, content):
        super().__init__()
        self.titles = []
        self.counts = {}
        self.selected = {}
        self.links = {}
        self._option = None
        self._in_count = self._in_card = self._in_title = False
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "a" and "facet-option" in classes:
            self._option = (attrs["data-facet"], attrs["data-value"])
            self.links[self._option] = attrs["href"]
            if "selected" in classes:
                self.selected.setdefault(self._option[0], set()).add(self._option[1])
        elif tag == "option" and attrs.get("data-facet"):
            # A facet of many values (zones) offers the unselected ones in a select.
            facet, value = attrs["data-facet"], attrs["value"]
            self.counts.setdefault(facet, {})[value] = int(attrs["data-count"])
        elif tag == "span" and "count" in classes and self._option:
            self._in_count = True
        elif tag == "li" and "project-card" in classes:
            self._in_card = True
        elif tag == "h2" and self._in_card:
            self._in_title = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_count = False
        elif tag == "a":
            self._option = None
        elif tag == "h2":
            self._in_title = self._in_card = False

    def handle_data(self, data):
        if self._in_count:
            facet, value = self._option
            self.counts.setdefault(facet, {})[value] = int(data)
        elif self._in_title:
            self.titles[-1] += data


def browse(client, **params):
    response = client.get(URL, params, headers={"accept-language": "en"})
    assert response.status_code == 200
    return response


def catalogue(client, **params):
    return Catalogue(browse(client, **params).content.decode())


def titles(client, **params):
    return catalogue(client, **params).titles


def search_box(response):
    return html.unescape(re.search(r'id="id_q" value="([^"]*)"', response.content.decode())[1])


def passages(response):
    return re.findall(r'<p class="passage">(.*?)</p>', response.content.decode(), re.DOTALL)


def theme(slug):
    """One of the themes that the migrations create (seniors, bicycle-theft...)."""
    return Theme.objects.get(slug=slug)


def edit(project, *, by, **changes):
    """Edit a fiche as its zone does, through the form and the service."""
    data = model_to_dict(project, fields=ProjectForm._meta.fields)
    data.update(changes)
    data = {
        name: [item.pk for item in value] if isinstance(value, list) else value
        for name, value in data.items()
        if value is not None
    }
    form = ProjectForm(data, instance=project)
    assert form.is_valid(), form.errors
    return services.save_project(form=form, by=by)


# Search, on both databases (SQLite matches words with the same accents)


def test_a_search_from_the_list_finds_the_fiche_and_not_the_others(client):
    make_project(title="Vélos volés rendus à leurs propriétaires")
    make_project(title="Un café avec un policier", summary="Rencontrer les habitants.")
    make_project(title="Senior Focus", approach="Des visites aux vélos des aînés.")

    assert sorted(titles(client, q="vélos")) == [
        "Senior Focus",
        "Vélos volés rendus à leurs propriétaires",
    ]
    assert titles(client, q="vélos volés") == ["Vélos volés rendus à leurs propriétaires"]
    assert titles(client, q="habitants") == ["Un café avec un policier"]
    assert titles(client, q="tramway") == []


def test_a_search_finds_only_published_fiches_in_the_readers_scope(client, member_a, member_b):
    make_project(title="Vélos volés: la fiche publique")
    make_project(title="Vélos volés: la fiche des membres", visibility="members")
    make_project(zone=member_a.zone, title="Vélos volés: un brouillon", status="draft")
    make_project(title="Vélos volés: en attente", status="submitted")
    make_project(title="Vélos volés: archivée", status="archived")

    assert titles(client, q="vélos") == ["Vélos volés: la fiche publique"]
    assert catalogue(client, q="vélos").counts["language"] == {"fr": 1}

    for member in (member_a, member_b):
        client.force_login(member)
        assert sorted(titles(client, q="vélos")) == [
            "Vélos volés: la fiche des membres",
            "Vélos volés: la fiche publique",
        ]
        assert catalogue(client, q="vélos").counts["language"] == {"fr": 2}


def test_a_search_for_a_members_only_word_tells_an_anonymous_reader_nothing(client, member_b):
    make_project(title="Opération Hortense", visibility="members", language="nl")

    page = catalogue(client, q="Hortense")

    assert page.titles == []
    assert page.counts == {}
    client.force_login(member_b)
    assert titles(client, q="Hortense") == ["Opération Hortense"]


def test_facets_narrow_a_search_and_count_only_its_results(client):
    theft = theme("bicycle-theft")
    brussels = make_zone(region="brussels")
    in_brussels = make_project(zone=brussels, title="Vélos volés à Ixelles")
    in_wallonia = make_project(title="Vélos volés à Namur", language="nl")
    unrelated = make_project(zone=brussels, title="Un café avec un policier")
    for project in (in_brussels, in_wallonia, unrelated):
        project.themes.add(theft)

    page = catalogue(client, q="vélos", region="brussels")

    assert page.titles == ["Vélos volés à Ixelles"]
    assert page.counts["region"] == {"brussels": 1, "wallonia": 1}
    assert page.counts["theme"] == {"bicycle-theft": 1}
    assert page.counts["language"] == {"fr": 1}
    # The facet links keep the search, so that a shared link gives the same list.
    assert "q=v%C3%A9los" in page.links[("region", "wallonia")]


def test_a_bogus_filter_keeps_the_search_its_text_and_its_order(client):
    make_project(title="Un café avec un policier")
    make_project(title="Vélos volés rendus")

    response = browse(client, q="vélos", theme="nope")

    assert NOTICE in response.content.decode()
    assert Catalogue(response.content.decode()).titles == ["Vélos volés rendus"]
    assert search_box(response) == "vélos"


def test_the_search_box_shows_the_typed_text_inert(client):
    response = browse(client, q='"><script>alert(1)</script>')

    assert "<script>alert(1)" not in response.content.decode()
    assert search_box(response) == '"><script>alert(1)</script>'


@pytest.mark.parametrize(
    "text",
    [
        '"vélo volé" -receleur',
        "vélo OR receleur",
        "a OR b",
        '"',
        '"vélo',
        "!!!",
        "&|:*()",
        "vélo:* & !(",
        "...",
        "-",
        "   ",
        "%",
        "_",
        "'; drop table projects_project; --",
        "' OR 1=1 --",
        "🚲🚓 vélo 👮",
        "vélo\x00",
        "x" * 5000,
        "vélo " * 1000,
        "a" * 200,
    ],
    ids=lambda text: repr(text[:20]),
)
def test_any_search_text_answers_normally(client, text):
    make_project(title="Un vélo volé rendu")
    make_project(title="Un vélo retrouvé chez un receleur")

    response = browse(client, q=text)

    assert 'data-testid="result-count"' in response.content.decode()
    assert Project.objects.count() == 2


def test_sql_wildcards_in_a_search_match_nothing(client):
    make_project(title="Un vélo volé rendu")

    assert titles(client, q="%") == []
    assert titles(client, q="_") == []


# Facets, on both databases


# Each maker gives a new fiche with the facet's i-th value; called twice with the same i,
# two fiches share that value.


def _theme(i):
    slug = ["seniors", "bicycle-theft", "cybercrime"][i]
    project = make_project()
    project.themes.add(theme(slug))
    return slug, project


def _pillar(i):
    code = PillarCode.values[i]
    project = make_project()
    project.pillars.add(Pillar.objects.get(code=code))
    return code, project


def _function(i):
    code = FunctionCode.values[i]
    project = make_project()
    project.functions.add(PoliceFunction.objects.get(code=code))
    return code, project


def _region(i):
    region = ["brussels", "flanders", "abroad"][i]
    return region, make_project(zone=make_zone(region=region))


def _zone(i):
    name = f"Zone de la facette {i}"
    zone = Zone.objects.filter(name=name).first() or make_zone(name=name)
    return zone.slug, make_project(zone=zone)


def _year(i):
    year = [2019, 2021, 2024][i]
    published = datetime.datetime(year, 6, 15, 12, tzinfo=datetime.UTC)
    return str(year), make_project(published_at=published)


def _outcome(i):
    outcome = ["worked", "promising", "did_not_work"][i]
    return outcome, make_project(outcome=outcome)


def _evaluation(i):
    kind = ["internal", "local", "independent"][i]
    return kind, make_project(evaluation_kind=kind)


def _budget(i):
    band, amounts = [("none", []), ("small", ["450.50"]), ("large", ["24000", "900"])][i]
    project = make_project()
    for amount in amounts:
        make_budget_line(project=project, amount=Decimal(amount))
    return band, project


def _language(i):
    language = ["fr", "nl", "de"][i]
    return language, make_project(language=language)


FACETS = {
    "theme": _theme,
    "pillar": _pillar,
    "function": _function,
    "region": _region,
    "zone": _zone,
    "year": _year,
    "outcome": _outcome,
    "evaluation": _evaluation,
    "budget": _budget,
    "language": _language,
}


@pytest.mark.parametrize("facet", FACETS)
def test_values_of_one_facet_combine_with_or_and_every_value_shows_its_count(client, facet):
    make = FACETS[facet]
    first, one = make(0)
    second, two = make(1)
    _same, three = make(1)
    third, four = make(2)

    page = catalogue(client)
    assert page.counts[facet] == {first: 1, second: 2, third: 1}
    assert len(page.titles) == 4

    response = browse(client, **{facet: [first, second]})
    page = Catalogue(response.content.decode())
    assert sorted(page.titles) == sorted([one.title, two.title, three.title])
    assert page.selected[facet] == {first, second}
    assert page.counts[facet] == {first: 1, second: 2, third: 1}
    assert NOTICE not in response.content.decode()

    assert sorted(titles(client, **{facet: third})) == [four.title]


def test_a_fiche_with_two_selected_themes_is_listed_once(client):
    seniors, theft = theme("seniors"), theme("bicycle-theft")
    both = make_project(title="Senior Focus")
    both.themes.add(seniors, theft)

    page = catalogue(client, theme=["seniors", "bicycle-theft"])

    assert page.titles == ["Senior Focus"]
    assert page.counts["theme"] == {"seniors": 1, "bicycle-theft": 1}


def test_facets_combine_with_and_and_each_count_ignores_only_its_own_selection(client):
    seniors, theft = theme("seniors"), theme("bicycle-theft")
    brussels = make_zone(region="brussels")
    wanted = make_project(zone=brussels, title="Senior Focus à Bruxelles")
    other_region = make_project(title="Senior Focus à Namur")
    other_theme = make_project(zone=brussels, title="Vélos volés à Ixelles")
    neither = make_project(title="Vélos volés à Namur")
    for project in (wanted, other_region):
        project.themes.add(seniors)
    for project in (other_theme, neither):
        project.themes.add(theft)

    page = catalogue(client, theme="seniors", region="brussels")

    assert page.titles == ["Senior Focus à Bruxelles"]
    # Theme counts: the fiches of Brussels, whatever their theme.
    assert page.counts["theme"] == {"seniors": 1, "bicycle-theft": 1}
    # Region counts: the seniors fiches, whatever their region.
    assert page.counts["region"] == {"brussels": 1, "wallonia": 1}
    # Other facets: the fiches matching both selections.
    assert page.counts["language"] == {"fr": 1}


def test_the_counts_follow_each_selection_and_are_not_served_from_another(client):
    brussels = make_zone(region="brussels")
    make_project(zone=brussels, language="nl")
    make_project(zone=brussels, language="nl")
    make_project(language="fr")

    assert catalogue(client, region="brussels").counts["language"] == {"nl": 2}
    assert catalogue(client, region="wallonia").counts["language"] == {"fr": 1}
    assert catalogue(client, region=["wallonia", "brussels"]).counts["language"] == {
        "nl": 2,
        "fr": 1,
    }
    assert catalogue(client, q="zzz").counts == {}


def test_budget_bands_count_the_fiches_by_their_total(client):
    for amounts in ([], ["300"], ["300", "400"], ["2500"], ["9000", "500"], ["30000"], ["80000"]):
        project = make_project()
        for amount in amounts:
            make_budget_line(project=project, amount=Decimal(amount))

    counts = catalogue(client).counts["budget"]

    assert counts == {"none": 1, "small": 2, "medium": 2, "large": 1, "xlarge": 1}
    assert len(titles(client, budget=["medium", "xlarge"])) == 3


@pytest.mark.parametrize("reader", ["anonymous", "pending", "member_a", "member_b", "staff"])
def test_counts_respect_the_readers_scope(client, personas, reader):
    make_project(zone=personas["member_a"].zone, language="fr")
    make_project(zone=personas["member_b"].zone, language="nl", visibility="members")
    if personas[reader]:
        client.force_login(personas[reader])

    page = catalogue(client)

    if reader in {"anonymous", "pending"}:
        assert page.counts["language"] == {"fr": 1}
        assert "brussels" not in page.counts["region"]
    else:
        assert page.counts["language"] == {"fr": 1, "nl": 1}
        assert page.counts["region"] == {"wallonia": 1, "brussels": 1}


@pytest.mark.parametrize("first", ["member", "anonymous"])
def test_the_cache_never_serves_one_scopes_counts_to_the_other(client, member_a, first):
    make_project(language="fr")
    make_project(language="nl", visibility="members")
    make_project(language="nl", visibility="members")

    def as_member():
        client.force_login(member_a)
        counts = catalogue(client, outcome="new").counts["language"]
        client.logout()
        return counts

    def as_anonymous():
        return catalogue(client, outcome="new").counts["language"]

    expected = {as_member: {"fr": 1, "nl": 2}, as_anonymous: {"fr": 1}}
    order = [as_member, as_anonymous] if first == "member" else [as_anonymous, as_member]
    for reader in order + order:
        assert reader() == expected[reader]


def test_publishing_archiving_and_editing_show_at_once_in_the_counts(
    client, staff, member_a, django_capture_on_commit_callbacks
):
    public = make_project(zone=member_a.zone, title="Vélos volés rendus", language="fr")
    waiting = make_project(status="submitted", title="Gestolen fietsen", language="nl")
    assert catalogue(client).counts["language"] == {"fr": 1}

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(project=waiting, visibility="public", by=staff)
    page = catalogue(client)
    assert page.counts["language"] == {"fr": 1, "nl": 1}
    assert "Gestolen fietsen" in page.titles

    with django_capture_on_commit_callbacks(execute=True):
        edit(public, by=member_a, language="de", outcome="worked")
    page = catalogue(client)
    assert page.counts["language"] == {"de": 1, "nl": 1}
    assert page.counts["outcome"] == {"worked": 1, "new": 1}

    with django_capture_on_commit_callbacks(execute=True):
        services.archive(project=public, by=staff)
    page = catalogue(client)
    assert page.counts["language"] == {"nl": 1}
    assert page.titles == ["Gestolen fietsen"]


def test_publishing_for_members_only_changes_only_the_members_counts(
    client, staff, member_b, django_capture_on_commit_callbacks
):
    make_project(language="fr")
    waiting = make_project(status="submitted", language="nl")
    catalogue(client)
    client.force_login(member_b)
    catalogue(client)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(project=waiting, visibility="members", by=staff)

    assert catalogue(client).counts["language"] == {"fr": 1, "nl": 1}
    client.logout()
    assert catalogue(client).counts["language"] == {"fr": 1}


def test_bogus_filter_values_are_ignored_with_a_notice(client):
    make_project(title="Vélos volés rendus")
    make_project(title="Un café avec un policier")

    response = browse(
        client, theme="nope", year=["abc", "2021"], budget="zzz", region="mars", page="x"
    )

    content = response.content.decode()
    assert NOTICE in content
    assert sorted(Catalogue(content).titles) == ["Un café avec un policier", "Vélos volés rendus"]
    assert NOTICE not in browse(client).content.decode()


def test_a_searched_and_faceted_list_does_not_query_more_with_more_fiches(
    client, member_a, django_assert_num_queries
):
    theft = theme("bicycle-theft")
    client.force_login(member_a)

    def add_fiche():
        project = make_project(title="Vélos volés", language="fr")
        project.themes.add(theft)
        make_budget_line(project=project)
        make_distinction(project=project)

    add_fiche()
    params = {"q": "vélos", "theme": "bicycle-theft", "language": "fr", "awarded": "yes"}
    browse(client, **params)
    with CaptureQueriesContext(connection) as few:
        browse(client, **params)
    for _ in range(10):
        add_fiche()
    with django_assert_num_queries(len(few)):
        assert len(titles(client, **params)) == 11


# Full-text search on PostgreSQL


@postgresql_only
def test_a_search_ignores_accents_both_ways(client):
    make_project(title="Vélos volés rendus")
    make_project(title="Le velo, premier moyen de transport", summary="Sans accent ici.")
    make_project(title="Un café avec un policier")

    # Singular and plural are one word: the plural typed finds the singular too.
    assert sorted(titles(client, q="velos")) == [
        "Le velo, premier moyen de transport",
        "Vélos volés rendus",
    ]
    # The exact word first, then the plural that it also finds as a prefix.
    assert titles(client, q="VÉLO") == ["Le velo, premier moyen de transport", "Vélos volés rendus"]
    assert titles(client, q="cafe") == ["Un café avec un policier"]


@postgresql_only
def test_a_singular_word_finds_its_plural_after_a_vowel(client):
    # The French stemmer keeps the s of "vélos": words of four letters or more also match
    # as prefixes.
    make_project(title="Vélos volés rendus")

    assert titles(client, q="velo") == ["Vélos volés rendus"]


@postgresql_only
def test_a_short_word_is_not_taken_as_a_prefix(client):
    make_project(title="Sécurité en zone rurale")
    make_project(title="Harcèlement de rue")

    assert titles(client, q="rue") == ["Harcèlement de rue"]


@postgresql_only
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("harcelés", "Stop au harcèlement de rue"),
        ("harceler", "Stop au harcèlement de rue"),
        ("contrôles", "Contrôler la vitesse devant les écoles"),
        ("patrouiller", "Des patrouilles à vélo"),
    ],
)
def test_a_french_search_is_stemmed(client, query, title):
    make_project(title=title)
    make_project(title="Un café avec un policier")

    assert titles(client, q=query) == [title]


@postgresql_only
def test_a_dutch_fiche_is_stemmed_in_dutch(client):
    # A plural query finds the singular only through Dutch stemming: "wijken" is no prefix
    # of "wijk", nor does French stemming reduce it.
    make_project(title="Agenten in de wijk", language="nl")
    make_project(title="Sécurité routière", language="fr")

    assert titles(client, q="wijken") == ["Agenten in de wijk"]
    assert titles(client, q="agenten wijken") == ["Agenten in de wijk"]


@postgresql_only
def test_a_title_match_ranks_above_a_summary_match_above_a_section_match(client):
    # Made best first, so that the newest-first order would list them the other way round.
    make_project(title="Patrouille de quartier")
    make_project(title="Présence en rue", summary="Une patrouille passe chaque soir.")
    make_project(title="Marche exploratoire", approach="Une patrouille accompagne la marche.")
    make_project(title="Un café avec un policier")

    assert titles(client, q="patrouille") == [
        "Patrouille de quartier",
        "Présence en rue",
        "Marche exploratoire",
    ]


@postgresql_only
def test_quotes_and_minus_work_as_in_a_search_engine(client):
    make_project(title="Un vélo volé rendu")
    make_project(title="Un vélo volé chez un receleur")
    make_project(title="Un vol de vélo", summary="Rien à voir avec la phrase.")
    make_project(title="Un café avec un policier")

    assert titles(client, q='"vélo volé" -receleur') == ["Un vélo volé rendu"]
    assert sorted(titles(client, q="receleur OR café")) == [
        "Un café avec un policier",
        "Un vélo volé chez un receleur",
    ]


@postgresql_only
def test_the_matched_passage_is_highlighted_and_the_rest_is_escaped(client):
    # The database drops what it takes for tags from a passage, but not everything that
    # would be markup once on the page.
    make_project(
        title="Restitution",
        summary="Des vélos volés: coût < 500 & gain > 2, <scr<b>ipt>alert(1)</scr<b>ipt> "
        "et &lt;i&gt; tels quels, rendus à leurs propriétaires.",
    )

    response = browse(client, q="volés")

    [passage] = passages(response)
    assert "<mark>volés</mark>" in passage
    assert set(re.findall(r"<[^>]*>", passage)) == {"<mark>", "</mark>"}
    assert "coût &lt; 500 &amp; gain &gt; 2" in passage
    assert "&amp;lt;i&amp;gt;" in passage
    assert "<scr" not in response.content.decode()


@postgresql_only
@pytest.mark.parametrize(
    ("language", "query", "summary", "marked"),
    [
        ("nl", "wijk", "De agenten bezoeken de wijken elke week.", "wijken"),
        ("fr", "harceler", "Une campagne contre le harcèlement dans le tram.", "harcèlement"),
    ],
)
def test_the_passage_highlights_a_match_in_the_fiches_own_language(
    client, language, query, summary, marked
):
    make_project(title="Une fiche", summary=summary, language=language)

    [passage] = passages(browse(client, q=query))

    assert f"<mark>{marked}</mark>" in passage


@postgresql_only
def test_the_search_vector_follows_an_edited_fiche(
    client, member_a, django_capture_on_commit_callbacks
):
    project = make_project(zone=member_a.zone, title="Patrouille à vélo")
    assert titles(client, q="patrouille") == ["Patrouille à vélo"]

    with django_capture_on_commit_callbacks(execute=True):
        project = edit(project, by=member_a, title="Marche exploratoire", approach="Au marché.")

    assert titles(client, q="patrouille") == []
    assert titles(client, q="exploratoire") == ["Marche exploratoire"]
    assert titles(client, q="marché") == ["Marche exploratoire"]

    with django_capture_on_commit_callbacks(execute=True):
        edit(project, by=member_a, language="nl", title="Wandelingen in de wijken")
    assert titles(client, q="wandeling wijk") == ["Wandelingen in de wijken"]


def _listing_row(project):
    with connection.cursor() as cursor:
        cursor.execute(
            "select visibility, themes, pillars, functions, search_vector::text "
            "from projects_listing join projects_listing_search using (project_id) "
            "where project_id = %s",
            [project.pk],
        )
        return cursor.fetchone()


@postgresql_only
def test_the_search_vector_lives_in_the_catalogues_narrow_indexed_table(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexdef from pg_indexes "
            "where tablename = 'projects_listing_search' "
            "and indexname = 'projects_listing_search_idx'"
        )
        [(definition,)] = cursor.fetchall()
        cursor.execute(
            "select count(*) from information_schema.columns "
            "where table_name = 'projects_project' and column_name = 'search_vector'"
        )
        [(in_fiche,)] = cursor.fetchall()
    assert "USING gin (search_vector)" in definition
    assert in_fiche == 0

    project = make_project(title="Vélos volés", summary="Rendus.", approach="Gravure.")
    vector = _listing_row(project)[4]
    # Singular and plural made one before stemming: "vélos" is indexed as "vélo".
    assert {"velo:1A", "vol:2A", "rendu:3B", "gravur:4C"} <= set(vector.replace("'", "").split())


@postgresql_only
def test_the_catalogues_table_follows_every_write_to_a_fiche(
    client, staff, member_a, django_capture_on_commit_callbacks
):
    waiting = make_project(zone=member_a.zone, status="submitted", title="Gestolen fietsen")
    assert _listing_row(waiting) is None

    services.publish(project=waiting, visibility="members", by=staff)
    assert _listing_row(waiting)[:4] == ("members", [], [], [])

    seniors, theft = theme("seniors"), theme("bicycle-theft")
    waiting.themes.add(seniors, theft)
    waiting.pillars.add(Pillar.objects.get(code="partnership"))
    waiting.functions.add(PoliceFunction.objects.get(code="traffic"))
    assert _listing_row(waiting)[1:4] == (
        sorted([seniors.pk, theft.pk]),
        ["partnership"],
        ["traffic"],
    )
    waiting.themes.remove(seniors)
    theft.delete()
    assert _listing_row(waiting)[1] == []

    edit(waiting, by=member_a, title="Marche exploratoire")
    assert "'exploratoir':2A" in _listing_row(waiting)[4]

    services.archive(project=waiting, by=staff)
    assert _listing_row(waiting) is None
    published = make_project()
    published.delete()
    assert _listing_row(published) is None


def _facet_columns(project):
    with connection.cursor() as cursor:
        cursor.execute(
            "select year, budget, awarded, ctid::text from projects_listing where project_id = %s",
            [project.pk],
        )
        return cursor.fetchone()


@postgresql_only
def test_the_catalogues_year_and_budget_band_are_those_of_the_site(db):
    """The table's year (in the site's time zone) and band (BUDGET_BAND_LIMITS) are written in
    a migration: changing the time zone or a limit without a migration fails here."""
    new_year = datetime.datetime(2023, 12, 31, 23, 30, tzinfo=datetime.UTC)
    project = make_project(published_at=new_year)
    assert _facet_columns(project)[0] == timezone.localtime(new_year).year == 2024

    limits = {limit for pair in BUDGET_BAND_LIMITS.values() for limit in pair if limit is not None}
    amounts = {Decimal("0"), Decimal("0.01"), Decimal("9999999.99")}
    amounts |= {limit + step for limit in limits for step in (Decimal("-0.01"), 0)} - {-1}
    for amount in sorted(a for a in amounts if a >= 0):
        Project.objects.filter(pk=project.pk).update(budget_total=amount)
        [band] = [
            band
            for band in BudgetBand.values
            if Project.objects.filter(budget_band_q(band), pk=project.pk).exists()
        ]
        assert _facet_columns(project)[1] == band, amount


@postgresql_only
def test_the_catalogues_masks_have_one_bit_per_code_in_the_order_of_the_enumerations(db):
    """The masks' codes are written in a migration: a new or reordered code fails here."""
    project = make_project()
    for model, enumeration, column in [
        (Pillar, PillarCode, "pillar_mask"),
        (PoliceFunction, FunctionCode, "function_mask"),
    ]:
        relation = project.pillars if model is Pillar else project.functions
        for bit, code in enumerate(enumeration.values):
            relation.set([model.objects.get(code=code)])
            with connection.cursor() as cursor:
                cursor.execute(
                    f"select {column} from projects_listing where project_id = %s",  # noqa: S608
                    [project.pk],
                )
                assert cursor.fetchone()[0] == 1 << bit, code
        relation.clear()


@postgresql_only
def test_the_catalogues_awarded_flag_follows_the_distinctions(db):
    project = make_project()
    assert _facet_columns(project)[2] is False
    first = make_distinction(project=project, year=2020)
    second = make_distinction(project=project, year=2023)
    assert _facet_columns(project)[2] is True
    first.delete()
    assert _facet_columns(project)[2] is True
    second.project = make_project()
    second.save()
    assert _facet_columns(project)[2] is False
    assert _facet_columns(second.project)[2] is True


@postgresql_only
def test_saving_an_unchanged_fiche_leaves_its_catalogue_row_alone(db):
    """No dead row for each save that changes nothing the catalogue reads."""
    project = make_project(title="Marche exploratoire")
    before = _facet_columns(project)[3]
    project.save()
    assert _facet_columns(project)[3] == before
    Project.objects.filter(pk=project.pk).update(outcome=Project.Outcome.WORKED)
    assert _facet_columns(project)[3] != before


# The catalogue's one statement (PostgreSQL) against the ORM's query per facet: the same
# counts, total and fiches on a fixed data set.


@pytest.fixture
def fixed_catalogue(db):
    """Sixty fiches spread over every facet, some for members only, some not published."""
    import random

    rng = random.Random(11)
    zones = [make_zone(region=region) for region in ["brussels", "flanders", "wallonia"] * 2]
    themes = list(Theme.objects.all())
    pillars, functions = list(Pillar.objects.all()), list(PoliceFunction.objects.all())
    words = ["vélos volés", "patrouille de quartier", "harcèlement de rue", "seniors isolés"]
    for n in range(60):
        year = rng.choice([2019, 2021, 2024])
        project = make_project(
            zone=rng.choice(zones),
            title=f"Fiche {n}: {rng.choice(words)}",
            summary=f"Sur les {rng.choice(words)} et les {rng.choice(words)}.",
            language=rng.choice(["fr", "nl", "de"]),
            outcome=rng.choice(Project.Outcome.values),
            evaluation_kind=rng.choice(Project.EvaluationKind.values),
            visibility=rng.choice(["public", "public", "members"]),
            status=rng.choice(["published"] * 5 + ["draft", "archived"]),
            published_at=datetime.datetime(year, rng.randint(1, 12), 10, 12, tzinfo=datetime.UTC),
        )
        project.themes.add(*rng.sample(themes, rng.randint(0, 3)))
        project.pillars.add(*rng.sample(pillars, rng.randint(0, 2)))
        project.functions.add(*rng.sample(functions, rng.randint(0, 2)))
        for _line in range(rng.choice([0, 1, 2])):
            make_budget_line(project=project, amount=Decimal(rng.choice(["300", "4000", "60000"])))
        for year in [2020, 2023][: n % 5 if n % 5 < 3 else 0]:  # none, one or two prizes
            make_distinction(project=project, year=year)
    return zones


SELECTIONS = [
    {},
    {"q": "vélos"},
    {"q": "patrouille quartier"},
    {"theme": ["seniors", "bicycle-theft"]},
    {"theme": ["seniors"], "region": ["brussels"]},
    {"q": "harcèlement", "pillar": ["partnership", "problem_solving"], "language": ["fr"]},
    {"function": ["traffic"], "year": ["2021", "2024"], "outcome": ["worked", "new"]},
    {"budget": ["none", "xlarge"], "evaluation": ["internal", "local"]},
    {"q": "seniors", "budget": ["medium"], "region": ["flanders", "wallonia"]},
    {"zone": "first", "theme": ["cybercrime"]},
    {"q": "introuvable"},
    {"awarded": ["yes"]},
    {"awarded": ["yes"], "q": "vélos", "theme": ["seniors", "bicycle-theft"]},
]


@postgresql_only
@pytest.mark.parametrize("public_only", [True, False], ids=["public", "members"])
@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: "&".join(s) or "nothing")
def test_the_one_statement_counts_as_the_query_per_facet_did(
    fixed_catalogue, selection, public_only
):
    from django.http import QueryDict

    from projects.filters import ProjectFilter

    params = QueryDict(mutable=True)
    for name, values in selection.items():
        if name == "zone":
            values = [fixed_catalogue[0].slug]
        params.setlist(name, [values] if isinstance(values, str) else values)
    listed = Project.objects.published()
    if public_only:
        listed = listed.filter(visibility="public")

    project_filter = ProjectFilter(params, queryset=listed)
    page, counts = project_filter.results(page_number=1, page_size=100, public_only=public_only)
    reference = ProjectFilter(params, queryset=listed)
    expected = {
        facet: {str(key): n for key, n in values.items() if n}
        for facet, values in reference.facet_counts().items()
    }

    assert counts == expected
    assert page.paginator.count == reference.qs.count()
    assert {p.pk for p in page.object_list} == set(reference.qs.values_list("pk", flat=True))
    assert any(counts.values()) == (selection.get("q") != "introuvable")
