"""The dashboard, the indicator pages, the travel page and the exports, for each persona."""

import csv
import datetime
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators import services
from indicators.models import Snapshot
from tests.answers import LOGIN, assert_answer
from tests.factories import make_user, make_zone

from .helpers import came, implemented_in, member_zone, midi, published_in, seminar

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("indicators:dashboard")
TRAVEL = reverse("indicators:travel")
REPLICATIONS = reverse("indicators:indicator_detail", kwargs={"code": "replications"})
SEMINAR = reverse("indicators:indicator_detail", kwargs={"code": "seminar-participants"})
CSV = reverse("indicators:data_csv")
JSON = reverse("indicators:data_json")
THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1


@pytest.fixture
def history(db):
    """Last year: a Brussels zone's project taken up by a Flemish zone, a seminar with a
    member of the latter, a midi with a guest."""
    origin = member_zone(datetime.date(LAST_YEAR, 1, 1), name="Zone Origine", region="brussels")
    adopter = member_zone(datetime.date(LAST_YEAR, 1, 1), name="Zone Adoptante", region="flanders")
    project = published_in(LAST_YEAR, zone=origin, title="Véloflic")
    implemented_in(LAST_YEAR, project=project, zone=adopter)
    participant = make_user(zone=adopter, first_name="Griet", last_name="Vermeulen")
    came(seminar(LAST_YEAR), participant)
    came(midi(LAST_YEAR), guest_name="Pierre Partenaire", email="pierre@parquet.example")
    return {"project": project, "participant": participant}


PUBLIC_PAGES = [DASHBOARD, REPLICATIONS, SEMINAR, CSV, JSON]


@pytest.mark.parametrize("persona", ["anonymous", "pending", "member_a", "member_b", "staff"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_everyone_sees_the_aggregate_pages(client_for, personas, history, persona, url):
    response = client_for(personas[persona]).get(url)
    assert_answer(response, url, 200)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", LOGIN),
        ("pending", 403),
        ("member_a", 200),
        ("reference_b", 200),
        ("staff", 200),
    ],
)
def test_the_travel_page_is_for_members(client_for, personas, history, persona, expected):
    response = client_for(personas[persona]).get(TRAVEL)
    assert_answer(response, TRAVEL, expected)
    if expected == 200:
        assert "Zone Origine" in response.content.decode()
        assert "Zone Adoptante" in response.content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "pending"])
def test_public_pages_show_no_name_nor_breakdown(client_for, personas, history, persona):
    client = client_for(personas[persona])
    for url in PUBLIC_PAGES:
        text = client.get(url).content.decode()
        for private in ["Vermeulen", "Griet", "Pierre", "parquet.example", "@police"]:
            assert private not in text, (url, private)
    assert "Zone Adoptante" not in client.get(REPLICATIONS).content.decode()
    assert 'data-testid="regions"' not in client.get(SEMINAR).content.decode()


@pytest.mark.parametrize("persona", ["member_a", "reference_b", "staff"])
def test_members_see_the_breakdowns(client_for, personas, history, persona):
    client = client_for(personas[persona])
    replications = client.get(REPLICATIONS).content.decode()
    assert "Véloflic" in replications
    assert "Zone Adoptante" in replications
    regions = client.get(SEMINAR).content.decode()
    assert 'data-testid="regions"' in regions
    assert "Flandre" in regions  # the participant's zone is in Flanders (site in French)


def test_dashboard_shows_last_year_with_status_and_this_year_to_date(client, history):
    came(midi(THIS_YEAR, month=1), make_user(zone=make_zone()))
    text = client.get(DASHBOARD).content.decode()
    row = text.split('data-indicator="midi-participants"')[1].split("</tr>")[0]
    assert f"({LAST_YEAR}" in row
    assert 'data-testid="ytd">1<' in row
    assert "<svg" in row and "<title" in row


def test_a_check_in_raises_the_midis_figure(client, history):
    def midi_value():
        text = client.get(DASHBOARD).content.decode()
        row = text.split('data-indicator="midi-participants"')[1]
        return row.split('data-testid="value">')[1].split("<")[0]

    assert midi_value() == "1"
    came(midi(LAST_YEAR, month=4), make_user(zone=make_zone()))
    assert midi_value() == "2"


def test_raising_a_target_changes_the_status(client, history):
    from indicators.models import Target

    fiches = Target.objects.get(indicator__code="fiches-shared", horizon_year=2025)
    fiches.horizon_year, fiches.baseline_year, fiches.low = LAST_YEAR, LAST_YEAR - 1, 1
    fiches.save()

    def status():
        text = client.get(DASHBOARD).content.decode()
        row = text.split('data-indicator="fiches-shared"')[1].split("</tr>")[0]
        return row.split('data-testid="status">')[1].split("</td>")[0]

    assert "Objectif atteint" in status()  # Target met: 1 fiche for a target of 1
    fiches.low = 2
    fiches.save()
    assert "En retard" in status()  # Behind


