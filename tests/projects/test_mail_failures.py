"""Sending a fiche back and asking about a fiche are kept, and the page answers normally,
when the mail server is down: the failed mail is logged, never turned into an error page."""

from django.urls import reverse

from projects.models import Adoption, Project
from tests.factories import make_project
from tests.projects.test_co_owners import name_co_owners


def test_staff_send_a_fiche_back_while_the_mail_server_is_down(
    client_for, staff, member_a, zone_a, mail_server_down, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, status="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("projects:review", args=[fiche.slug]),
            {"decision": "send_back", "comment": "Add the figures."},
            follow=True,
        )

    assert response.status_code == 200
    fiche.refresh_from_db()
    assert fiche.status == Project.Status.DRAFT
    assert fiche.review_comment == "Add the figures."
    assert len(mail_server_down.failures) == 1


def test_staff_send_fiches_back_from_the_admin_while_the_mail_server_is_down(
    client_for, staff, member_a, zone_a, mail_server_down, django_capture_on_commit_callbacks
):
    fiches = [make_project(zone=zone_a, by=member_a, status="submitted") for _ in "ab"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("admin:projects_project_changelist"),
            {
                "action": "send_back",
                "_selected_action": [fiche.pk for fiche in fiches],
                "apply": "1",
                "comment": "Add the figures.",
            },
            follow=True,
        )

    assert response.status_code == 200
    assert set(Project.objects.values_list("status", flat=True)) == {Project.Status.DRAFT}
    assert len(mail_server_down.failures) == 2


def test_a_zone_asks_about_a_fiche_while_the_mail_server_is_down(
    client_for, member_b, zone_a, mail_server_down, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_b).post(
            reverse("projects:interest", args=[fiche.slug]),
            {"message": "How many officers?"},
            follow=True,
        )

    assert response.status_code == 200
    adoption = Adoption.objects.get(project=fiche)
    assert adoption.zone == member_b.zone
    assert adoption.events.contacts().count() == 1
    # The mail to the fiche's contact and the asker's copy both failed, and were logged.
    assert len(mail_server_down.failures) == 2


def test_a_zone_is_invited_to_co_own_a_fiche_while_the_mail_server_is_down(
    client_for,
    member_a,
    zone_a,
    zone_b,
    reference_b,
    mail_server_down,
    django_capture_on_commit_callbacks,
):
    fiche = make_project(zone=zone_a, by=member_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = name_co_owners(client_for(member_a), fiche, zone_b)

    assert response.status_code == 302
    assert fiche.co_owner_invitations.get().zone == zone_b
    assert len(mail_server_down.failures) == 1
