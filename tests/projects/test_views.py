"""The pages of the fiches as readers meet them: who may open what, what the catalogue and its
facets show, how sections are rendered, and what each page costs in queries.

Pages are asked for in English, so the texts asserted here are the source strings of the
templates and views.
"""

import html
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from projects import services
from projects.models import (
    FICHE_PAGE_LISTS,
    Attachment,
    Partner,
    Pillar,
    PoliceFunction,
    Project,
    ProjectImage,
    Theme,
)
from tests.answers import LOGIN, assert_answer
from tests.factories import (
    make_adoption,
    make_budget_line,
    make_distinction,
    make_project,
    make_zone,
)

PERSONAS = ["anonymous", "pending", "member_a", "reference_a", "member_b", "reference_b", "staff"]
MEMBERS = ["member_a", "reference_a", "member_b", "reference_b"]
ZONE_A = ["member_a", "reference_a"]
ZONE_B = ["member_b", "reference_b"]


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text_of(response):
    return html.unescape(response.content.decode())


def listed_titles(response):
    """The titles of the fiches on a page of the catalogue, in their order."""
    return re.findall(
        r'<li class="project-card">\s*<h2><a href="[^"]*">([^<]*)</a>', text_of(response)
    )


FACET_OPTION = re.compile(
    r'<a href="([^"]*)"[^>]*data-facet="([a-z]+)" data-value="([^"]*)"[^>]*>(.*?)</a>', re.S
)


SELECT_OPTION = re.compile(r'<option value="([^"]*)" data-facet="([a-z]+)" data-count="(\d+)">')


def facet_options(response):
    """{(facet, value): (link, count)} of the facet menus of the catalogue; a facet of many
    values (zones) offers those not selected in a select, without a link."""
    options = {}
    for link, facet, value, inner in FACET_OPTION.findall(response.content.decode()):
        count = re.search(r'<span class="count">(\d+)</span>', inner)
        options[facet, value] = (html.unescape(link), int(count.group(1)))
    for value, facet, count in SELECT_OPTION.findall(response.content.decode()):
        options[facet, value] = (None, int(count))
    return options


def facet_counts(response):
    """{(facet, value): count} as the facet menus of the catalogue show them."""
    return {key: count for key, (_link, count) in facet_options(response).items()}


def make_theme(slug, name):
    return Theme.objects.create(slug=slug, name_fr=name, name_nl=name, name_en=name)


def small_png(size=(4, 3)):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


# Who may open which page


@pytest.fixture
def fiches(zone_a, zone_b, member_a, member_b):
    """Zone A's public fiche (that zone B asked about), its members-only fiche and its draft."""
    public = make_project(zone=zone_a, by=member_a, title="Coffee with a Cop")
    return {
        "public": public,
        "members": make_project(
            zone=zone_a, by=member_a, visibility="members", title="Senior Focus"
        ),
        "draft": make_project(zone=zone_a, by=member_a, status="draft", title="TeamSchool"),
        "adoption": make_adoption(project=public, zone=zone_b, by=member_b),
    }


def _fiche_page(name, fiche):
    return lambda fiches, zone_a: reverse(f"projects:{name}", args=[fiches[fiche].slug])


PAGES = {
    "list": lambda fiches, zone_a: reverse("projects:list"),
    "public fiche": lambda fiches, zone_a: fiches["public"].get_absolute_url(),
    "members-only fiche": lambda fiches, zone_a: fiches["members"].get_absolute_url(),
    "draft of A": lambda fiches, zone_a: fiches["draft"].get_absolute_url(),
    "create": lambda fiches, zone_a: reverse("projects:create"),
    **{
        f"{name} of A's published fiche": _fiche_page(name, "public")
        for name in ("edit", "budget", "files", "history", "review")
    },
    **{
        f"{name} of A's draft": _fiche_page(name, "draft")
        for name in ("edit", "budget", "files", "history", "review")
    },
    "my fiches": lambda fiches, zone_a: reverse("projects:mine"),
    "zone projects": lambda fiches, zone_a: reverse("projects:zone", args=[zone_a.slug]),
    "adoption edit": lambda fiches, zone_a: reverse(
        "projects:adoption_edit", args=[fiches["adoption"].pk]
    ),
    "feed": lambda fiches, zone_a: reverse("projects:feed"),
}

