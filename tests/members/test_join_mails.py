"""Someone asks to join a zone: the person who decides is told, with the link to approve."""

import logging

import pytest
from django.urls import reverse

from members.models import JoinRequest
from tests.factories import make_user, make_zone

JOIN_URL = reverse("members:join")


@pytest.fixture
def newcomer(db):
    return make_user(first_name="Amélie", last_name="Leroy")


def test_the_zones_reference_persons_are_told_with_the_link_to_approve(
    client_for, newcomer, zone_a, reference_a, mailoutbox, django_capture_on_commit_callbacks
):
    second = make_user(zone=zone_a, reference=True, preferred_language="nl")
    make_user(zone=zone_a)  # a colleague who does not decide is not mailed
    make_user(zone=make_zone(), reference=True)  # nor another zone's reference person

    with django_capture_on_commit_callbacks(execute=True):
        client_for(newcomer).post(JOIN_URL, {"zone": zone_a.pk, "message": "Agente de quartier"})

    by_address = {sent.to[0]: sent for sent in mailoutbox}
    assert set(by_address) == {reference_a.email, second.email}
    mail = by_address[reference_a.email]
    assert mail.subject == "[Réseau Intersection] Amélie Leroy demande à rejoindre Liège"
    assert newcomer.email in mail.body
    assert "Agente de quartier" in mail.body
    assert f"/zones/{zone_a.slug}/manage/" in mail.body
    assert by_address[second.email].subject.startswith("[Réseau Intersection] Amélie Leroy vraagt")


def test_staff_are_told_when_the_zone_has_nobody_to_approve(
    client_for, newcomer, staff, mailoutbox, django_capture_on_commit_callbacks
):
    lonely = make_zone(name="Sylle et Dendre", number="5323")
    make_user(zone=lonely)  # a member, but no reference person

    with django_capture_on_commit_callbacks(execute=True):
        client_for(newcomer).post(JOIN_URL, {"zone": lonely.pk})

    (mail,) = mailoutbox
    assert mail.to == [staff.email]
    assert "Sylle et Dendre" in mail.subject
    assert "pas de personne de référence" in mail.subject
    assert f"/zones/{lonely.slug}/manage/" in mail.body


def test_the_link_in_the_mail_opens_the_page_where_the_reference_person_approves(
    client_for, newcomer, zone_a, reference_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(newcomer).post(JOIN_URL, {"zone": zone_a.pk})
    join_request = JoinRequest.objects.get(user=newcomer)

    page = client_for(reference_a).get(reverse("members:zone_manage", args=[zone_a.slug]))

    assert reverse("members:join_approve", args=[join_request.pk]) in page.content.decode()


def test_a_failing_mail_server_never_loses_the_request(
    client_for,
    settings,
    caplog,
    newcomer,
    zone_a,
    reference_a,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(newcomer).post(JOIN_URL, {"zone": zone_a.pk})

    assert response.status_code == 302
    assert JoinRequest.objects.get(user=newcomer).is_pending
    assert "could not be sent" in caplog.text


def test_a_failing_mail_server_never_undoes_an_approval(
    client_for,
    settings,
    caplog,
    pending_user,
    zone_a,
    reference_a,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    join_request = pending_user.join_requests.get()

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_for(reference_a).post(reverse("members:join_approve", args=[join_request.pk]))

    pending_user.refresh_from_db()
    assert pending_user.zone == zone_a
    assert "could not be sent" in caplog.text
