"""Accounts through allauth (sign-up, e-mail, password, second factor, rate limits) and the
admin site as staff use it."""

import re

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.utils import translation

from members.models import JoinRequest, Membership, User, Zone
from tests.factories import PASSWORD, current_totp_code, make_join_request, make_user, make_zone

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
NEW_PASSWORD = "a fresh and rather long passphrase"


def signup_data(**overrides):
    data = {
        "first_name": "Amélie",
        "last_name": "Leroy",
        "email": "amelie.leroy@police.belgium.eu",
        "password1": "bright morning over the Meuse",
        "password2": "bright morning over the Meuse",
    }
    data.update(overrides)
    return data


def french(message):
    with translation.override("fr"):
        return str(message)


@pytest.fixture
def english_client(client):
    """The admin in English, so that the assertions read like the messages in the code."""
    client.cookies["django_language"] = "en"
    return client


# Sign-up


def test_sign_up_creates_an_unverified_account_and_sends_a_verification_mail(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    user = User.objects.get(email="amelie.leroy@police.belgium.eu")
    assert (user.first_name, user.last_name) == ("Amélie", "Leroy")
    assert not EmailAddress.objects.get(user=user).verified
    assert user.zone is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amelie.leroy@police.belgium.eu"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_unverified_account_cannot_sign_in_before_confirming(client, db, mailoutbox):
    client.post(SIGNUP, signup_data())
    client.logout()

    response = client.post(
        LOGIN,
        {"login": "amelie.leroy@police.belgium.eu", "password": signup_data()["password1"]},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert client.get("/accounts/profile/").status_code == 302


def test_sign_up_with_an_existing_address_in_another_case_makes_no_second_account(
    client, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    """allauth prevents enumeration: the visitor sees the usual "check your mail" step,
    and the owner of the address is told by mail that someone tried to sign up with it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data(email=member_a.email.upper()))

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact=member_a.email).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member_a.email]
    assert "/accounts/password/reset/" in mailoutbox[0].body
    assert "/accounts/confirm-email/" not in mailoutbox[0].body


def test_sign_up_with_a_first_name_over_100_characters_is_refused(client, db, mailoutbox):
    response = client.post(SIGNUP, signup_data(first_name="A" * 101))

    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]
    assert "100" in response.content.decode()
    assert not User.objects.exists()
    assert mailoutbox == []


def test_confirming_the_address_signs_in_and_leads_to_the_join_page(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[0].body)
    assert link, mailoutbox[0].body

    assert client.get(link[1]).status_code == 200
    response = client.post(link[1], follow=True)

    assert response.redirect_chain[-1][0] == "/zones/join/"
    assert response.status_code == 200
    assert response.context["user"].email == "amelie.leroy@police.belgium.eu"
    assert EmailAddress.objects.get(email="amelie.leroy@police.belgium.eu").verified


# Account pages


def test_member_opens_the_password_and_email_pages(client_for, member_a):
    client = client_for(member_a)
    assert client.get("/accounts/password/change/").status_code == 200
    response = client.get("/accounts/email/")
    assert response.status_code == 200
    assert member_a.email in response.content.decode()


def test_member_changes_their_password_and_signs_in_with_the_new_one(client_for, member_a):
    client = client_for(member_a)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302

    client.logout()
    response = client.post(LOGIN, {"login": member_a.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


# Staff and the second factor


@pytest.mark.parametrize("url", ["/admin/", "/", "/zones/"])
def test_staff_without_second_factor_is_sent_to_set_it_up(client_for, db, url):
    staff = make_user(staff=True, totp=False)
    response = client_for(staff).get(url)
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_staff_login_asks_for_the_second_factor_before_opening_the_admin(client, staff):
    response = client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"

    # Until the code is given, the admin sends the person back to the second-factor step.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"

    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_login_with_a_wrong_code_does_not_open_the_admin(client, staff):
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_admin_login_page_hands_over_to_the_site_login(client, staff):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)

    # Posting the admin's own form does not sign in past the second factor.
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert client.get("/admin/").status_code == 302


def test_sixth_login_after_five_failures_is_refused_even_with_the_right_password(client, member_a):
    for _ in range(5):
        response = client.post(LOGIN, {"login": member_a.email, "password": "wrong guess"})
        assert response.status_code == 200

    response = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD})

    assert response.status_code == 200
    message = DefaultAccountAdapter.error_messages["too_many_login_attempts"]
    assert french(message) in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_failed_logins_for_one_address_do_not_lock_out_another(client, member_a, member_b):
    for _ in range(5):
        client.post(LOGIN, {"login": member_a.email, "password": "wrong guess"})

    response = client.post(LOGIN, {"login": member_b.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


# The admin site


def add_zone_rows():
    make_zone()


def add_user_rows():
    make_user(zone=make_zone())


def add_join_request_rows():
    make_join_request()


def add_membership_rows():
    make_zone()


@pytest.mark.parametrize(
    ("url", "add_row"),
    [
        ("/admin/members/zone/", add_zone_rows),
        ("/admin/members/zone/?q=Zone", add_zone_rows),
        ("/admin/members/user/", add_user_rows),
        ("/admin/members/user/?q=police", add_user_rows),
        ("/admin/members/joinrequest/", add_join_request_rows),
        ("/admin/members/joinrequest/?q=police", add_join_request_rows),
        ("/admin/members/membership/", add_membership_rows),
        ("/admin/members/membership/?q=Zone", add_membership_rows),
    ],
)
def test_admin_lists_answer_with_queries_that_do_not_grow(
    client_for, staff, assert_queries_do_not_grow, url, add_row
):
    response = assert_queries_do_not_grow(client_for(staff), url, add_row)
    assert response.context["cl"].result_count >= 11


def test_admin_approve_action_puts_people_in_their_zone(
    client_for, staff, zone_a, django_capture_on_commit_callbacks, mailoutbox
):
    first, second = make_user(), make_user()
    requests = [make_join_request(user=person, zone=zone_a) for person in (first, second)]
    decided = make_join_request(zone=zone_a, status=JoinRequest.Status.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            "/admin/members/joinrequest/",
            {
                "action": "approve_requests",
                "_selected_action": [r.pk for r in [*requests, decided]],
            },
            follow=True,
        )

    assert response.status_code == 200
    for request in requests:
        request.refresh_from_db()
        assert request.status == JoinRequest.Status.APPROVED
        assert request.decided_by == staff
    for person in (first, second):
        person.refresh_from_db()
        assert person.zone == zone_a
    decided.refresh_from_db()
    assert decided.status == JoinRequest.Status.DECLINED
    assert decided.user.zone is None
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([first.email, second.email])


def test_admin_refuses_a_new_user_whose_email_differs_only_in_case(english_client, staff, member_a):
    english_client.force_login(staff)
    response = english_client.post(
        "/admin/members/user/add/",
        {
            "email": member_a.email.upper(),
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert User.objects.filter(email__iexact=member_a.email).count() == 1


def user_change_data(user, **overrides):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "function": user.function,
        "phone": user.phone,
        "preferred_language": user.preferred_language,
        "zone": user.zone_id or "",
        "is_reference_person": "on" if user.is_reference_person else "",
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_admin_refuses_to_change_an_email_to_another_account_in_another_case(
    english_client, staff, member_a, member_b
):
    english_client.force_login(staff)
    response = english_client.post(
        f"/admin/members/user/{member_b.pk}/change/",
        user_change_data(member_b, email=member_a.email.upper()),
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    member_b.refresh_from_db()
    assert member_b.email != member_a.email


def test_admin_refuses_a_reference_person_without_zone(english_client, staff, member_a):
    english_client.force_login(staff)
    response = english_client.post(
        f"/admin/members/user/{member_a.pk}/change/",
        user_change_data(member_a, zone="", is_reference_person="on"),
    )
    assert response.status_code == 200
    assert "A reference person must belong to a zone." in response.content.decode()
    member_a.refresh_from_db()
    assert member_a.zone is not None
    assert not member_a.is_reference_person


def zone_form_data(**overrides):
    data = {
        "name": "Zone de police Boraine",
        "short_name": "Boraine",
        "slug": "5327-boraine",
        "kind": Zone.Kind.LOCAL_ZONE,
        "number": "5327",
        "number_verified": "on",
        "region": "wallonia",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("532", "An official zone number has exactly four digits, for example 5339."),
        ("53a7", "An official zone number has exactly four digits, for example 5339."),
        ("53270", "Ensure this value has at most 4 characters (it has 5)."),
    ],
)
def test_admin_refuses_a_zone_number_that_is_not_four_digits(
    english_client, staff, number, message
):
    english_client.force_login(staff)
    response = english_client.post("/admin/members/zone/add/", zone_form_data(number=number))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Zone.objects.filter(slug="5327-boraine").exists()


def test_admin_adds_a_zone_with_a_four_digit_number(english_client, staff):
    english_client.force_login(staff)
    response = english_client.post("/admin/members/zone/add/", zone_form_data())
    assert response.status_code == 302
    assert Zone.objects.get(slug="5327-boraine").number == "5327"


def test_admin_completes_a_zone_website_typed_without_scheme_with_https(english_client, staff):
    english_client.force_login(staff)
    english_client.post("/admin/members/zone/add/", zone_form_data(website="www.boraine.be"))
    assert Zone.objects.get(slug="5327-boraine").website == "https://www.boraine.be"


def test_admin_zone_form_refuses_a_membership_ending_before_it_starts(english_client, staff):
    english_client.force_login(staff)
    response = english_client.post(
        "/admin/members/zone/add/",
        zone_form_data(
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-start": "2024-01-01",
                "memberships-0-end": "2023-12-31",
            }
        ),
    )
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in response.content.decode()
    assert not Zone.objects.filter(slug="5327-boraine").exists()
    assert not Membership.objects.filter(start="2024-01-01").exists()


def test_admin_membership_form_refuses_an_end_before_the_start(english_client, staff, zone_a):
    english_client.force_login(staff)
    response = english_client.post(
        "/admin/members/membership/add/",
        {"zone": zone_a.pk, "start": "2024-01-01", "end": "2023-12-31"},
    )
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in response.content.decode()
    assert not Membership.objects.filter(start="2024-01-01").exists()


@pytest.mark.parametrize("url", ["/admin/", "/admin/members/user/", "/admin/login/"])
def test_member_gets_no_admin_access(client_for, reference_a, url):
    response = client_for(reference_a).get(url, follow=True)
    assert response.status_code == 403
    assert "cl" not in (response.context or {})