EVERYONE = dict.fromkeys(PERSONAS, 200)
WRITE_PUBLISHED = {
    "anonymous": LOGIN,
    "pending": 403,
    **dict.fromkeys(ZONE_A, 200),
    **dict.fromkeys(ZONE_B, 403),
    "staff": 200,
}
WRITE_DRAFT = {
    "anonymous": LOGIN,
    "pending": 404,
    **dict.fromkeys(ZONE_A, 200),
    **dict.fromkeys(ZONE_B, 404),
    "staff": 200,
}
STAFF_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN, "staff": 200}
MEMBERS_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN, **dict.fromkeys(MEMBERS, 200)}
EXPECTED = {
    "list": EVERYONE,
    "public fiche": EVERYONE,
    "members-only fiche": {**EVERYONE, "anonymous": 404, "pending": 404},
    "draft of A": {**dict.fromkeys(PERSONAS, 404), **dict.fromkeys(ZONE_A, 200), "staff": 200},
    "create": MEMBERS_ONLY,
    **{
        f"{name} of A's published fiche": WRITE_PUBLISHED
        for name in ("edit", "budget", "files", "history")
    },
    **{f"{name} of A's draft": WRITE_DRAFT for name in ("edit", "budget", "files", "history")},
    "review of A's published fiche": STAFF_ONLY,
    "review of A's draft": STAFF_ONLY,
    "my fiches": MEMBERS_ONLY,
    "zone projects": EVERYONE,
    "adoption edit": {
        **dict.fromkeys(PERSONAS, 404),
        "anonymous": LOGIN,
        **dict.fromkeys(ZONE_B, 200),
    },
    "feed": EVERYONE,
}
MATRIX = [
    pytest.param(page, persona, expected, id=f"{page}-{persona}-{expected}")
    for page, by_persona in EXPECTED.items()
    for persona, expected in by_persona.items()
]


def test_the_matrix_covers_every_page_and_every_persona():
    assert set(EXPECTED) == set(PAGES)
    assert all(set(by_persona) == set(PERSONAS) for by_persona in EXPECTED.values())


