"""Membership of the network on a date, and the rules the database itself enforces."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from members.models import Membership, User, Zone
from tests.factories import make_user, make_zone

START = datetime.date(2020, 3, 1)
END = datetime.date(2022, 6, 30)


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared with the source strings, whatever language an earlier test left."""
    with translation.override("en"):
        yield


@pytest.fixture
def lapsed_zone(db):
    """A zone that was a member from 1 March 2020 to 30 June 2022 included."""
    zone = make_zone(name="Zone Boraine", number="5327", member_since=None)
    Membership.objects.create(zone=zone, start=START, end=END)
    return zone


@pytest.fixture
def open_zone(db):
    """A zone that joined on 1 March 2020 and never left."""
    zone = make_zone(name="Gent", number="5415", region="flanders", member_since=None)
    Membership.objects.create(zone=zone, start=START)
    return zone


def _members_on(date):
    return set(Zone.objects.members_on(date))


# Membership on a date


@pytest.mark.parametrize(
    ("date", "is_member"),
    [
        pytest.param(START - datetime.timedelta(days=1), False, id="the day before it starts"),
        pytest.param(START, True, id="the day it starts"),
        pytest.param(datetime.date(2021, 7, 15), True, id="while it runs"),
        pytest.param(END, True, id="on its last day"),
        pytest.param(END + datetime.timedelta(days=1), False, id="the day after it ends"),
    ],
)
def test_a_zone_is_a_member_only_between_start_and_end_included(lapsed_zone, date, is_member):
    assert lapsed_zone.is_member_on(date) is is_member
    assert (lapsed_zone in _members_on(date)) is is_member


@pytest.mark.parametrize(
    ("date", "is_member"),
    [
        pytest.param(START - datetime.timedelta(days=1), False, id="before it starts"),
        pytest.param(START, True, id="the day it starts"),
        pytest.param(datetime.date(2099, 12, 31), True, id="long after"),
    ],
)
def test_an_open_ended_membership_covers_every_day_from_its_start(open_zone, date, is_member):
    assert open_zone.is_member_on(date) is is_member
    assert (open_zone in _members_on(date)) is is_member


def test_a_zone_whose_membership_lapsed_and_restarted_is_a_member_only_during_each_period(db):
    zone = make_zone(name="Namur", number="5303", member_since=None)
    Membership.objects.create(zone=zone, start=datetime.date(2017, 1, 1), end=START)
    Membership.objects.create(zone=zone, start=datetime.date(2023, 1, 1))

    assert zone.is_member_on(datetime.date(2018, 5, 1))
    assert zone.is_member_on(START)
    assert not zone.is_member_on(datetime.date(2021, 5, 1))
    assert zone.is_member_on(datetime.date(2023, 1, 1))
    assert zone.is_member_on(datetime.date(2025, 5, 1))


def test_a_zone_with_two_covering_memberships_is_counted_once(db):
    zone = make_zone(name="Namur", number="5303", member_since=None)
    Membership.objects.create(zone=zone, start=datetime.date(2017, 1, 1), end=START)
    Membership.objects.create(zone=zone, start=START)

    assert list(Zone.objects.members_on(START)) == [zone]


def test_members_on_a_date_lists_exactly_the_zones_covered_that_day(lapsed_zone, open_zone):
    never = make_zone(name="Hainaut Est", number="5328", member_since=None)

    assert _members_on(datetime.date(2021, 1, 1)) == {lapsed_zone, open_zone}
    assert _members_on(datetime.date(2024, 1, 1)) == {open_zone}
    assert _members_on(datetime.date(2019, 1, 1)) == set()
    assert never not in _members_on(datetime.date(2024, 1, 1))


# Membership dates


def test_the_database_refuses_a_membership_that_ends_before_it_starts(zone_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(zone=zone_a, start=START, end=START - datetime.timedelta(days=1))

    assert zone_a.memberships.count() == 1


def test_a_membership_may_start_and_end_on_the_same_day(zone_a):
    membership = Membership(zone=zone_a, start=START, end=START)
    membership.full_clean()
    membership.save()

    assert zone_a.is_member_on(START)


def test_validation_explains_that_a_membership_cannot_end_before_it_starts(zone_a):
    membership = Membership(zone=zone_a, start=START, end=START - datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        membership.full_clean()

    assert "A membership cannot end before it starts." in error.value.messages


# Official zone numbers


@pytest.mark.parametrize("number", ["123", "53A9", "ABCD", "12 4"])
def test_the_database_refuses_a_zone_number_that_is_not_four_digits(db, number):
    with pytest.raises(IntegrityError), transaction.atomic():
        Zone.objects.create(name="Zone test", slug="zone-test", region="wallonia", number=number)

    assert not Zone.objects.filter(slug="zone-test").exists()


@pytest.mark.parametrize("number", ["123", "53A9", "ABCD"])
def test_validation_explains_that_a_zone_number_has_four_digits(db, number):
    zone = Zone(name="Zone test", slug="zone-test", region="wallonia", number=number)

    with pytest.raises(ValidationError) as error:
        zone.full_clean()

    assert error.value.message_dict["number"] == [
        "An official zone number has exactly four digits, for example 5339."
    ]


def test_two_entities_without_an_official_number_are_allowed(db):
    first = make_zone(name="Police fédérale — DirCo", number="", kind="federal_unit")
    second = Zone(name="Praxis ASBL", slug="praxis", region="wallonia", kind="partner")

    second.full_clean()
    second.save()

    assert set(Zone.objects.filter(number="")) == {first, second}


def test_the_database_refuses_two_zones_with_the_same_number(zone_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Zone.objects.create(name="Liège bis", region="wallonia", number=zone_a.number)

    assert Zone.objects.filter(number=zone_a.number).count() == 1


def test_validation_explains_that_another_zone_has_the_number(zone_a):
    duplicate = Zone(name="Liège bis", slug="liege-bis", region="wallonia", number=zone_a.number)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "Another entity already has this official number." in error.value.messages


# E-mail addresses


def test_the_database_refuses_the_same_email_in_another_case(db):
    User.objects.create(email="A@x.be")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="a@x.be")

    assert User.objects.filter(email__iexact="a@x.be").count() == 1


def test_validation_refuses_an_email_that_exists_in_another_case(db):
    User.objects.create(email="A@x.be")
    candidate = User(email="a@x.be")
    candidate.set_password("a long enough password")

    with pytest.raises(ValidationError) as error:
        candidate.full_clean()

    assert "An account with this e-mail address already exists." in error.value.messages


def test_validation_refuses_an_upper_case_copy_of_an_existing_email(db):
    make_user(email="julien.renard@police.belgium.eu")
    candidate = User(email="Julien.Renard@POLICE.belgium.eu")
    candidate.set_password("a long enough password")

    with pytest.raises(ValidationError) as error:
        candidate.full_clean()

    assert "email" in error.value.message_dict


def test_a_new_account_stores_its_email_in_lower_case(db):
    user = make_user(email="Julien.Renard@Police.Belgium.EU")

    user.refresh_from_db()
    assert user.email == "julien.renard@police.belgium.eu"
