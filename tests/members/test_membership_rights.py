"""Member rights follow the zone's membership: a person of a lapsed zone is a visitor again,
told why, and finds everything back when the zone renews."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from events.models import Event
from members import demo as members_demo
from members import services
from members.models import JoinRequest, Membership, User, Zone
from projects import demo as projects_demo
from projects.models import Adoption, Project
from tests.events.factories import make_event, register_members
from tests.factories import make_adoption, make_project, make_user, make_zone

LAPSED_ON = datetime.date(2022, 12, 31)


def lapse(zone):
    """The zone's only membership ran from 2018 to the end of 2022."""
    zone.memberships.all().delete()
    Membership.objects.create(zone=zone, start=datetime.date(2018, 1, 1), end=LAPSED_ON)


def renew(zone):
    Membership.objects.create(zone=zone, start=timezone.localdate())


@pytest.fixture
def huy(db):
    zone = make_zone(name="Huy", number="5298")
    lapse(zone)
    return zone


@pytest.fixture
def officer(huy):
    """The reference person of a zone whose membership has ended."""
    return make_user(zone=huy, reference=True, first_name="Marc", last_name="Lejeune")


@pytest.fixture
def visitor(db):
    """A signed-in person attached to no zone: what a visitor with an account gets."""
    return make_user(first_name="Vera", last_name="Visitor")


# The rule, in one place


def test_a_person_of_a_current_member_zone_is_a_member(member_a):
    assert User.objects.with_membership().get(pk=member_a.pk).is_member
    assert member_a.is_member


def test_a_person_of_a_lapsed_zone_is_not_a_member(officer):
    loaded = User.objects.with_membership().get(pk=officer.pk)
    assert not loaded.is_member
    assert loaded.membership_lapsed
    assert loaded.zone_membership_ended_on == LAPSED_ON
    assert not User.objects.get(pk=officer.pk).is_member  # loaded without the annotation


def test_a_membership_ending_today_still_covers_today(officer, huy):
    Membership.objects.create(zone=huy, start=datetime.date(2023, 1, 1), end=timezone.localdate())
    assert User.objects.with_membership().get(pk=officer.pk).is_member


def test_a_membership_starting_tomorrow_does_not_cover_today(officer, huy):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Membership.objects.create(zone=huy, start=tomorrow)
    assert not User.objects.with_membership().get(pk=officer.pk).is_member