@pytest.mark.parametrize(("page", "persona", "expected"), MATRIX)
def test_each_persona_gets_what_it_may_see(
    client_for, personas, fiches, zone_a, page, persona, expected
):
    url = PAGES[page](fiches, zone_a)

    response = client_for(personas[persona]).get(url)

    assert_answer(response, url, expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_catalogue_lists_only_what_the_reader_may_open(client_for, personas, fiches, persona):
    titles = listed_titles(client_for(personas[persona]).get(reverse("projects:list")))

    assert "Coffee with a Cop" in titles
    assert ("Senior Focus" in titles) is (persona not in {"anonymous", "pending"})
    assert "TeamSchool" not in titles


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_feed_carries_public_fiches_only_whoever_asks(client_for, personas, fiches, persona):
    response = client_for(personas[persona]).get(reverse("projects:feed"))

    content = text_of(response)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Coffee with a Cop</title>" in content
    assert fiches["public"].get_absolute_url() in content
    assert "Senior Focus" not in content
    assert "TeamSchool" not in content


def test_the_feed_leaves_out_archived_and_submitted_fiches(client, zone_a):
    make_project(zone=zone_a, title="Framed")
    make_project(zone=zone_a, status="archived", title="Hortense Padup")
    make_project(zone=zone_a, status="submitted", title="Véloflic")

    content = text_of(client.get(reverse("projects:feed")))

    assert "Framed" in content
    assert "Hortense Padup" not in content
    assert "Véloflic" not in content


def test_the_catalogue_links_to_the_feed(client, fiches):
    content = text_of(client.get(reverse("projects:list")))

    assert f'href="{reverse("projects:feed")}"' in content
    assert 'type="application/atom+xml"' in content


def test_an_unknown_fiche_answers_404(client_for, member_a):
    assert client_for(member_a).get("/projects/no-such-fiche/").status_code == 404


def test_the_draft_says_only_the_zone_sees_it(client_for, member_a, fiches):
    content = text_of(client_for(member_a).get(fiches["draft"].get_absolute_url()))

    assert "Draft: only your zone sees it." in content


def test_a_co_owner_zone_sees_and_edits_the_draft(client_for, member_b, fiches, zone_b):
    draft = fiches["draft"]
    draft.co_owner_zones.add(zone_b)
    client = client_for(member_b)

    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(reverse("projects:edit", args=[draft.slug])).status_code == 200


def test_the_edit_links_are_shown_to_the_zone_only(client_for, member_a, member_b, fiches):
    edit_url = reverse("projects:edit", args=[fiches["public"].slug])

    assert edit_url in text_of(client_for(member_a).get(fiches["public"].get_absolute_url()))
    assert edit_url not in text_of(client_for(member_b).get(fiches["public"].get_absolute_url()))


# Sections written in Markdown

ATTACKS = (
    "<script>alert(1)</script>\n\n"
    "[x](javascript:alert(1))\n\n"
    "<img src=x onerror=alert(1)>\n\n"
    '<a href="#" onclick="x()">click</a>\n\n'
)
FORMATTING = (
    "We met **every school** of the zone.\n\n"
    "- a first visit\n"
    "- a second visit\n\n"
    "See [the report](https://www.example.org/report)."
)


def test_markdown_in_a_section_renders_inert_but_formatted(client, zone_a):
    fiche = make_project(zone=zone_a, approach=ATTACKS + FORMATTING, tips=ATTACKS)

    response = client.get(fiche.get_absolute_url())

    page = response.content.decode().lower()
    assert response.status_code == 200
    for forbidden in ("script", "onerror", "onclick", "javascript:", "alert(1)"):
        assert forbidden not in page
    content = response.content.decode()
    assert "<strong>every school</strong>" in content
    assert re.search(r"<ul>\s*<li>a first visit</li>\s*<li>a second visit</li>\s*</ul>", content)
    assert re.search(r'<a href="https://www.example.org/report"[^>]*>the report</a>', content)


def test_markdown_in_the_summary_is_rendered_inert_too(client, zone_a):
    fiche = make_project(zone=zone_a, summary="**Bold** start. " + ATTACKS)

    page = client.get(fiche.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in page
    assert "onerror" not in page.lower()
    assert "<script" not in page.lower()


# The catalogue: facets, counts and search


@pytest.fixture
def catalogue(zone_a, zone_b):
    """Four public fiches: seniors in Wallonia and in Brussels, bicycles in Brussels, and one
    fiche in Wallonia without theme."""
    seniors = Theme.objects.get(slug="seniors")
    bicycles = Theme.objects.get(slug="bicycle-theft")
    fiches = {
        "seniors wallonia": make_project(zone=zone_a, title="Senior Focus Liège"),
        "bicycles brussels": make_project(zone=zone_b, title="Véloflic", summary="Vol de vélo."),
        "no theme wallonia": make_project(zone=zone_a, title="Coffee with a Cop"),
        "seniors brussels": make_project(zone=zone_b, title="Senior Focus Ixelles"),
    }
    fiches["seniors wallonia"].themes.add(seniors)
    fiches["bicycles brussels"].themes.add(bicycles)
    fiches["seniors brussels"].themes.add(seniors)
    return fiches


def test_the_catalogue_lists_the_newest_fiches_first(client, catalogue):
    titles = listed_titles(client.get(reverse("projects:list")))

    assert titles == [
        "Senior Focus Ixelles",
        "Coffee with a Cop",
        "Véloflic",
        "Senior Focus Liège",
    ]


def test_two_values_of_a_facet_show_the_fiches_of_either(client, catalogue):
    response = client.get(reverse("projects:list"), {"theme": ["seniors", "bicycle-theft"]})

    assert sorted(listed_titles(response)) == [
        "Senior Focus Ixelles",
        "Senior Focus Liège",
        "Véloflic",
    ]


def test_two_facets_show_the_fiches_that_match_both(client, catalogue):
    response = client.get(reverse("projects:list"), {"theme": "seniors", "region": "brussels"})

    assert listed_titles(response) == ["Senior Focus Ixelles"]
    assert "1 fiche" in text_of(response)


def test_a_facet_still_counts_its_other_values_when_one_is_selected(client, catalogue):
    response = client.get(reverse("projects:list"), {"theme": "seniors"})

    counts = facet_counts(response)
    assert counts[("theme", "seniors")] == 2
    assert counts[("theme", "bicycle-theft")] == 1
    # The other facets count within the selection.
    assert counts[("region", "wallonia")] == 1
    assert counts[("region", "brussels")] == 1


def test_each_selection_gets_its_own_counts_although_counts_are_cached(client, catalogue):
    client.get(reverse("projects:list"), {"theme": "seniors"})

    response = client.get(reverse("projects:list"), {"theme": "bicycle-theft"})

    counts = facet_counts(response)
    assert counts[("region", "brussels")] == 1
    assert ("region", "wallonia") not in counts


def test_each_search_gets_its_own_counts_although_counts_are_cached(client, catalogue):
    client.get(reverse("projects:list"), {"q": "Senior"})

    response = client.get(reverse("projects:list"), {"q": "Coffee"})

    assert listed_titles(response) == ["Coffee with a Cop"]
    counts = facet_counts(response)
    assert counts[("region", "wallonia")] == 1
    assert ("region", "brussels") not in counts
    assert ("theme", "seniors") not in counts


def test_the_facet_links_add_and_remove_a_value(client, catalogue):
    response = client.get(reverse("projects:list"), {"theme": "seniors"})

    options = facet_options(response)
    assert options["theme", "bicycle-theft"][0] == "?theme=seniors&theme=bicycle-theft"
    assert options["theme", "seniors"][0] == "?"
    assert options["region", "brussels"][0] == "?theme=seniors&region=brussels"


def test_a_search_finds_a_word_of_the_summary(client, catalogue):
    response = client.get(reverse("projects:list"), {"q": "vélo"})

    assert listed_titles(response) == ["Véloflic"]


@pytest.mark.parametrize(
    "text",
    ['"senior -focus', "!!! ??? ***", "a" * 500, "' OR 1=1 --", "&|!():*", "   "],
    ids=["quote and minus", "punctuation", "very long", "sql", "operators", "blank"],
)
def test_a_search_with_operators_or_punctuation_answers_normally(client, catalogue, text):
    response = client.get(reverse("projects:list"), {"q": text})

    assert response.status_code == 200
    assert "Project sheets" in text_of(response)


@pytest.mark.parametrize(
    "params",
    [{"theme": "no-such-theme"}, {"year": "nineteen"}, {"budget": "huge"}, {"region": "mars"}],
    ids=["theme", "year", "budget", "region"],
)
def test_an_unknown_facet_value_is_ignored_with_a_notice(client, catalogue, params):
    response = client.get(reverse("projects:list"), params)

    assert response.status_code == 200
    assert "Some filters were not understood and are ignored." in text_of(response)
    assert len(listed_titles(response)) == 4


def test_an_unknown_facet_value_keeps_the_search_that_was_typed(client, catalogue):
    response = client.get(reverse("projects:list"), {"q": "vélo", "theme": "no-such-theme"})

    content = text_of(response)
    assert "Some filters were not understood and are ignored." in content
    assert listed_titles(response) == ["Véloflic"]
    assert 'name="q" id="id_q" value="vélo"' in content


def test_a_publication_shows_at_once_in_the_list_and_its_counts(
    client, catalogue, zone_a, staff, django_capture_on_commit_callbacks
):
    before = client.get(reverse("projects:list"))
    assert facet_counts(before)[("theme", "seniors")] == 2
    fiche = make_project(zone=zone_a, status="submitted", title="Senior Focus Seraing")
    fiche.themes.add(Theme.objects.get(slug="seniors"))

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(project=fiche, visibility=Project.Visibility.PUBLIC, by=staff)
    response = client.get(reverse("projects:list"))

    assert "Senior Focus Seraing" in listed_titles(response)
    assert facet_counts(response)[("theme", "seniors")] == 3
    assert facet_counts(response)[("region", "wallonia")] == 3


def test_members_only_fiches_are_not_counted_for_the_public(
    client_for, catalogue, zone_a, member_a
):
    fiche = make_project(zone=zone_a, visibility="members", title="Internal only")
    fiche.themes.add(Theme.objects.get(slug="seniors"))

    public = client_for(None).get(reverse("projects:list"))
    members = client_for(member_a).get(reverse("projects:list"))

    assert facet_counts(public)[("theme", "seniors")] == 2
    assert facet_counts(members)[("theme", "seniors")] == 3
    assert "Internal only" not in listed_titles(public)


def test_the_catalogue_counts_budget_bands(client, catalogue):
    make_budget_line(project=catalogue["bicycles brussels"], amount=Decimal("4500"))

    counts = facet_counts(client.get(reverse("projects:list")))

    assert counts[("budget", "medium")] == 1
    assert counts[("budget", "none")] == 3


# What each page costs: the STYLE.md recipe. Nothing is cached: every reader's request
# computes the page, its total and its counts.


def assert_queries_do_not_grow(client, url, params, add_rows, assert_num):
    client.get(url, params)  # warm-up
    with CaptureQueriesContext(connection) as few:
        first = client.get(url, params)
    assert first.status_code == 200
    few_queries = len(few)  # read now: the next request empties the log that `few` reads
    add_rows()
    with assert_num(few_queries):
        response = client.get(url, params)
    return first, response


def add_listed_fiches(theme):
    """Ten published fiches, each in a new zone with a new theme, half of them public."""
    for n in range(10):
        fiche = make_project(
            zone=make_zone(region=["wallonia", "flanders"][n % 2]),
            visibility=["public", "members"][n % 2],
            title=f"Bike patrol {n}",
            language=["fr", "nl"][n % 2],
        )
        fiche.themes.add(theme, make_theme(f"theme-{n}", f"Theme {n}"))
        make_budget_line(project=fiche, amount=Decimal(100 * n))


@pytest.mark.parametrize("persona", ["anonymous", "member_a"])
@pytest.mark.parametrize(
    "params",
    [{}, {"theme": "bikes"}, {"theme": "bikes", "region": "wallonia"}, {"q": "patrol"}],
    ids=["plain", "facet", "two facets", "search"],
)
def test_the_catalogue_queries_do_not_grow_with_fiches_themes_or_zones(
    client_for, personas, zone_a, persona, params, django_assert_num_queries
):
    bikes = make_theme("bikes", "Bikes")
    make_project(zone=zone_a, title="Bike patrol of Liège").themes.add(bikes)
    client = client_for(personas[persona])

    first, response = assert_queries_do_not_grow(
        client,
        reverse("projects:list"),
        params,
        lambda: add_listed_fiches(bikes),
        django_assert_num_queries,
    )

    # The rows added are on the page and in the counts: the reader sees them.
    members_only_shown = 0 if persona == "anonymous" or "region" in params else 5
    shown = 1 + 5 + members_only_shown
    assert len(listed_titles(first)) == 1
    assert len(listed_titles(response)) == shown
    zone_counts = [n for (facet, _value), n in facet_counts(response).items() if facet == "zone"]
    assert sum(zone_counts) == shown


def add_to_the_fiche(fiche, numbers, author):
    """One of everything a fiche page shows for each of `numbers`."""
    png = small_png()
    for n in numbers:
        make_budget_line(project=fiche, label=f"Line {n}", amount=Decimal(10 + n))
        ProjectImage.objects.create(
            project=fiche,
            image=ContentFile(png, name=f"photo{n}.png"),
            thumbnail=ContentFile(png, name=f"photo{n}_thumb.png"),
            caption=f"Photo {n}",
            uploaded_by=author,
        )
        Attachment.objects.create(
            project=fiche,
            file=ContentFile(b"%PDF-1.4 small", name=f"report{n}.pdf"),
            title=f"Report {n}",
            kind="pdf",
            size=14,
            uploaded_by=author,
        )
        make_adoption(
            project=fiche, status=["interested", "preparing", "implemented", "dropped"][n % 4]
        )
        fiche.themes.add(make_theme(f"theme-{n}", f"Theme {n}"))
        fiche.co_owner_zones.add(make_zone())
        fiche.partners.add(Partner.objects.create(name=f"School {n}", kind="school"))
        make_distinction(project=fiche, year=2000 + n, label_en=f"Prize {n}")


# The fiche with all its lists is one query (Project.objects.for_detail()); a signed-in reader
# adds the session and the user, staff their second factor, and those who may edit the fiche
# the co-owner invitations they wait for.
@pytest.mark.parametrize(
    ("persona", "queries"), [("anonymous", 1), ("member_a", 4), ("member_b", 3), ("staff", 5)]
)
def test_the_fiche_page_queries_do_not_grow_with_what_the_fiche_holds(
    client_for,
    personas,
    zone_a,
    member_a,
    persona,
    queries,
    settings,
    tmp_path,
    django_assert_num_queries,
):
    settings.MEDIA_ROOT = tmp_path
    fiche = make_project(zone=zone_a, by=member_a, title="Véloflic")
    fiche.pillars.add(*Pillar.objects.all())
    fiche.functions.add(*PoliceFunction.objects.all())
    add_to_the_fiche(fiche, [0], member_a)
    client = client_for(personas[persona])
    client.get(fiche.get_absolute_url())  # warm-up

    with CaptureQueriesContext(connection) as few:
        client.get(fiche.get_absolute_url())
    assert len(few) == queries
    add_to_the_fiche(fiche, range(1, 11), member_a)
    with django_assert_num_queries(len(few)):
        response = client.get(fiche.get_absolute_url())

    content = text_of(response)
    assert len(re.findall(r'<img src="[^"]+" alt="Photo \d+"', content)) == 11
    for shown in (
        "Report 10",
        "Line 10",
        "Theme 10",
        "School 10",
        "Neighbourhood work",
        "Prize 10",
    ):
        assert shown in content


def test_the_fiche_read_for_its_page_holds_each_list_as_the_database_does(
    zone_a, member_a, settings, tmp_path, django_assert_num_queries
):
    """Project.objects.for_detail() reads the lists as JSON inside the fiche's query: the
    rows, their order and their values (amounts to the cent, dates, flags) are those of the
    database's own queries."""
    settings.MEDIA_ROOT = tmp_path
    fiche = make_project(zone=zone_a, by=member_a, title="Véloflic")
    fiche.pillars.add(*Pillar.objects.all())
    fiche.functions.add(*PoliceFunction.objects.all())
    add_to_the_fiche(fiche, range(4), member_a)
    make_budget_line(project=fiche, label="Round", amount=Decimal("1200"))
    make_budget_line(project=fiche, label="Cents", amount=Decimal("0.05"))
    for name in ("éco Zone", "Zone d'Ath", "zone basse", "Ypres"):
        fiche.co_owner_zones.add(make_zone(name=name))
        fiche.partners.add(Partner.objects.create(name=name, kind="commune"))
    make_distinction(project=fiche, year=2020, label_en="Audience", year_uncertain=True)
    make_adoption(project=fiche, zone=make_zone(name=" Älter"), status="implemented")

    read = Project.objects.for_detail().get(pk=fiche.pk)
    with django_assert_num_queries(0):
        shown = {
            related.name: [
                _exactly({"pk": row.pk} | {name: _field_of(row, name) for name in related.fields})
                for row in getattr(read, related.name).all()
            ]
            for related in FICHE_PAGE_LISTS.lists
        }

    for related in FICHE_PAGE_LISTS.lists:
        rows = getattr(fiche, related.name).all()
        if related.rows is not None:
            rows = related.rows(rows)
        expected = [_exactly(row) for row in rows.values("pk", *related.fields)]
        assert shown[related.name] == expected, related.name
        assert shown[related.name], related.name


def _exactly(values):
    """The values with their types and as written: Decimal("5.0") is not Decimal("5.00")."""
    return {name: (type(value), str(value)) for name, value in values.items()}


def _field_of(row, name):
    for part in name.split("__"):
        row = getattr(row, part)
    return row


def test_my_fiches_page_queries_do_not_grow(
    client_for, zone_a, member_a, django_assert_num_queries
):
    make_project(zone=zone_a, by=member_a, status="draft")
    make_adoption(zone=zone_a, by=member_a)
    client = client_for(member_a)
    url = reverse("projects:mine")
    client.get(url)  # warm-up

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        fiche = make_project(
            zone=zone_a, by=member_a, status=["draft", "published", "submitted"][n % 3]
        )
        fiche.themes.add(make_theme(f"theme-{n}", f"Theme {n}"))
        make_project(zone=make_zone(), status="draft").co_owner_zones.add(zone_a)
        make_adoption(zone=zone_a, by=member_a)
    with django_assert_num_queries(len(few)):
        response = client.get(url)

    assert text_of(response).count("projects/replications/") == 11


def test_the_zone_projects_page_queries_do_not_grow(
    client_for, zone_a, member_b, django_assert_num_queries
):
    make_project(zone=zone_a)
    make_adoption(zone=zone_a)
    make_adoption(project=make_project(zone=zone_a))
    client = client_for(member_b)
    url = reverse("projects:zone", args=[zone_a.slug])
    client.get(url)  # warm-up

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        fiche = make_project(zone=zone_a, title=f"Shared {n}")
        fiche.themes.add(make_theme(f"theme-{n}", f"Theme {n}"))
        make_adoption(project=fiche, status="implemented")
        make_adoption(zone=zone_a, status="preparing")
    with django_assert_num_queries(len(few)):
        response = client.get(url)

    assert "Shared 9" in text_of(response)


def test_the_zone_projects_page_shows_what_the_reader_may_see(client_for, zone_a, member_b):
    make_project(zone=zone_a, title="Public fiche")
    make_project(zone=zone_a, visibility="members", title="Members fiche")
    make_project(zone=zone_a, status="draft", title="Draft fiche")
    url = reverse("projects:zone", args=[zone_a.slug])

    public = text_of(client_for(None).get(url))
    members = text_of(client_for(member_b).get(url))

    assert "Public fiche" in public
    assert "Members fiche" not in public
    assert "Members fiche" in members
    assert "Draft fiche" not in members


def test_my_fiches_page_lists_drafts_and_co_owned_fiches_of_the_zone(
    client_for, zone_a, zone_b, member_a
):
    make_project(zone=zone_a, status="draft", title="Our draft")
    make_project(zone=zone_b, status="draft", title="Shared draft").co_owner_zones.add(zone_a)
    make_project(zone=zone_b, title="Their fiche")

    content = text_of(client_for(member_a).get(reverse("projects:mine")))

    assert "Our draft" in content
    assert "Shared draft" in content
    assert "Their fiche" not in content


def test_a_staff_reader_sees_the_review_link(client_for, staff, fiches):
    content = text_of(client_for(staff).get(fiches["draft"].get_absolute_url()))

    assert reverse("projects:review", args=[fiches["draft"].slug]) in content
