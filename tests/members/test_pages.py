"""The pages of the members app: who may open them, what they show, and what they cost.

Pages are asked for in English (the French catalogue is still being written), so the texts
asserted here are the source strings of the templates and views.
"""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_join_request, make_user, make_zone

PERSONAS = ["anonymous", "pending", "member_a", "reference_a", "member_b", "reference_b", "staff"]


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text_of(response):
    return html.unescape(response.content.decode())


# Who may open which page

PAGES = {
    "zone list": lambda zone_a: reverse("members:zone_list"),
    "zone page": lambda zone_a: zone_a.get_absolute_url(),
    "manage page": lambda zone_a: reverse("members:zone_manage", args=[zone_a.slug]),
    "my zone": lambda zone_a: reverse("members:my_zone"),
    "join": lambda zone_a: reverse("members:join"),
    "profile": lambda zone_a: reverse("profile"),
}

# What each persona gets: a status code, or where it is redirected to.
LOGIN = "sign in"
JOIN = "join page"
PAGE_A = "zone page of A"
PAGE_B = "zone page of B"
MANAGE_A = "manage page of A"
MANAGE_B = "manage page of B"
ZONE_LIST = "zone list"
EXPECTED = {
    "zone list": dict.fromkeys(PERSONAS, 200),
    "zone page": dict.fromkeys(PERSONAS, 200),
    "manage page": {
        "anonymous": LOGIN,
        "pending": 403,
        "member_a": 403,
        "reference_a": 200,
        "member_b": 403,
        "reference_b": 403,
        "staff": 200,
    },
    "my zone": {
        "anonymous": LOGIN,
        "pending": JOIN,
        "member_a": PAGE_A,
        "reference_a": MANAGE_A,
        "member_b": PAGE_B,
        "reference_b": MANAGE_B,
        "staff": ZONE_LIST,
    },
    "join": {**dict.fromkeys(PERSONAS, 200), "anonymous": LOGIN},
    "profile": {**dict.fromkeys(PERSONAS, 200), "anonymous": LOGIN},
}
MATRIX = [
    pytest.param(page, persona, expected, id=f"{page}-{persona}-{expected}")
    for page, by_persona in EXPECTED.items()
    for persona, expected in by_persona.items()
]


def _redirect_target(expected, url, zone_a, zone_b):
    return {
        LOGIN: f"{reverse('account_login')}?next={url}",
        JOIN: reverse("members:join"),
        PAGE_A: zone_a.get_absolute_url(),
        PAGE_B: zone_b.get_absolute_url(),
        MANAGE_A: reverse("members:zone_manage", args=[zone_a.slug]),
        MANAGE_B: reverse("members:zone_manage", args=[zone_b.slug]),
        ZONE_LIST: reverse("members:zone_list"),
    }[expected]


@pytest.mark.parametrize(("page", "persona", "expected"), MATRIX)
def test_each_persona_gets_what_it_may_see(
    client_for, personas, zone_a, zone_b, page, persona, expected
):
    url = PAGES[page](zone_a)

    response = client_for(personas[persona]).get(url)

    if isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 302
        assert response.url == _redirect_target(expected, url, zone_a, zone_b)


def test_an_unknown_zone_answers_404(client_for, member_a):
    assert client_for(member_a).get("/zones/no-such-zone/").status_code == 404
    assert client_for(member_a).get("/zones/no-such-zone/manage/").status_code == 404


def test_the_manage_page_lists_the_waiting_requests_and_the_people_of_the_zone(
    client_for, personas, reference_a, zone_a
):
    url = reverse("members:zone_manage", args=[zone_a.slug])

    content = text_of(client_for(reference_a).get(url))

    assert "Amélie Leroy" in content
    assert "Agente de quartier" in content
    assert "Julien Renard" in content
    assert "Lotte Peeters" not in content


# The zone list


@pytest.fixture
def brussels_zone(db):
    return make_zone(name="Bruxelles-Nord", number="5344", region="brussels")


def test_the_region_filter_shows_only_the_zones_of_that_region(client, zone_a, brussels_zone):
    response = client.get(reverse("members:zone_list"), {"region": "wallonia"})

    content = text_of(response)
    assert response.status_code == 200
    assert "Liège" in content
    assert "Bruxelles-Nord" not in content


def test_the_zone_list_without_filter_shows_every_region(client, zone_a, brussels_zone):
    content = text_of(client.get(reverse("members:zone_list")))

    assert "Liège" in content
    assert "Bruxelles-Nord" in content


def test_an_unknown_region_is_explained_instead_of_failing(client, zone_a, brussels_zone):
    response = client.get(reverse("members:zone_list"), {"region": "mars"})

    assert response.status_code == 200
    assert "Select a valid choice. mars is not one of the available choices." in text_of(response)


def test_the_zone_list_marks_the_current_members(client, zone_a):
    former = make_zone(name="Zone lapsed", member_since=None)

    content = text_of(client.get(reverse("members:zone_list")))

    assert former.name in content
    assert content.count('<span class="badge">Member</span>') == 1


