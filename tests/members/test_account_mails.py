"""allauth's mails speak as the association, in the recipient's language: our templates, the
association as sender and subject prefix, a text and an HTML part; and one language per
person (the profile's), for mails and for the site once signed in."""

import logging
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.adapter import AccountAdapter
from members.models import User
from tests.factories import PASSWORD, make_user

PREFIX = "[Réseau Intersection] "
LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"
YEAR = 60 * 60 * 24 * 365
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"


def allauth_mails():
    """Every mail allauth can send for the apps we use: account and mfa."""
    return sorted(
        f"{folder}/email/{path.name.removesuffix('_subject.txt')}"
        for folder in ("account", "mfa")
        for path in (ALLAUTH_TEMPLATES / folder / "email").glob("*_subject.txt")
    )


MAIL_CONTEXT = {
    "activate_url": "https://portal.example/accounts/confirm-email/KEY/",
    "password_reset_url": "https://portal.example/accounts/password/reset/key/KEY/",
    "signup_url": "https://portal.example/accounts/signup/",
    "code": "Q7RZ4K",
    "from_email": "old@police.belgium.eu",
    "to_email": "new@police.belgium.eu",
    "deleted_email": "old@police.belgium.eu",
    "ip": "192.0.2.1",
    "user_agent": "Firefox",
}

# What a Dutch-speaking member reads in the subject of the main mails.
DUTCH_SUBJECTS = {
    "account/email/email_confirmation_signup": "Bevestig uw e-mailadres",
    "account/email/password_reset_key": "Kies een nieuw wachtwoord",
    "account/email/unknown_account": "Geen account met dit adres",
    "account/email/password_changed": "Uw wachtwoord werd gewijzigd",
    "mfa/email/totp_activated": "Tweede factor ingeschakeld",
}


@pytest.fixture
def dutch_member(zone_b):
    return make_user(zone=zone_b, first_name="Lotte", preferred_language="nl")


def only_mail():
    (message,) = mail.outbox
    return message


def html_of(message):
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def test_every_allauth_mail_is_overridden_by_ours():
    ours = Path(settings.BASE_DIR) / "templates"
    missing = [
        f"{prefix}_{part}"
        for prefix in allauth_mails()
        for part in ("subject.txt", "message.txt")
        if not (ours / f"{prefix}_{part}").exists()
    ]
    assert allauth_mails(), "allauth's mail templates were found"
    assert missing == []


@pytest.mark.parametrize("template", allauth_mails())
def test_each_allauth_mail_is_branded_with_an_html_part_in_the_recipients_language(
    rf, dutch_member, template, django_capture_on_commit_callbacks
):
    context = {**MAIL_CONTEXT, "user": dutch_member, "timestamp": timezone.now()}
    with django_capture_on_commit_callbacks(execute=True):
        AccountAdapter(rf.get("/")).send_mail(template, dutch_member.email, context)

    message = only_mail()
    assert message.to == [dutch_member.email]
    assert message.from_email == "Réseau Intersection <noreply@intersection.invalid>"
    assert message.subject.startswith(PREFIX)
    if template in DUTCH_SUBJECTS:
        assert message.subject == PREFIX + DUTCH_SUBJECTS[template]
    assert message.body.startswith("Hallo Lotte,")
    assert "Hello from" not in message.body and "Thank you for using" not in message.body
    assert "Réseau Intersection" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    html = html_of(message)
    assert '<html lang="nl">' in html
    assert "Hallo Lotte," in html


def test_a_bare_sender_address_gets_the_associations_name(
    rf, dutch_member, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "portail@intersection.be"
    with django_capture_on_commit_callbacks(execute=True):
        AccountAdapter(rf.get("/")).send_mail(
            "account/email/password_reset_key", dutch_member.email, MAIL_CONTEXT
        )
    assert only_mail().from_email == "Réseau Intersection <portail@intersection.be>"


# The flows, as a person meets them


def test_the_sign_up_mail_is_ours_in_the_language_of_the_sign_up_page(
    client, db, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "first_name": "Pieter",
                "last_name": "Claes",
                "email": "pieter.claes@police.belgium.eu",
                "password1": "bright morning over the Meuse",
                "password2": "bright morning over the Meuse",
            },
        )
    message = only_mail()
    assert message.subject == PREFIX + "Bevestig uw e-mailadres"
    assert message.body.startswith("Hallo Pieter,")
    assert "/accounts/confirm-email/" in message.body
    assert "/accounts/confirm-email/" in html_of(message)
    assert User.objects.get(email="pieter.claes@police.belgium.eu").preferred_language == "nl"


def test_a_reset_mail_follows_the_profile_not_the_browser_of_who_asked(
    client, dutch_member, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": dutch_member.email.upper()})
    assert response.status_code == 302
    message = only_mail()
    assert message.subject == PREFIX + "Kies een nieuw wachtwoord"
    assert "/accounts/password/reset/key/" in message.body
    assert '<html lang="nl">' in html_of(message)


def test_a_reset_for_an_unknown_address_answers_in_the_pages_language(
    client, db, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": "nobody@police.belgium.eu"})
    message = only_mail()
    assert message.to == ["nobody@police.belgium.eu"]
    assert message.subject == PREFIX + "No account with this address"
    assert message.body.startswith("Hello,")
    assert "/accounts/signup/" in message.body


def test_changing_the_password_sends_a_notice_in_french(
    client_for, member_a, django_capture_on_commit_callbacks
):
    new = "a fresh and rather long passphrase"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member_a).post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": new, "password2": new},
        )
    message = only_mail()
    assert message.subject == PREFIX + "Votre mot de passe a été modifié"
    assert message.body.startswith("Bonjour Julien,")
    assert "/accounts/password/reset/" in message.body


def test_a_reset_with_the_mail_server_down_still_answers_and_logs(
    client, member_a, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(RESET, {"email": member_a.email})
    assert response.status_code == 302
    assert "could not be sent" in caplog.text


# One language per person on the site


def test_signing_in_switches_the_site_to_the_profiles_language_for_a_year(client, dutch_member):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.post(LOGIN, {"login": dutch_member.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "nl"
    assert cookie["max-age"] == YEAR
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_staff_get_their_language_once_past_the_second_factor(client, staff):
    from tests.factories import current_totp_code

    User.objects.filter(pk=staff.pk).update(preferred_language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_language_switch_keeps_the_choice_for_a_year_and_in_the_profile(client_for, member_a):
    response = client_for(member_a).post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["max-age"]) == ("nl", YEAR)
    member_a.refresh_from_db()
    assert member_a.preferred_language == "nl"


def test_a_visitor_switches_language_without_an_account(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"] == YEAR
    assert '<html lang="en">' in client.get("/").content.decode()


def test_an_unknown_language_changes_neither_cookie_nor_profile(client_for, member_a):
    response = client_for(member_a).post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    member_a.refresh_from_db()
    assert member_a.preferred_language == "fr"


def test_signing_up_again_with_ones_address_warns_the_owner_by_name_in_their_language(
    client, dutch_member, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "first_name": "Someone",
                "last_name": "Else",
                "email": dutch_member.email,
                "password1": "bright morning over the Meuse",
                "password2": "bright morning over the Meuse",
            },
        )
    message = only_mail()
    assert message.to == [dutch_member.email]
    assert message.subject == PREFIX + "Iemand probeerde een account aan te maken met uw adres"
    assert message.body.startswith("Hallo Lotte,")
    assert "/accounts/password/reset/" in message.body
