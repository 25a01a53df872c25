"""Following themes and zones, the weekly digest, and its one-click unsubscribe link."""

import datetime
import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intersection import services
from intersection.models import DigestEntry, Following
from projects.models import Theme
from tests.events.factories import make_event
from tests.factories import make_project, make_user, make_zone

FOLLOWING_URL = reverse("following")


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def theme(slug):
    return Theme.objects.get(slug=slug)


def follow(user, *, themes=(), zones=(), since=None):
    following = services.save_following(
        user=user, themes=[theme(slug) for slug in themes], zones=zones
    )
    if since is not None:
        Following.objects.filter(pk=following.pk).update(since=since)
    return following


def last_week():
    return timezone.now() - datetime.timedelta(days=7)


def send(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.send_digests()


def fiche(zone, *, themes=(), days_ago=1, **fields):
    project = make_project(
        zone=zone, published_at=timezone.now() - datetime.timedelta(days=days_ago), **fields
    )
    project.themes.set([theme(slug) for slug in themes])
    return project


# The page where a member chooses


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("pending", 403),
        ("member_a", 200),
        ("reference_b", 200),
        ("staff", 200),
    ],
)
def test_who_may_choose_what_to_follow(client_for, personas, persona, expected):
    response = client_for(personas[persona]).get(FOLLOWING_URL)

    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("account_login"))


def test_nothing_is_followed_until_the_member_chooses(client_for, member_a):
    page = client_for(member_a).get(FOLLOWING_URL).content.decode()

    assert 'type="checkbox"' in page
    assert "checked" not in page
    assert not Following.objects.exists()


def test_the_profile_leads_to_what_i_follow(client_for, member_a):
    page = client_for(member_a).get(reverse("profile")).content.decode()

    assert f'href="{FOLLOWING_URL}"' in page


def test_a_member_follows_themes_and_zones_and_can_untick_them(client_for, member_a, zone_b):
    client = client_for(member_a)
    seniors = theme("seniors")

    response = client.post(
        FOLLOWING_URL, {"themes": [seniors.pk], "zones": [zone_b.pk]}, follow=True
    )

    assert "Saved. The weekly digest will tell you what is new." in response.content.decode()
    following = Following.objects.get(user=member_a)
    assert list(following.themes.all()) == [seniors]
    assert list(following.zones.all()) == [zone_b]
    page = client.get(FOLLOWING_URL).content.decode()
    assert re.search(rf'value="{seniors.pk}"[^>]*checked', page)

    response = client.post(FOLLOWING_URL, {}, follow=True)

    assert "You follow nothing: no digest will be sent." in response.content.decode()
    assert not following.themes.exists() and not following.zones.exists()


def test_a_forged_zone_is_refused_with_a_message_and_nothing_saved(client_for, member_a):
    former = make_zone(name="Ancienne zone", member_since=None)

    response = client_for(member_a).post(FOLLOWING_URL, {"zones": [former.pk, 999999]})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Following.objects.exists()


# The digest


def test_a_follower_gets_the_new_fiches_of_their_themes_and_zones_only(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, themes=["bicycle-theft"], zones=[zone_b], since=last_week())
    other_zone = make_zone(name="Namur")
    by_theme = fiche(other_zone, themes=["bicycle-theft"], title="Véloflic")
    by_zone = fiche(zone_b, themes=["seniors"], title="Coffee with a Cop")
    fiche(other_zone, themes=["seniors"], title="Senior Focus")
    fiche(other_zone, themes=["bicycle-theft"], status="draft", title="Draft on bikes")

    assert send(django_capture_on_commit_callbacks) == 1

    (mail,) = mailoutbox
    assert mail.to == [member_a.email]
    assert "Véloflic" in mail.body and "Coffee with a Cop" in mail.body
    assert "Senior Focus" not in mail.body and "Draft on bikes" not in mail.body
    assert by_theme.get_absolute_url() in mail.body
    assert by_zone.get_absolute_url() in mail.body


