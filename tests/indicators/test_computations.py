"""Each computation against figures computed by hand, with its edge cases."""

import datetime
from decimal import Decimal

import pytest

from events import services as event_services
from indicators.computations import REGISTRY
from members.models import Membership
from projects import services as project_services
from projects.models import Adoption
from tests.factories import make_project, make_user, make_zone

from .helpers import came, implemented_in, member_zone, midi, published_in, seminar

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def values(code, today=TODAY):
    return {year: figure.value for year, figure in REGISTRY[code].figures(today=today).items()}


def extras(code, key, today=TODAY):
    figures = REGISTRY[code].figures(today=today)
    return {year: figure.extras[key] for year, figure in figures.items()}


# Member entities


def test_member_entities_on_31_december_and_today_for_the_current_year():
    member_zone(datetime.date(2022, 3, 1))  # every year from 2022
    member_zone(datetime.date(2023, 1, 1))  # starts on 1 January: counts for 2023, not 2022
    member_zone(datetime.date(2022, 5, 1), end=datetime.date(2024, 6, 30))  # ended mid-2024
    member_zone(datetime.date(2022, 5, 1), end=datetime.date(2023, 12, 31))  # to the last day
    member_zone(datetime.date(2026, 7, 1))  # starts after today: not yet in 2026
    member_zone(datetime.date(2026, 2, 1), end=datetime.date(2026, 6, 29))  # ended before today

    assert values("member_entities") == {
        2022: 3,
        2023: 4,  # the four that run on 31 December 2023
        2024: 2,  # the mid-2024 end no longer counts
        2025: 2,
        2026: 2,
    }


def test_a_zone_with_two_memberships_counts_once():
    zone = member_zone(datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
    Membership.objects.create(zone=zone, start=datetime.date(2024, 12, 1))
    assert values("member_entities")[2024] == 1


def test_member_entities_by_region():
    member_zone(datetime.date(2025, 1, 1), region="brussels")
    member_zone(datetime.date(2025, 1, 1), region="flanders")
    member_zone(datetime.date(2025, 1, 1), region="flanders", kind="partner")
    breakdown = REGISTRY["member_entities"].by_region(today=TODAY)
    assert breakdown[2025] == {"brussels": 1, "flanders": 2}


# Seminar


def test_seminar_counts_distinct_people_who_came_with_the_registered_beside():
    zone = make_zone()
    event = seminar(2025)
    members = [make_user(zone=zone) for _ in range(4)]
    came(event, members[0])
    came(event, members[1])
    came(event, members[2], attended=False)  # registered, did not come
    came(event, members[3], attended=False, status="cancelled")  # cancelled
    came(event, email="partner@parquet.example")  # a partner guest
    came(event, walk_in=True, email="")  # came without registering, no address
    staff = make_user(staff=True)
    event_services.add_walk_in(event=event, by=staff, name="Walk-in", organisation="Commune")

    assert values("seminar_participants") == {2025: 5}
    # Registered: the members' three active registrations and the guest; not the walk-ins
    # nor the cancelled one.
    assert extras("seminar_participants", "registered") == {2025: 4}


def test_a_year_without_a_seminar_has_no_figure():
    zone = make_zone()
    came(seminar(2023), make_user(zone=zone))
    came(seminar(2025), make_user(zone=zone))
    seminar(2024, is_cancelled=True)

    assert values("seminar_participants") == {2023: 1, 2025: 1}


def test_seminar_counts_in_the_year_of_the_event_in_belgian_time():
    # 31 December 2024, 23:30 in Brussels is 22:30 UTC: still 2024.
    event = seminar(2024)
    event.starts_at = datetime.datetime(2024, 12, 31, 22, 30, tzinfo=datetime.UTC)
    event.ends_at = event.starts_at + datetime.timedelta(hours=2)
    event.save()
    came(event, make_user(zone=make_zone()))
    assert values("seminar_participants") == {2024: 1}


def test_seminar_by_region_uses_the_zone_of_the_day():
    brussels = make_zone(region="brussels")
    flanders = make_zone(region="flanders")
    person = make_user(zone=brussels)
    event = seminar(2025)
    came(event, person)
    came(event)  # a guest
    came(event, make_user(zone=flanders), attended=False)  # did not come: not counted
    person.zone = flanders  # moves zone afterwards
    person.save()
    assert REGISTRY["seminar_participants"].by_region(today=TODAY) == {
        2025: {"brussels": 1, "none": 1}
    }


# Midis


def test_midis_count_check_ins_and_people_beside():
    zone = make_zone()
    person, other = make_user(zone=zone), make_user(zone=zone)
    first, second = midi(2025, 3), midi(2025, 9)
    came(first, person)
    came(second, person)  # the same person at two midis
    came(second, other)
    came(second, make_user(zone=zone), attended=False)  # no-show
    came(first, make_user(zone=zone), attended=False, status="cancelled")
    came(first, email="guest@partner.example")
    came(second, email="GUEST@partner.example")  # the same guest, address in capitals

    assert values("midi_participants") == {2025: 5}
    assert extras("midi_participants", "people") == {2025: 3}
    assert extras("midi_participants", "events") == {2025: 2}


def test_a_midi_later_this_year_is_not_counted_yet():
    came(midi(2026, 3), make_user(zone=make_zone()))
    midi(2026, 9)  # after TODAY
    assert extras("midi_participants", "events") == {2026: 1}


# Fiches


def test_fiches_first_published_in_the_year():
    published_in(2024)
    published_in(2025)
    archived = published_in(2025)
    project_services.archive(project=archived, by=make_user(staff=True))  # still counts in 2025
    make_project(status="draft")  # never counted
    make_project(status="submitted")

    assert values("fiches_shared") == {2024: 1, 2025: 2, 2026: 0}


def test_a_republished_fiche_keeps_its_first_publication_year():
    project = published_in(2024)
    project.publish(visibility="public")
    assert values("fiches_shared") == {2024: 1, 2025: 0, 2026: 0}


# Replications


def test_replications_per_year_with_the_cumulative_total():
    implemented_in(2023)
    implemented_in(2023)
    dropped = implemented_in(2024)
    project_services.update_adoption(
        adoption=dropped, status=Adoption.Status.DROPPED, by=make_user(staff=True)
    )
    implemented_in(2026)
    make_project()  # no adoption
    from tests.factories import make_adoption

    make_adoption()  # interested only: not a replication

    assert values("replications") == {2023: 2, 2024: 1, 2025: 0, 2026: 1}
    assert extras("replications", "cumulative") == {2023: 2, 2024: 3, 2025: 3, 2026: 4}


def test_replications_by_region_of_the_adopting_zone():
    implemented_in(2025, zone=make_zone(region="flanders"))
    implemented_in(2025, zone=make_zone(region="brussels"))
    implemented_in(2025, zone=make_zone(region="brussels"))
    assert REGISTRY["replications"].by_region(today=TODAY) == {
        2025: {"flanders": Decimal(1), "brussels": Decimal(2)}
    }


def test_nothing_recorded_gives_no_year():
    for code, computation in REGISTRY.items():
        assert computation.figures(today=TODAY) == {}, code