def test_the_zone_list_marks_unverified_numbers_as_the_zone_page_does(client, zone_a):
    make_zone(name="Zone unsure", number="5299", number_verified=False)

    listing = text_of(client.get(reverse("members:zone_list")))

    assert "No. 5299 (not verified)" in listing
    assert f"No. {zone_a.number} (not verified)" not in listing
    assert f"No. {zone_a.number}" in listing


# Reference persons on the zone page


@pytest.mark.parametrize(
    ("persona", "sees_names"),
    [
        ("anonymous", False),
        ("pending", False),
        ("member_a", True),
        ("reference_a", True),
        ("member_b", True),
        ("reference_b", True),
        ("staff", True),
    ],
)
def test_reference_persons_are_named_only_to_members_and_staff(
    client_for, personas, reference_a, zone_a, persona, sees_names
):
    response = client_for(personas[persona]).get(zone_a.get_absolute_url())

    content = text_of(response)
    assert response.status_code == 200
    assert ("Nathalie Dubois" in content) is sees_names
    assert (reference_a.email in content) is sees_names


def test_a_zone_without_reference_person_says_so_to_members(client_for, member_a, zone_b):
    content = text_of(client_for(member_a).get(zone_b.get_absolute_url()))

    assert "This zone has no reference person yet." in content


def test_a_former_reference_person_who_left_is_not_named(client_for, member_b, zone_a):
    former = make_user(
        zone=zone_a, reference=True, first_name="Marc", last_name="Dupont", is_active=False
    )

    content = text_of(client_for(member_b).get(zone_a.get_absolute_url()))

    assert "Marc Dupont" not in content
    assert former.email not in content


# The profile


def test_the_profile_form_saves_the_persons_details(client_for, member_a):
    response = client_for(member_a).post(
        reverse("profile"),
        {
            "first_name": "Julie",
            "last_name": "Renard-Lemaire",
            "function": "Inspectrice principale",
            "phone": "+32 4 123 45 67",
            "preferred_language": "nl",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("profile")
    member_a.refresh_from_db()
    assert member_a.get_full_name() == "Julie Renard-Lemaire"
    assert member_a.function == "Inspectrice principale"
    assert member_a.phone == "+32 4 123 45 67"
    assert member_a.preferred_language == "nl"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        (
            "first_name",
            "J" * 101,
            "Ensure this value has at most 100 characters (it has 101).",
        ),
        (
            "last_name",
            "R" * 101,
            "Ensure this value has at most 100 characters (it has 101).",
        ),
        (
            "phone",
            "04 12 AB 34 56",
            "Enter a phone number: digits, spaces, dots, dashes, slashes, brackets",
        ),
    ],
)
def test_the_profile_form_refuses_invalid_details(client_for, member_a, field, value, error):
    data = {
        "first_name": "Julien",
        "last_name": "Renard",
        "function": "",
        "phone": "",
        "preferred_language": "fr",
        field: value,
    }

    response = client_for(member_a).post(reverse("profile"), data)

    assert response.status_code == 200
    assert error in text_of(response)
    member_a.refresh_from_db()
    assert getattr(member_a, field) != value


def test_the_profile_form_does_not_let_a_person_choose_their_zone(client_for, member_a, zone_b):
    client_for(member_a).post(
        reverse("profile"),
        {
            "first_name": "Julien",
            "last_name": "Renard",
            "preferred_language": "fr",
            "zone": zone_b.pk,
            "is_reference_person": "on",
        },
    )

    member_a.refresh_from_db()
    assert member_a.zone.name == "Liège"
    assert not member_a.is_reference_person


# Query counts


def test_the_zone_list_queries_do_not_grow_with_the_zones(
    client_for, member_a, django_assert_num_queries
):
    client = client_for(member_a)
    url = reverse("members:zone_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        zone = make_zone(name=f"Zone added {n}", region="flanders", member_since=None)
        make_user(zone=zone, reference=True)

    with django_assert_num_queries(len(few)):
        response = client.get(url)

    assert "Zone added 9" in text_of(response)


def test_the_zone_page_queries_do_not_grow_with_the_people(
    client_for, member_a, zone_a, django_assert_num_queries
):
    client = client_for(member_a)
    url = zone_a.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        make_zone(name=f"Zone added {n}")
        make_user(zone=zone_a, reference=True, first_name="Added", last_name=f"Reference {n}")
        make_user(zone=zone_a)

    with django_assert_num_queries(len(few)):
        response = client.get(url)

    assert "Added Reference 9" in text_of(response)


def test_the_manage_page_queries_do_not_grow_with_the_people_and_requests(
    client_for, reference_a, zone_a, django_assert_num_queries
):
    client = client_for(reference_a)
    url = reverse("members:zone_manage", args=[zone_a.slug])
    make_join_request(zone=zone_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        make_user(zone=zone_a, first_name="Added", last_name=f"Member {n}")
        make_join_request(
            user=make_user(first_name="Waiting", last_name=f"Person {n}"), zone=zone_a
        )

    with django_assert_num_queries(len(few)):
        response = client.get(url)

    content = text_of(response)
    assert "Added Member 9" in content
    assert "Waiting Person 9" in content
