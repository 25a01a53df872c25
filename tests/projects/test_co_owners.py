"""Co-owners agree: a zone named as co-owner of a fiche is invited, its reference persons are
mailed, and it becomes co-owner (edit rights, the fiche on its page) only once one of them
accepts."""

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects import services
from projects.models import CoOwnerInvitation
from tests.answers import LOGIN, assert_answer
from tests.factories import make_project, make_user
from tests.projects.test_admin import form_values

Status = CoOwnerInvitation.Status
LIST_URL = reverse("projects:invitations")


def name_co_owners(client, fiche, *zones):
    """The zone's member saves the fiche's form with these co-owner zones, the rest as shown."""
    url = reverse("projects:edit", args=[fiche.slug])
    data = form_values(client.get(url).context["form"])
    data["co_owner_zones"] = [str(zone.pk) for zone in zones]
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def fiche(zone_a, member_a):
    return make_project(zone=zone_a, by=member_a, title="Senior Focus")


@pytest.fixture
def invitation(fiche, zone_b, member_a):
    return CoOwnerInvitation.objects.create(project=fiche, zone=zone_b, invited_by=member_a)


def test_naming_a_co_owner_zone_invites_it_and_mails_its_reference_persons(
    client_for,
    member_a,
    fiche,
    zone_b,
    reference_b,
    member_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    second_reference = make_user(zone=zone_b, reference=True, preferred_language="nl")

    with django_capture_on_commit_callbacks(execute=True):
        response = name_co_owners(client_for(member_a), fiche, zone_b)

    assert response.status_code == 302
    invitation = CoOwnerInvitation.objects.get()
    assert (invitation.project, invitation.zone, invitation.status) == (fiche, zone_b, "pending")
    assert invitation.invited_by == member_a
    assert not fiche.co_owner_zones.exists()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [reference_b.email, second_reference.email]
    )
    dutch = next(mail for mail in mailoutbox if mail.to == [second_reference.email])
    assert dutch.subject.startswith(settings.MAIL_SUBJECT_PREFIX)
    assert "Senior Focus" in dutch.subject
    assert "/projects/invitations/" in dutch.body
    assert fiche.revisions.get().action == "co-owners invited"


def test_a_zone_without_a_reference_person_is_invited_through_its_mailbox(
    member_a, fiche, zone_b, mailoutbox, django_capture_on_commit_callbacks
):
    zone_b.contact_email = "proximite@polbru.example"
    zone_b.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.name_co_owners(project=fiche, zones=[zone_b], by=member_a)

    assert [mail.to for mail in mailoutbox] == [["proximite@polbru.example"]]