def test_the_signed_in_user_costs_no_query_for_the_membership(client, member_a):
    """The membership is read in the query that loads request.user, nowhere else."""
    client.force_login(member_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    reading_memberships = [q["sql"] for q in queries if "members_membership" in q["sql"]]
    assert len(reading_memberships) == 1
    assert '"members_user"' in reading_memberships[0]


# What the lapsed person sees


def test_lapsed_person_is_told_when_the_membership_ended_and_whom_to_contact(
    client, officer, settings
):
    settings.CONTACT_EMAIL = "contact@intersection.example"
    client.force_login(officer)
    response = client.get(reverse("home"))
    notice = response.content.decode()
    assert 'data-testid="membership-lapsed"' in notice
    assert "31 décembre 2022" in notice
    assert "Huy" in notice
    assert "mailto:contact@intersection.example" in notice
    # the visitor's home page, not the members' dashboard nor the "join a zone" prompt
    assert "intersection/home.html" in [t.name for t in response.templates]
    assert reverse("members:join") not in notice


def test_lapsed_notice_says_not_a_member_when_the_zone_never_was(client, db):
    person = make_user(zone=make_zone(name="Hannut", member_since=None))
    client.force_login(person)
    page = client.get(reverse("projects:list")).content.decode()
    assert "Hannut n'est pas membre du réseau aujourd'hui" in page


def test_members_see_no_lapsed_notice(client, member_a):
    client.force_login(member_a)
    assert 'data-testid="membership-lapsed"' not in client.get(reverse("home")).content.decode()


def test_lapsed_person_cannot_write_a_fiche(client, officer):
    client.force_login(officer)
    assert client.get(reverse("projects:create")).status_code == 403
    response = client.post(reverse("projects:create"), {"title": "Nouveau projet"})
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_lapsed_person_cannot_read_members_only_fiches(client, officer, zone_a):
    hidden = make_project(zone=zone_a, title="Patrouilles vélo", visibility="members")
    client.force_login(officer)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Patrouilles vélo" not in client.get(reverse("projects:list")).content.decode()


def test_lapsed_person_cannot_ask_about_a_project(client, officer, zone_a):
    project = make_project(zone=zone_a)
    client.force_login(officer)
    client.post(reverse("projects:interest", args=[project.slug]), {"message": "Intéressés"})
    assert not Adoption.objects.exists()


def test_lapsed_person_cannot_register_for_an_event(client, officer):
    event = make_event()
    client.force_login(officer)
    assert client.post(reverse("events:register", args=[event.slug])).status_code == 403
    assert not event.registrations.exists()


def test_lapsed_reference_person_cannot_approve_colleagues(client, officer, huy):
    request = JoinRequest.objects.create(user=make_user(), zone=huy)
    client.force_login(officer)
    assert client.post(reverse("members:join_approve", args=[request.pk])).status_code == 404
    request.refresh_from_db()
    assert request.is_pending


def test_drafts_stay_with_the_zone_and_come_back_on_renewal(client, officer, huy):
    draft = make_project(zone=huy, status="draft", title="Brouillon de Huy", by=officer)
    client.force_login(officer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Brouillon de Huy" not in client.get(reverse("projects:mine")).content.decode()

    renew(huy)

    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Brouillon de Huy" in client.get(reverse("projects:mine")).content.decode()
    assert client.get(reverse("projects:edit", args=[draft.slug])).status_code == 200
    officer.refresh_from_db()
    assert officer.zone == huy and officer.is_reference_person  # nothing was taken away


# Joining


def test_join_form_offers_only_current_member_entities(client, visitor, huy, zone_a):
    client.force_login(visitor)
    response = client.get(reverse("members:join"))
    choices = list(response.context["form"].fields["zone"].queryset)
    assert zone_a in choices
    assert huy not in choices


def test_join_form_explains_how_another_entity_asks_for_membership(client, visitor, settings):
    settings.CONTACT_EMAIL = "contact@intersection.example"
    client.force_login(visitor)
    page = client.get(reverse("members:join")).content.decode()
    assert 'data-testid="join-network"' in page
    assert "mailto:contact@intersection.example" in page


def test_a_forged_lapsed_zone_is_refused_with_a_message(client, visitor, huy):
    client.force_login(visitor)
    response = client.post(reverse("members:join"), {"zone": huy.pk})
    assert response.status_code == 200
    assert "pas membre du réseau aujourd&#x27;hui" in response.content.decode()
    assert not JoinRequest.objects.filter(user=visitor).exists()


def test_the_join_service_refuses_an_entity_that_is_not_a_member(visitor, huy):
    with pytest.raises(ValidationError):
        services.request_to_join(user=visitor, zone=huy)
    assert not JoinRequest.objects.exists()


def test_a_lapsed_person_may_ask_to_join_a_member_zone(client, officer, zone_a):
    client.force_login(officer)
    page = client.get(reverse("members:join")).content.decode()
    assert "membre de Huy" not in page  # not told they are a member of their lapsed zone
    client.post(reverse("members:join"), {"zone": zone_a.pk})
    assert JoinRequest.objects.filter(user=officer, zone=zone_a).pending().exists()


# Memberships that end soon


def test_zones_whose_membership_ends_within_sixty_days(db):
    today = timezone.localdate()
    ending = make_zone(name="Ending", member_since=None)
    Membership.objects.create(zone=ending, start=today.replace(year=today.year - 1), end=today)
    later = make_zone(name="Later", member_since=None)
    Membership.objects.create(zone=later, start=today, end=today + datetime.timedelta(days=90))
    renewed = make_zone(name="Renewed", member_since=None)
    Membership.objects.create(zone=renewed, start=today, end=today + datetime.timedelta(days=10))
    Membership.objects.create(zone=renewed, start=today + datetime.timedelta(days=11))
    make_zone(name="Open-ended")

    listed = list(Zone.objects.membership_ending())
    assert [zone.name for zone in listed] == ["Ending"]
    assert listed[0].membership_ends_on == today


def test_reference_person_dashboard_says_the_membership_ends_soon(client, reference_a, zone_a):
    ends = timezone.localdate() + datetime.timedelta(days=30)
    zone_a.memberships.update(end=ends)
    client.force_login(reference_a)
    response = client.get(reverse("home"))
    card = response.content.decode()
    assert 'data-testid="dashboard-memberships-ending"' in card
    assert list(response.context["memberships_ending"]) == [zone_a]


def test_members_who_are_not_reference_persons_are_not_told(client, member_a, zone_a):
    zone_a.memberships.update(end=timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(member_a)
    assert "dashboard-memberships-ending" not in client.get(reverse("home")).content.decode()


def test_reference_person_is_not_told_about_a_far_end(client, reference_a, zone_a):
    zone_a.memberships.update(end=timezone.localdate() + datetime.timedelta(days=61))
    client.force_login(reference_a)
    assert "dashboard-memberships-ending" not in client.get(reverse("home")).content.decode()


def test_staff_dashboard_lists_every_zone_whose_membership_ends_soon(client, staff, zone_a, zone_b):
    zone_a.memberships.update(end=timezone.localdate() + datetime.timedelta(days=5))
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert list(response.context["memberships_ending"]) == [zone_a]
    assert reverse("admin:members_membership_changelist") in response.content.decode()


def test_staff_dashboard_queries_do_not_grow_with_ending_memberships(
    client, staff, django_assert_num_queries
):
    def add_ending_zone():
        zone = make_zone(member_since=None)
        Membership.objects.create(zone=zone, start=datetime.date(2020, 1, 1), end=soon)

    soon = timezone.localdate() + datetime.timedelta(days=20)
    client.force_login(staff)
    add_ending_zone()
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(5):
        add_ending_zone()
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("home"))
    assert len(response.context["memberships_ending"]) == 6


# Every members-only URL, walked with a person of a lapsed zone


APP_NAMESPACES = ("members", "projects", "events")


def _patterns(resolver, namespace=None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and namespace in APP_NAMESPACES:
            yield namespace, entry


@pytest.fixture
def world(huy, officer, zone_a):
    """Something behind every kind of members-only URL, on both sides of the lapse."""
    colleague = make_user(zone=huy, first_name="Colleague", last_name="OfHuy")
    draft = make_project(zone=huy, status="draft", title="Brouillon de Huy", by=officer)
    own_published = make_project(
        zone=huy, title="Fiche publiée de Huy", visibility="members", by=officer
    )
    own_public = make_project(zone=huy, title="Fiche publique de Huy", by=officer)
    others = make_project(zone=zone_a, title="Fiche réservée de Liège", visibility="members")
    adoption = make_adoption(project=others, zone=huy, by=officer)
    event = make_event(title="Midi réservé", audience=Event.Audience.MEMBERS)
    registration = register_members(event, 1, zone=zone_a)[0]
    join_request = JoinRequest.objects.create(user=make_user(), zone=huy)
    return {
        ("members", "slug"): [huy.slug],
        ("members", "pk"): [join_request.pk],
        ("members", "user_pk"): [colleague.pk],
        ("projects", "slug"): [draft.slug, own_published.slug, own_public.slug, others.slug],
        ("projects", "pk"): [adoption.pk],
        ("events", "slug"): [event.slug],
        ("events", "pk"): [registration.pk],
        ("events", "token"): ["not-a-token"],
        ("events", "year"): [timezone.localdate().year],
        "hidden": ["Brouillon de Huy", "Fiche publiée de Huy", "Fiche réservée de Liège"],
    }


def _urls(world):
    """Every URL of the apps, each argument filled from `world` by its name: a new URL with an
    argument nobody thought of fails here instead of being skipped."""
    urls = []
    for namespace, pattern in _patterns(get_resolver()):
        names = list(pattern.pattern.converters)
        values = [world[(namespace, name)] for name in names]
        for combination in itertools.product(*values):
            kwargs = dict(zip(names, combination, strict=True))
            urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=kwargs))
    return urls


def _answer(client, user, method, url, hidden):
    client.force_login(user)
    response = getattr(client, method)(url)
    content = b"".join(response) if response.streaming else response.content
    text = content.decode(errors="replace")
    return (
        response.status_code,
        response.get("Location"),
        tuple(title for title in hidden if title in text),
    )


def test_the_walk_covers_every_app_url(world):
    urls = _urls(world)
    names = {name for _namespace, pattern in _patterns(get_resolver()) if (name := pattern.name)}
    assert {"create", "detail", "edit", "zone_manage", "event_detail", "register"} <= names
    assert len(urls) >= len(names)


def test_members_reach_more_than_visitors_on_the_walk(client, world, officer, huy, visitor):
    """The walk compares something: with the zone renewed, the same person gets more."""
    renew(huy)
    differing = {
        url
        for url in _urls(world)
        if _answer(client, officer, "get", url, world["hidden"])
        != _answer(client, visitor, "get", url, world["hidden"])
    }
    assert reverse("projects:create") in differing
    assert reverse("projects:history", args=[world[("projects", "slug")][2]]) in differing
    assert reverse("projects:detail", args=[world[("projects", "slug")][0]]) in differing
    assert reverse("members:zone_manage", args=[huy.slug]) in differing
    assert reverse("events:event_detail", args=[world[("events", "slug")][0]]) in differing


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_app_url_answers_a_lapsed_person_as_a_visitor(
    client, world, officer, visitor, method
):
    before = (Project.objects.count(), Adoption.objects.count(), JoinRequest.objects.count())
    different = {}
    for url in _urls(world):
        as_visitor = _answer(client, visitor, method, url, world["hidden"])
        as_lapsed = _answer(client, officer, method, url, world["hidden"])
        if as_lapsed != as_visitor:
            different[url] = {"lapsed": as_lapsed, "visitor": as_visitor}
    assert different == {}
    after = (Project.objects.count(), Adoption.objects.count(), JoinRequest.objects.count())
    assert after == before


def test_the_demo_shows_an_officer_of_a_lapsed_zone(client, db):
    members_demo.seed()
    projects_demo.seed()
    officer = User.objects.with_membership().get(email="officer.huy@intersection.demo")
    assert officer.zone.name == "Huy"
    assert officer.membership_lapsed
    client.force_login(officer)
    assert 'data-testid="membership-lapsed"' in client.get(reverse("home")).content.decode()
    draft = Project.objects.get(owner_zone=officer.zone, status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    renew(officer.zone)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_staff_of_a_lapsed_zone_keep_their_powers_and_see_no_notice(client, huy):
    person = make_user(zone=huy, staff=True, totp=True)
    client.force_login(person)
    response = client.get(reverse("home"))
    assert "intersection/dashboard.html" in [t.name for t in response.templates]
    assert 'data-testid="membership-lapsed"' not in response.content.decode()