def test_the_dashboard_asks_a_fixed_number_of_queries(client, staff, assert_queries_do_not_grow):
    """More years, zones, events, registrations, fiches and replications: same queries."""
    client.force_login(staff)
    years = itertools.count(LAST_YEAR, -1)

    def add_year():
        year = next(years)
        zone = member_zone(datetime.date(year, 1, 1))
        people = [make_user(zone=zone) for _ in range(2)]
        for event in (seminar(year), midi(year), midi(year, month=9)):
            for person in people:
                came(event, person)
            came(event)
        implemented_in(year, project=published_in(year, zone=zone))

    assert_queries_do_not_grow(client, DASHBOARD, add_year)


def test_the_csv_asks_a_fixed_number_of_queries(client, assert_queries_do_not_grow):
    years = itertools.count(LAST_YEAR, -1)

    def add_year():
        year = next(years)
        zone = member_zone(datetime.date(year, 1, 1))
        came(seminar(year), make_user(zone=zone))
        published_in(year, zone=zone)

    assert_queries_do_not_grow(client, CSV, add_year)


def test_indicator_and_travel_pages_ask_a_fixed_number_of_queries(
    client, member_a, assert_queries_do_not_grow
):
    client.force_login(member_a)
    years = itertools.count(LAST_YEAR, -1)

    def add_year():
        year = next(years)
        zone = member_zone(datetime.date(year, 1, 1))
        came(seminar(year), make_user(zone=zone))
        implemented_in(year, zone=zone)

    assert_queries_do_not_grow(client, SEMINAR, add_year)
    assert_queries_do_not_grow(client, REPLICATIONS, add_year)
    assert_queries_do_not_grow(client, TRAVEL, add_year)


def test_csv_has_one_row_per_indicator_and_year_with_target_and_status(client, history):
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    fiches = [row for row in rows if row["indicator"] == "fiches-shared"]
    assert [(row["year"], row["value"]) for row in fiches] == [
        (str(LAST_YEAR), "1"),
        (str(THIS_YEAR), "0"),
    ]
    assert fiches[0]["target_low"] == "36.0"
    assert fiches[0]["status"] in {"behind", "on_track"}
    assert fiches[1]["year_to_date"] == "true"
    seminar_rows = [row for row in rows if row["indicator"] == "seminar-participants"]
    assert seminar_rows[0]["value"] == "1"
    assert len({(row["indicator"], row["year"]) for row in rows}) == len(rows)


def test_json_export(client, history):
    rows = client.get(JSON).json()["rows"]
    replication = next(
        row for row in rows if row["indicator"] == "replications" and row["year"] == LAST_YEAR
    )
    assert replication["value"] == 1
    assert replication["details"] == {"cumulative": 1}


def test_travel_filters_by_year_and_theme(client_for, member_a, history):
    from projects.models import Theme

    theme = Theme.objects.create(slug="test-velo", name_fr="V", name_nl="F", name_en="B")
    history["project"].themes.add(theme)
    client = client_for(member_a)
    assert "Véloflic" in client.get(TRAVEL, {"year": LAST_YEAR}).content.decode()
    assert "Véloflic" in client.get(TRAVEL, {"theme": "test-velo"}).content.decode()
    Theme.objects.create(slug="test-seniors", name_fr="A", name_nl="O", name_en="S")
    other_theme = client.get(TRAVEL, {"theme": "test-seniors"}).content.decode()
    assert "Véloflic" not in other_theme
    bad = client.get(TRAVEL, {"year": "abc"})
    assert bad.status_code == 200


# Closing a year


def test_staff_close_a_year_and_its_figures_stay(client_for, staff, history):
    client = client_for(staff)
    response = client.post(reverse("indicators:close_year"), {"year": LAST_YEAR}, follow=True)
    assert f"{LAST_YEAR}" in response.content.decode()
    assert Snapshot.objects.filter(year=LAST_YEAR).count() == 5  # every computed indicator
    seminar_snapshot = Snapshot.objects.get(year=LAST_YEAR, indicator__code="seminar-participants")
    assert seminar_snapshot.value == 1
    assert seminar_snapshot.frozen_by == staff
    assert seminar_snapshot.details == {"extras": {"registered": 1}}

    # The check-in is corrected afterwards: the published figure does not move...
    history["participant"].event_registrations.update(attended=False)
    text = client.get(DASHBOARD).content.decode()
    row = text.split('data-indicator="seminar-participants"')[1].split("</tr>")[0]
    assert 'data-testid="value">1<' in row
    # ...and staff see today's computation beside it, with the difference.
    detail = client.get(SEMINAR).content.decode()
    live = detail.split(f'data-year="{LAST_YEAR}"')[1].split('data-testid="live">')[1]
    assert live.startswith("— (") or live.startswith("0 (")
    assert "-1" in live.split("</td>")[0]


