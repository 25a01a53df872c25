"""Before publication, no winner, shortlist, score or vote count reaches an anonymous visitor,
a member, or a juror of another prize: every awards page, for every persona."""

import pytest
from django.urls import get_resolver, reverse

from awards.models import Award, Edition, Phase, Vote
from awards.views import guest_vote_token
from events.models import Event, Registration
from tests.awards.conftest import text_of
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
)
from tests.events.factories import make_event
from tests.factories import make_project, make_user, make_zone

pytestmark = pytest.mark.django_db

SECRETS = ["SECRET-CITATION", "73.7", 'data-testid="vote-counts"', 'data-testid="winner"',
           "prize-badge", "WINNER-TITLE", "SHORTLISTED-TITLE"]  # fmt: skip
# A juror of another prize sees the edition's entries (they score them), and anyone the
# winning fiche itself: never the rest.
NOT_TITLES = SECRETS[:5]


@pytest.fixture
def world(personas, zone_a):
    seminar = make_event(kind=Event.Kind.SEMINAR, days=-1)
    edition = make_edition(year=2026, phase=Phase.DELIBERATION, seminar=seminar)
    zone_c = make_zone(name="Gent")
    winner = make_entry(edition=edition, project=make_project(zone=zone_c, title="WINNER-TITLE"))
    shortlisted = make_entry(
        edition=edition, project=make_project(zone=zone_c, title="SHORTLISTED-TITLE")
    )
    own = make_entry(edition=edition, zone=zone_a, project=make_project(zone=zone_a))
    jury = make_prize(edition=edition)
    criterion = make_criterion(prize=jury, maximum=1000)
    juror = make_juror(prize=jury, user=make_user(totp=True))
    make_sheet(juror=juror, entry=winner, values={criterion: 737}, comment="SECRET-COMMENT")
    Award.objects.create(prize=jury, entry=winner, citation_en="SECRET-CITATION")
    originality = make_prize(edition=edition, kind="originality")
    other_juror = make_juror(prize=originality, user=make_user(totp=True))
    audience = make_prize(edition=edition, kind="audience")
    audience.shortlist.add(shortlisted)
    guest = Registration.objects.create(
        event=seminar, guest_name="G", email="g@x.be", attended=True
    )
    Vote.objects.create(prize=audience, entry=shortlisted, registration=guest)
    urls = {
        "editions": reverse("awards:editions"),
        "jury": reverse("awards:jury"),
        "jury_entry": reverse("awards:jury_entry", args=[jury.pk, winner.pk]),
        "jury_entry other prize": reverse("awards:jury_entry", args=[originality.pk, winner.pk]),
        "jury_conflict": reverse("awards:jury_conflict", args=[jury.pk, winner.pk]),
        "results": reverse("awards:results", args=[jury.pk]),
        "results audience": reverse("awards:results", args=[audience.pk]),
        "decide": reverse("awards:decide", args=[jury.pk]),
        "export": reverse("awards:export", args=[jury.pk]),
        "entry_edit": reverse("awards:entry_edit", args=[own.pk]),
        "entry_withdraw": reverse("awards:entry_withdraw", args=[own.pk]),
        "guest_vote": reverse(
            "awards:guest_vote", args=[guest_vote_token(prize=audience, registration=guest)]
        ),
        "edition": reverse("awards:edition", args=[2026]),
        "enter": reverse("awards:enter", args=[2026]),
        "publish": reverse("awards:publish", args=[2026]),
        "vote": reverse("awards:vote", args=[2026, audience.pk]),
        "guest_links": reverse("awards:guest_links", args=[2026, audience.pk]),
        "fiche": winner.project.get_absolute_url(),
    }
    people = {**personas, "juror": juror.user, "other_juror": other_juror.user}
    return urls, people


def test_the_walk_covers_every_awards_url(world):
    urls, _people = world
    names = {name for name in get_resolver("awards.urls").reverse_dict if isinstance(name, str)}
    assert names <= {name.split(" ")[0] for name in urls}


@pytest.mark.parametrize("method", ["get", "post"])
def test_nothing_leaks_before_publication(client, world, method):
    urls, people = world
    if method == "post":
        del people["staff"]  # staff's actions (publishing) are theirs to take
    for persona, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, url in urls.items():
            response = getattr(client, method)(url)
            assert response.status_code < 500, (persona, name)
            page = text_of(response)
            if persona in ("staff", "juror"):
                continue
            secrets = NOT_TITLES if persona == "other_juror" or name == "fiche" else SECRETS
            leaked = [secret for secret in secrets if secret in page]
            assert not leaked, (persona, name, leaked)
    assert Award.objects.count() == 1
    assert Vote.objects.count() == 1
    assert not Edition.objects.published().exists()


def test_the_prizes_juror_and_staff_see_the_table_after_scoring(client, world):
    urls, people = world
    for persona in ("juror", "staff"):
        client.force_login(people[persona])
        assert "73.7" in text_of(client.get(urls["results"]))
