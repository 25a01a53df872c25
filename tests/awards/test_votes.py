"""The audience prize and the reference persons' prize."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from awards.models import Phase, Vote
from awards.views import GUEST_VOTE_SALT, guest_vote_token
from events.models import Event
from tests.awards.conftest import text_of
from tests.awards.factories import make_edition, make_entry, make_prize, set_phase
from tests.events.factories import make_event, make_guest_registration
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar(db):
    return make_event(title="Séminaire 2026", kind=Event.Kind.SEMINAR, days=-1)


@pytest.fixture
def voting(seminar, zone_a, zone_b):
    edition = make_edition(year=2026, phase=Phase.VOTING, seminar=seminar)
    edition.entry_a = make_entry(edition=edition, project=make_project(zone=zone_a, title="Liège"))
    edition.entry_b = make_entry(edition=edition, project=make_project(zone=zone_b, title="Gent"))
    return edition


@pytest.fixture
def audience(voting):
    prize = make_prize(edition=voting, kind="audience")
    prize.shortlist.add(voting.entry_a, voting.entry_b)
    return prize


@pytest.fixture
def references(voting):
    return make_prize(edition=voting, kind="reference_persons")


def check_in(seminar, user):
    from events.models import Registration

    return Registration.objects.create(event=seminar, user=user, attended=True)


def vote_url(prize):
    return reverse("awards:vote", args=[prize.edition.year, prize.pk])


def test_a_person_checked_in_votes_once(client, audience, seminar, member_b):
    check_in(seminar, member_b)
    client.force_login(member_b)
    assert "Liège" in text_of(client.get(vote_url(audience)))
    assert (
        client.post(vote_url(audience), {"entry": audience.edition.entry_a.pk}).status_code == 302
    )
    second = client.post(vote_url(audience), {"entry": audience.edition.entry_b.pk})
    assert "You have voted." in text_of(second)
    assert list(Vote.objects.values_list("entry", flat=True)) == [audience.edition.entry_a.pk]


def test_someone_not_checked_in_cannot_vote(client, audience, seminar, member_b):
    from events.models import Registration

    Registration.objects.create(event=seminar, user=member_b, attended=False)
    client.force_login(member_b)
    response = client.post(vote_url(audience), {"entry": audience.edition.entry_a.pk})
    assert response.status_code == 403
    assert "Only people checked in at the seminar can vote" in text_of(response)
    assert not Vote.objects.exists()


def test_an_entry_off_the_shortlist_is_refused(client, audience, seminar, member_b, zone_b):
    audience.shortlist.remove(audience.edition.entry_b)
    check_in(seminar, member_b)
    client.force_login(member_b)
    response = client.post(vote_url(audience), {"entry": audience.edition.entry_b.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert not Vote.objects.exists()


def test_a_partner_guest_votes_through_a_single_use_link(client, audience, seminar):
    guest = make_guest_registration(seminar)
    guest.attended = True
    guest.save()
    url = reverse("awards:guest_vote", args=[guest_vote_token(prize=audience, registration=guest)])
    assert "Thank you" in text_of(client.post(url, {"entry": audience.edition.entry_b.pk}))
    assert "You have voted." in text_of(client.post(url, {"entry": audience.edition.entry_a.pk}))
    assert Vote.objects.get().registration == guest
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_a_guest_who_did_not_come_has_no_vote(client, audience, seminar):
    guest = make_guest_registration(seminar)
    url = reverse("awards:guest_vote", args=[guest_vote_token(prize=audience, registration=guest)])
    assert client.post(url, {"entry": audience.edition.entry_b.pk}).status_code == 404
    assert not Vote.objects.exists()


def test_the_reference_persons_vote_once_per_zone_never_for_their_own(
    client, references, reference_a, zone_a
):
    other_reference = make_user(zone=zone_a, reference=True)
    client.force_login(reference_a)
    ballot = text_of(client.get(vote_url(references)))
    assert "Gent" in ballot
    assert "Liège" not in ballot
    own = client.post(vote_url(references), {"entry": references.edition.entry_a.pk})
    assert "Select a valid choice" in text_of(own)
    assert not Vote.objects.exists()
    assert (
        client.post(vote_url(references), {"entry": references.edition.entry_b.pk}).status_code
        == 302
    )
    client.force_login(other_reference)
    assert "Your zone has voted." in text_of(client.get(vote_url(references)))
    client.post(vote_url(references), {"entry": references.edition.entry_b.pk})
    assert Vote.objects.get().zone == zone_a


def test_a_plain_member_cannot_vote_for_the_zone(client, references, member_a):
    client.force_login(member_a)
    assert (
        client.post(vote_url(references), {"entry": references.edition.entry_b.pk}).status_code
        == 403
    )
    assert not Vote.objects.exists()


def test_no_vote_after_closing_and_counts_only_for_staff_after(
    client, audience, seminar, member_b, staff
):
    check_in(seminar, member_b)
    client.force_login(member_b)
    client.post(vote_url(audience), {"entry": audience.edition.entry_a.pk})
    results = reverse("awards:results", args=[audience.pk])
    client.force_login(staff)
    assert 'data-testid="vote-counts"' not in text_of(client.get(results))
    set_phase(audience.edition, Phase.CLOSED)
    client.force_login(member_b)
    response = client.post(vote_url(audience), {"entry": audience.edition.entry_b.pk})
    assert response.status_code == 403
    assert "Voting is not open" in text_of(response)
    assert Vote.objects.count() == 1
    assert client.get(results).status_code == 404
    client.force_login(staff)
    assert 'data-testid="vote-counts"' in text_of(client.get(results))


def test_the_reference_persons_dashboard_shows_the_open_vote_then_that_the_zone_voted(
    client, references, reference_a, zone_a
):
    client.force_login(reference_a)
    assert vote_url(references) in text_of(client.get(reverse("home")))
    client.post(vote_url(references), {"entry": references.edition.entry_b.pk})
    client.force_login(make_user(zone=zone_a, reference=True))
    page = text_of(client.get(reverse("home")))
    assert "your zone has voted." in page
    assert vote_url(references) not in page


def test_staff_show_or_mail_each_checked_in_guest_their_link(
    client, django_capture_on_commit_callbacks, mailoutbox, audience, seminar, staff, member_b
):
    came = make_guest_registration(seminar, guest_name="Procureure Namur", email="pn@justice.be")
    came.attended = True
    came.save()
    make_guest_registration(seminar, guest_name="Absent Guest")
    url = reverse("awards:guest_links", args=[2026, audience.pk])
    client.force_login(member_b)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    page = text_of(client.get(url))
    assert "Procureure Namur" in page
    assert "Absent Guest" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert [mail.to for mail in mailoutbox] == [["pn@justice.be"]]
    # The link in the mail is the guest's own (the token is signed with a timestamp).
    token = re.search(r"/awards/vote/([^/\s]+)/", mailoutbox[0].body).group(1)
    assert signing.loads(token, salt=GUEST_VOTE_SALT) == [audience.pk, came.pk]


def test_the_admin_shows_vote_counts_only_once_voting_closed(
    client, audience, seminar, member_b, staff
):
    check_in(seminar, member_b)
    client.force_login(member_b)
    client.post(vote_url(audience), {"entry": audience.edition.entry_a.pk})
    client.force_login(staff)
    url = reverse("admin:awards_prize_change", args=[audience.pk])
    assert "Counts are shown when voting closes." in text_of(client.get(url))
    set_phase(audience.edition, Phase.CLOSED)
    page = text_of(client.get(url))
    assert "Liège: 1" in page
    assert member_b.last_name not in page