def test_closing_twice_or_this_year_is_refused(client_for, staff, history):
    client = client_for(staff)
    url = reverse("indicators:close_year")
    client.post(url, {"year": LAST_YEAR})
    again = client.post(url, {"year": LAST_YEAR}, follow=True).content.decode()
    assert "déjà" in again  # already closed
    now = client.post(url, {"year": THIS_YEAR}, follow=True).content.decode()
    assert "passée" in now  # only a past year
    assert not Snapshot.objects.filter(year=THIS_YEAR).exists()
    assert client.post(url, {"year": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", LOGIN), ("pending", 403), ("member_a", 403), ("reference_a", 403)],
)
def test_only_staff_close_a_year(client_for, personas, history, persona, expected):
    url = reverse("indicators:close_year")
    response = client_for(personas[persona]).post(url, {"year": LAST_YEAR})
    assert_answer(response, url, expected)
    assert not Snapshot.objects.exists()


def test_the_close_form_is_shown_to_staff_only(client_for, staff, member_a, history):
    assert 'data-testid="close-year"' in client_for(staff).get(DASHBOARD).content.decode()
    assert 'data-testid="close-year"' not in client_for(member_a).get(DASHBOARD).content.decode()


def test_a_snapshot_keeps_its_value_when_a_membership_ends_backdated(staff, history):
    from members.models import Membership

    services.close_year(year=LAST_YEAR, by=staff)
    Membership.objects.update(end=datetime.date(LAST_YEAR, 6, 30))
    from indicators import report

    def last_year(full):
        row = next(r for r in report.build(full=full) if r.indicator.code == "member-entities")
        return next(item for item in row.years if item.year == LAST_YEAR)

    assert last_year(full=False).value == 2
    figure = last_year(full=True)  # what staff see on the indicator's page
    assert figure.value == 2
    assert figure.frozen and figure.live_value == 0 and figure.difference == -2


def test_closing_a_year_closes_the_open_years_before_it(staff):
    zone = member_zone(datetime.date(LAST_YEAR - 3, 1, 1))
    published_in(LAST_YEAR - 2, zone=zone)
    services.close_year(year=LAST_YEAR - 1, by=staff)
    frozen = Snapshot.objects.filter(indicator__code="member-entities")
    assert sorted(frozen.values_list("year", flat=True)) == [
        LAST_YEAR - 3,
        LAST_YEAR - 2,
        LAST_YEAR - 1,
    ]
    fiches = Snapshot.objects.filter(indicator__code="fiches-shared")
    assert sorted(fiches.values_list("year", "value")) == [
        (LAST_YEAR - 2, 1),
        (LAST_YEAR - 1, 0),
    ]
    services.close_year(year=LAST_YEAR, by=staff)  # then the next year alone
    assert frozen.count() == 4


def test_the_home_page_shows_the_published_figures_of_the_last_closed_year(client, staff, history):
    home = reverse("home")
    assert 'data-testid="headline-indicators"' not in client.get(home).content.decode()
    services.close_year(year=LAST_YEAR, by=staff)
    came(midi(LAST_YEAR, month=5), make_user(zone=make_zone()))  # after closing: not shown
    text = client.get(home).content.decode()
    headline = text.split('data-testid="headline-indicators"')[1].split("</section>")[0]
    assert "Réplications" in headline
    midis = headline.split("Participants aux midis")[1].split("</li>")[0]
    assert f"<strong>1</strong> {LAST_YEAR}" in midis
    assert "Vermeulen" not in text


def test_chart_coordinates_keep_their_decimal_point_in_french_and_dutch(client_for, member_a):
    """Localised numbers ("12,5") would break every shape of the charts."""
    import re

    zone = member_zone(datetime.date(LAST_YEAR - 2, 1, 1), region="brussels")
    published_in(LAST_YEAR - 1, zone=zone)
    published_in(LAST_YEAR, zone=zone)
    implemented_in(LAST_YEAR, zone=member_zone(datetime.date(LAST_YEAR, 1, 1)))
    client = client_for(member_a)
    fiches = reverse("indicators:indicator_detail", kwargs={"code": "fiches-shared"})
    for language in ("fr", "nl"):
        client.cookies["django_language"] = language
        for url in (DASHBOARD, fiches, TRAVEL):
            svg = "".join(re.findall(r"<svg.*?</svg>", client.get(url).content.decode(), re.S))
            assert svg, url
            assert not re.search(r' (?:x|y|width|height|d)="[^"]*\d,\d', svg), url
            for points in re.findall(r'points="([^"]*)"', svg):
                assert all(token.count(",") == 1 for token in points.split()), url
