"""A decision on a join request is kept, and the page answers normally, when the mail server
is down: the failed mail is logged, never turned into an error page."""

import pytest
from django.urls import reverse

from members.models import JoinRequest, User
from tests.members.test_accounts import SIGNUP, signup_data


@pytest.fixture
def pending_request(pending_user):
    return pending_user.join_requests.get()


@pytest.mark.parametrize(
    ("url_name", "status"),
    [("members:join_approve", "approved"), ("members:join_decline", "declined")],
)
def test_a_reference_person_decides_while_the_mail_server_is_down(
    client_for,
    reference_a,
    pending_request,
    mail_server_down,
    django_capture_on_commit_callbacks,
    url_name,
    status,
):
    with django_capture_on_commit_callbacks(execute=True):
        # Declining asks for a confirmation first: this is the confirmed answer.
        response = client_for(reference_a).post(
            reverse(url_name, args=[pending_request.pk]), {"confirmed": "yes"}, follow=True
        )

    assert response.status_code == 200
    pending_request.refresh_from_db()
    assert pending_request.status == status
    assert len(mail_server_down.failures) == 1


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve_requests", "approved"), ("decline_requests", "declined")],
)
def test_staff_decide_in_the_admin_while_the_mail_server_is_down(
    client_for,
    staff,
    pending_request,
    mail_server_down,
    django_capture_on_commit_callbacks,
    action,
    status,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("admin:members_joinrequest_changelist"),
            {"action": action, "_selected_action": [pending_request.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert JoinRequest.objects.get(pk=pending_request.pk).status == status
    assert len(mail_server_down.failures) == 1


def test_a_person_signs_up_while_the_mail_server_is_down(
    client, db, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain  # on to the page that asks to check the mailbox
    assert User.objects.filter(email="amelie.leroy@police.belgium.eu").exists()
    assert len(mail_server_down.failures) == 1


def test_a_member_asks_for_a_new_password_while_the_mail_server_is_down(
    client, member_a, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": member_a.email}, follow=True
        )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_reset_password_done")
    assert len(mail_server_down.failures) == 1