def test_fiches_older_than_the_following_or_the_last_fortnight_are_not_news(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=timezone.now() - datetime.timedelta(days=3))
    fiche(zone_b, days_ago=5, title="Before I followed")
    fiche(zone_b, days_ago=30, title="Long ago")

    assert send(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_a_follower_with_nothing_new_gets_no_mail(
    member_a, member_b, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, themes=["cybercrime"], since=last_week())
    make_user(zone=zone_b)  # follows nothing
    fiche(zone_b, themes=["seniors"])

    assert send(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_upcoming_events_that_name_a_followed_theme_or_zone_are_listed(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    gent = make_zone(name="Gent")
    follow(member_a, themes=["bicycle-theft"], zones=[zone_b, gent], since=last_week())
    make_event(title="Midi : vol de velos a Bruxelles")  # typed without accents
    make_event(title="Midi de la proximité", description="Avec la zone PolBru.")
    make_event(title="Midi : les aînés")
    make_event(title="Midi : l'agent de quartier", description="Urgent : places limitées.")
    make_event(title="Fietsdiefstal", is_cancelled=True)
    make_event(title="Vol de vélos, bilan", days=-10)

    send(django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert "Midi : vol de velos a Bruxelles" in mail.body
    assert "Midi de la proximité" in mail.body
    assert "les aînés" not in mail.body
    assert "agent de quartier" not in mail.body
    assert "Fietsdiefstal" not in mail.body
    assert "bilan" not in mail.body


def test_the_digest_is_in_the_members_language_with_a_one_click_unsubscribe(
    member_a, mailoutbox, django_capture_on_commit_callbacks
):
    member_a.preferred_language = "nl"
    member_a.save(update_fields=["preferred_language"])
    follow(member_a, themes=["seniors"], since=last_week())
    fiche(make_zone(), themes=["seniors"], title="Senior Focus")

    send(django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert mail.subject == "[Réseau Intersection] Deze week in de thema's en zones die u volgt"
    assert "Nieuwe fiches" in mail.body
    unsubscribe_url = re.search(r"https?://\S+/unsubscribe/\S+/", mail.body).group(0)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, _mimetype = mail.alternatives[0]
    assert '<html lang="nl">' in html


def test_a_second_run_never_sends_the_same_fiche_twice(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=last_week())
    fiche(zone_b, title="First fiche")
    send(django_capture_on_commit_callbacks)

    assert send(django_capture_on_commit_callbacks) == 0
    fiche(zone_b, title="Second fiche")
    send(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 2
    assert "First fiche" not in mailoutbox[1].body
    assert "Second fiche" in mailoutbox[1].body


def test_the_database_refuses_to_record_a_fiche_twice_for_one_person(member_a):
    project = make_project()
    DigestEntry.objects.create(user=member_a, project=project)

    with pytest.raises(IntegrityError), transaction.atomic():
        DigestEntry.objects.create(user=member_a, project=project)


def test_a_run_that_collides_with_another_sends_nothing(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=last_week())
    project = fiche(zone_b)
    original = DigestEntry.objects.bulk_create

    def another_run_first(entries, **kwargs):
        # The other run records the same fiche between this run's reading and writing.
        DigestEntry.objects.create(user=member_a, project=project)
        return original(entries, **kwargs)

    out = StringIO()
    DigestEntry.objects.bulk_create = another_run_first
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_digests", stdout=out)
    finally:
        DigestEntry.objects.bulk_create = original

    assert "another run is sending them" in out.getvalue()
    assert mailoutbox == []


def test_the_command_says_how_many_digests_it_sent(
    member_a, zone_b, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=last_week())
    fiche(zone_b)
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=out)
        call_command("send_digests", stdout=out)

    assert out.getvalue().splitlines() == ["digests sent: 1", "digests sent: 0"]


def test_a_failing_mail_server_is_logged_and_the_command_ends_well(
    settings, caplog, member_a, zone_b, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    follow(member_a, zones=[zone_b], since=last_week())
    fiche(zone_b)

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_digests", stdout=StringIO())

    assert "could not be sent" in caplog.text


def test_closed_and_inactive_accounts_get_no_digest(
    member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=last_week())
    member_a.is_active = False
    member_a.save(update_fields=["is_active"])
    fiche(zone_b)

    assert send(django_capture_on_commit_callbacks) == 0


def test_the_digests_queries_do_not_grow_with_the_number_of_members(
    zone_b, django_assert_num_queries, django_capture_on_commit_callbacks
):
    def add_follower():
        user = make_user(zone=make_zone())
        follow(user, themes=["seniors"], zones=[zone_b], since=last_week())

    def add_news():
        fiche(zone_b, themes=["seniors"])
        make_event(title="Midi : seniors")

    add_follower()
    add_news()
    with CaptureQueriesContext(connection) as few:
        send(django_capture_on_commit_callbacks)
    for _ in range(10):
        add_follower()
    add_news()

    with django_assert_num_queries(len(few)):
        assert send(django_capture_on_commit_callbacks) == 11


# Unsubscribing


def unsubscribe_url(user):
    return reverse("unsubscribe", args=[services.unsubscribe_token(user)])


def test_opening_the_link_changes_nothing_until_the_button_is_pressed(client, member_a, zone_b):
    follow(member_a, zones=[zone_b])

    page = client.get(unsubscribe_url(member_a))

    assert page.status_code == 200
    assert 'data-testid="unsubscribe"' in page.content.decode()
    assert Following.objects.get(user=member_a).zones.exists()


def test_one_click_unsubscribes_without_login_or_form_token(member_a, zone_b):
    follow(member_a, themes=["seniors"], zones=[zone_b])
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        unsubscribe_url(member_a),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    following = Following.objects.get(user=member_a)
    assert not following.themes.exists() and not following.zones.exists()


def test_after_unsubscribing_no_digest_is_sent(
    client, member_a, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    follow(member_a, zones=[zone_b], since=last_week())
    client.post(unsubscribe_url(member_a))
    fiche(zone_b)

    assert send(django_capture_on_commit_callbacks) == 0


def test_a_forged_link_unsubscribes_nobody(client, member_a, member_b, zone_b):
    follow(member_a, zones=[zone_b])
    forged = services.unsubscribe_token(member_b).replace(str(member_b.pk), str(member_a.pk), 1)

    response = client.post(reverse("unsubscribe", args=[forged]))

    assert response.status_code == 404
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert Following.objects.get(user=member_a).zones.exists()


def test_a_closed_account_follows_nothing_and_keeps_no_digest_record(member_a, zone_b):
    from intersection import privacy

    follow(member_a, zones=[zone_b])
    DigestEntry.objects.create(user=member_a, project=make_project(zone=zone_b))

    privacy.close_account(user=member_a)

    assert not Following.objects.filter(user=member_a).exists()
    assert not DigestEntry.objects.filter(user=member_a).exists()


def test_my_data_shows_what_i_follow(client_for, member_a, zone_b):
    follow(member_a, themes=["seniors"], zones=[zone_b])

    page = client_for(member_a).get(reverse("my_data")).content.decode()

    assert "What you follow" in page
    assert "Seniors" in page
    assert "Bruxelles-Capitale/Ixelles" in page


def test_the_following_page_queries_do_not_grow_with_the_zones(
    client_for, member_a, assert_queries_do_not_grow
):
    client = client_for(member_a)

    def add_followed_zone():
        zone = make_zone()
        following = services.following_of(member_a)
        following.save()
        following.zones.add(zone)

    response = assert_queries_do_not_grow(client, FOLLOWING_URL, add_followed_zone)

    assert response.content.decode().count("checked") == 11


def test_staff_read_followings_and_digest_records_in_the_admin(client_for, staff, member_a, zone_b):
    follow(member_a, zones=[zone_b])
    DigestEntry.objects.create(user=member_a, project=make_project(zone=zone_b, title="Véloflic"))
    client = client_for(staff)

    followings = client.get(reverse("admin:intersection_following_changelist"))
    entries = client.get(reverse("admin:intersection_digestentry_changelist"))

    assert followings.status_code == 200
    assert "Julien Renard" in followings.content.decode()
    assert entries.status_code == 200
    assert "Véloflic" in entries.content.decode()
    assert client.get(reverse("admin:intersection_digestentry_add")).status_code == 403
