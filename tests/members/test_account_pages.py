"""The account pages are ours: plain labels in French, Dutch and English, and on sign-up who
may join, which address to use and what happens next."""

import html
import re

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import PASSWORD, make_user

LOGIN = "/accounts/login/"
SIGNUP = "/accounts/signup/"
RESET = "/accounts/password/reset/"

EMAIL_LABEL = {"fr": "Adresse e-mail", "nl": "E-mailadres", "en": "E-mail address"}
PAGES_WITH_EMAIL = [LOGIN, RESET]


def page(client, url, language, **kwargs):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def label_of(content, name):
    match = re.search(rf'<label for="id_{name}">([^<*]*)', content)
    assert match, f"no label for {name}"
    return match[1].strip()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("url", PAGES_WITH_EMAIL)
def test_the_address_field_has_a_plain_label(client, db, url, language):
    content = page(client, url, language)
    name = "login" if url == LOGIN else "email"
    assert label_of(content, name) == EMAIL_LABEL[language]
    assert "Courriel" not in content and "placeholder=" not in content


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("fr", ["Se connecter", "Mot de passe", "Mot de passe oublié ?", "Créer un compte"]),
        ("nl", ["Aanmelden", "Wachtwoord", "Wachtwoord vergeten?", "Account aanmaken"]),
        ("en", ["Sign in", "Password", "Forgot your password?", "Create an account"]),
    ],
)
def test_the_login_page_speaks_plainly(client, db, language, texts):
    content = page(client, LOGIN, language)
    for text in texts:
        assert text in content
    assert "Connexion" not in content


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fr",
            [
                "Adresse e-mail professionnelle",
                "personnel d'une zone membre",
                "adresse e-mail professionnelle",
                "sa personne de référence approuve votre compte",
                "Créer mon compte",
            ],
        ),
        (
            "nl",
            [
                "Professioneel e-mailadres",
                "personeel van een lidzone",
                "professionele e-mailadres",
                "haar referentiepersoon keurt uw account goed",
                "Mijn account aanmaken",
            ],
        ),
        (
            "en",
            [
                "Work e-mail address",
                "staff of a member zone",
                "work e-mail address",
                "its reference person approves your account",
                "Create my account",
            ],
        ),
    ],
)
def test_the_sign_up_page_says_who_may_join_which_address_and_what_happens_next(
    client, db, language, texts
):
    content = page(client, SIGNUP, language)
    for text in texts:
        assert text in content
    assert "Création de compte" not in content and "Courriel" not in content


def test_sign_up_then_check_your_mailbox(client, db, django_capture_on_commit_callbacks):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SIGNUP,
            {
                "first_name": "Amélie",
                "last_name": "Leroy",
                "email": "amelie.leroy@police.belgium.eu",
                "password1": "bright morning over the Meuse",
                "password2": "bright morning over the Meuse",
            },
            follow=True,
        )
    content = html.unescape(response.content.decode())
    assert "Consultez votre boîte mail" in content
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    content = page(client, link[1], "fr")
    assert "Confirmez que amelie.leroy@police.belgium.eu est votre adresse." in content
    assert "Ce lien a expiré" in page(client, "/accounts/confirm-email/forged/", "fr")


def test_the_reset_pages_lead_to_a_new_password(
    client, member_a, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": member_a.email}, follow=True)
    assert "Controleer uw mailbox" in html.unescape(response.content.decode())
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    form_page = client.get(link[1], follow=True)
    content = html.unescape(form_page.content.decode())
    assert label_of(content, "password1") == "Nieuw wachtwoord"
    new = "a fresh and rather long passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True
    )
    assert "Uw nieuwe wachtwoord is opgeslagen." in html.unescape(response.content.decode())
    assert "Deze link is verlopen" in page(client, "/accounts/password/reset/key/1-forged/", "nl")


def test_the_second_factor_page_asks_for_the_apps_code(client, db):
    staff = make_user(staff=True, totp=True, preferred_language="fr")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    content = page(client, "/accounts/2fa/authenticate/", "fr")
    assert label_of(content, "code") == "Code de votre application d'authentification"
    assert 'inputmode="numeric"' in content
    assert "Second facteur" in content


def test_the_sign_out_page_asks_before_signing_out(client_for, member_a):
    client = client_for(member_a)
    content = page(client, "/accounts/logout/", "fr")
    assert "Voulez-vous vous déconnecter du portail ?" in content
    client.post("/accounts/logout/")
    assert client.get("/accounts/profile/").status_code == 302