def test_naming_the_same_zone_again_neither_invites_nor_mails_twice(
    client_for, member_a, fiche, zone_b, reference_b, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(member_a)
    with django_capture_on_commit_callbacks(execute=True):
        name_co_owners(client, fiche, zone_b)
        response = name_co_owners(client, fiche, zone_b)

    assert response.status_code == 302
    assert CoOwnerInvitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_zone_is_invited_once_per_fiche_while_the_invitation_waits(invitation, member_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoOwnerInvitation.objects.create(
            project=invitation.project, zone=invitation.zone, invited_by=member_a
        )
    invitation.status = Status.DECLINED
    invitation.save()
    # Once answered, the zone may be invited again.
    CoOwnerInvitation.objects.create(
        project=invitation.project, zone=invitation.zone, invited_by=member_a
    )


def test_until_it_accepts_the_invited_zone_has_no_rights_and_no_fiche_on_its_page(
    client_for, member_a, member_b, zone_b, zone_a
):
    draft = make_project(zone=zone_a, by=member_a, status="draft", title="Draft together")
    published = make_project(zone=zone_a, by=member_a, title="Published together")
    for fiche in (draft, published):
        services.name_co_owners(project=fiche, zones=[zone_b], by=member_a)
    client = client_for(member_b)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:edit", args=[draft.slug])).status_code == 404
    assert client.get(reverse("projects:edit", args=[published.slug])).status_code == 403
    assert client.post(reverse("projects:archive", args=[published.slug])).status_code == 403
    zone_page = client.get(reverse("projects:zone", args=[zone_b.slug])).content.decode()
    assert "Published together" not in zone_page
    mine = client.get(reverse("projects:mine")).content.decode()
    assert "Draft together" not in mine
    assert "Published together" not in mine


def test_once_its_reference_person_accepts_the_zone_is_co_owner(
    client_for, reference_b, member_b, zone_b, invitation
):
    fiche = invitation.project

    response = client_for(reference_b).post(
        reverse("projects:invitation_accept", args=[invitation.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "is now co-owner of “Senior Focus”" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Status.ACCEPTED
    assert invitation.decided_by == reference_b
    assert list(fiche.co_owner_zones.all()) == [zone_b]
    assert fiche.revisions.get().action == "co-owner accepted"
    client = client_for(member_b)
    assert client.get(reverse("projects:edit", args=[fiche.slug])).status_code == 200
    zone_page = client.get(reverse("projects:zone", args=[zone_b.slug])).content.decode()
    assert "Senior Focus" in zone_page


def test_a_declined_invitation_gives_no_rights(client_for, reference_b, member_b, invitation):
    response = client_for(reference_b).post(
        reverse("projects:invitation_decline", args=[invitation.pk])
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED
    assert not invitation.project.co_owner_zones.exists()
    edit = reverse("projects:edit", args=[invitation.project.slug])
    assert client_for(member_b).get(edit).status_code == 403


def test_an_answered_invitation_cannot_be_answered_again(client_for, reference_b, invitation):
    client = client_for(reference_b)
    client.post(reverse("projects:invitation_decline", args=[invitation.pk]))

    response = client.post(
        reverse("projects:invitation_accept", args=[invitation.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "This invitation was already answered." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED
    assert not invitation.project.co_owner_zones.exists()


def test_the_fiche_tells_its_editors_which_zones_have_not_answered_yet(
    client_for, member_a, member_b, invitation, zone_b
):
    fiche = invitation.project
    page = client_for(member_a).get(fiche.get_absolute_url()).content.decode()
    assert 'data-testid="invited-co-owners"' in page
    assert zone_b.name in page.split('data-testid="invited-co-owners"')[1].split("</p>")[0]

    other = client_for(member_b).get(fiche.get_absolute_url()).content.decode()
    assert 'data-testid="invited-co-owners"' not in other


def test_a_zone_taken_off_the_form_is_withdrawn_or_stops_being_co_owner(
    client_for, member_a, fiche, zone_b, invitation
):
    other = make_project(zone=fiche.owner_zone, by=member_a)
    accepted = CoOwnerInvitation.objects.create(
        project=other, zone=zone_b, invited_by=member_a, status=Status.ACCEPTED
    )
    other.co_owner_zones.add(zone_b)
    client = client_for(member_a)

    name_co_owners(client, fiche)
    name_co_owners(client, other)

    invitation.refresh_from_db()
    assert invitation.status == Status.WITHDRAWN
    assert not other.co_owner_zones.exists()
    assert other.revisions.get().action == "co-owners removed"
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED  # the record of what was agreed stays


def test_the_form_shows_the_zones_invited_and_the_co_owners(
    client_for, member_a, fiche, invitation, zone_b
):
    form = client_for(member_a).get(reverse("projects:edit", args=[fiche.slug])).context["form"]

    assert [int(pk) for pk in form["co_owner_zones"].value()] == [zone_b.pk]


# Who may answer


ANSWER = {
    "anonymous": LOGIN,
    "pending": 404,
    "member_a": 404,  # a member of the inviting zone
    "reference_a": 404,  # another zone's reference person
    "member_b": 403,  # a plain member of the invited zone
    "reference_b": 302,
    "staff": 302,
}
LIST = {
    "anonymous": LOGIN,
    "pending": 403,
    "member_a": 403,
    "reference_a": 200,
    "member_b": 403,
    "reference_b": 200,
    "staff": 200,
}


@pytest.mark.parametrize("persona", list(ANSWER))
@pytest.mark.parametrize("action", ["invitation_accept", "invitation_decline"])
def test_only_the_invited_zones_reference_person_or_staff_answer(
    client_for, personas, invitation, persona, action
):
    url = reverse(f"projects:{action}", args=[invitation.pk])

    response = client_for(personas[persona]).post(url)

    assert_answer(response, url, ANSWER[persona])
    invitation.refresh_from_db()
    assert invitation.is_pending is (ANSWER[persona] != 302)
    assert invitation.project.co_owner_zones.exists() is (
        ANSWER[persona] == 302 and action == "invitation_accept"
    )


@pytest.mark.parametrize("persona", list(LIST))
def test_the_invitations_page_lists_what_the_persona_may_answer(
    client_for, personas, invitation, persona
):
    response = client_for(personas[persona]).get(LIST_URL)

    assert_answer(response, LIST_URL, LIST[persona])
    if LIST[persona] == 200:
        listed = list(response.context["invitations"])
        assert listed == ([] if persona == "reference_a" else [invitation])


def test_the_accept_and_decline_links_answer_only_to_post(client_for, reference_b, invitation):
    url = reverse("projects:invitation_accept", args=[invitation.pk])
    assert client_for(reference_b).get(url).status_code == 405


def test_the_reference_persons_dashboard_links_to_the_invitations(
    client_for, reference_b, member_b, invitation
):
    dashboard = client_for(reference_b).get(reverse("home")).content.decode()
    assert 'data-testid="dashboard-invitations"' in dashboard
    assert f'href="{LIST_URL}"' in dashboard

    plain = client_for(member_b).get(reverse("home")).content.decode()
    assert 'data-testid="dashboard-invitations"' not in plain


def test_the_invitations_page_answers_with_queries_that_do_not_grow(
    client_for, reference_b, zone_b, zone_a, member_a, assert_queries_do_not_grow
):
    def add_row():
        fiche = make_project(zone=zone_a, by=member_a)
        CoOwnerInvitation.objects.create(project=fiche, zone=zone_b, invited_by=member_a)

    response = assert_queries_do_not_grow(client_for(reference_b), LIST_URL, add_row)
    assert len(response.context["invitations"]) == 11
