"""The site as a whole: probes, languages, error pages, security headers, settings, demo data."""

import html
import io
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from intersection.settings import cache_from_url
from members.models import JoinRequest, Membership, User, Zone

LANGUAGES = ["fr", "nl", "en"]
PUBLIC_PAGES = [
    "/",
    "/zones/",
    "zone page",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
MEMBER_PAGES = [
    "/accounts/profile/",
    "/zones/mine/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/sessions/",
]


def translated(text, language):
    """The text as the site shows it in `language`; fails when the catalogue lacks it."""
    with translation.override(language):
        result = gettext(text)
    assert result != text, f"no {language} translation for {text!r}"
    return result


def open_page(client, page, zone):
    url = zone.get_absolute_url() if page == "zone page" else page
    return client.get(url, follow=True)


@pytest.fixture
def page_client(client, member_a):
    """A client for the page: anonymous for public pages, member_a for the account pages."""

    def for_page(page):
        if page in MEMBER_PAGES:
            client.force_login(member_a)
        return client

    return for_page


# Probes


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_readyz_answers_503_when_the_database_fails(client, db):
    with mock.patch("intersection.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] != "ok"


# Languages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PUBLIC_PAGES + MEMBER_PAGES)
def test_every_page_answers_in_each_language(page_client, zone_a, page, language):
    client = page_client(page)
    client.cookies["django_language"] = language
    response = open_page(client, page, zone_a)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_the_language_chosen_with_the_switch_sticks(client, db):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert response.status_code == 302

    content = client.get("/").content.decode()
    assert '<html lang="nl">' in content
    assert translated("Create an account", "nl") in content


def test_french_is_the_default_language(client, db):
    content = client.get("/").content.decode()
    assert '<html lang="fr">' in content
    assert translated("Create an account", "fr") in content


def test_the_browser_language_is_followed_without_a_cookie(client, db):
    content = client.get("/", headers={"accept-language": "nl-BE,nl;q=0.9"}).content.decode()
    assert '<html lang="nl">' in content


# Error pages


def test_page_not_found_uses_the_layout_and_speaks_french(client, db):
    response = client.get("/zones/no-such-zone/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert 'class="site-header"' in content
    assert translated("Page not found", "fr") in content


def test_page_not_found_follows_the_visitor_language(client, db):
    client.cookies["django_language"] = "nl"
    response = client.get("/zones/no-such-zone/")
    assert response.status_code == 404
    assert translated("Page not found", "nl") in response.content.decode()


def test_access_refused_uses_the_layout_and_speaks_french(client_for, member_a, zone_b):
    response = client_for(member_a).get(f"/zones/{zone_b.slug}/manage/")
    assert response.status_code == 403
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert 'class="site-header"' in content
    assert translated("Access refused", "fr") in content


def test_server_error_page_renders_with_the_layout_without_context(db):
    with translation.override("fr"):
        content = render_to_string("500.html")
    assert '<html lang="fr">' in content
    assert 'class="site-header"' in content
    assert translated("Something went wrong on our side", "fr") in content


# Security headers


@pytest.mark.parametrize("page", PUBLIC_PAGES + MEMBER_PAGES)
def test_every_page_forbids_inline_scripts(page_client, zone_a, page):
    response = open_page(page_client(page), page, zone_a)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip()
    )
    assert "script-src" in directives
    assert "'unsafe-inline'" not in directives["script-src"]


def test_error_pages_carry_the_content_security_policy(client, db):
    response = client.get("/zones/no-such-zone/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


# Settings


def test_cache_defaults_to_the_database_so_rate_limits_are_shared_by_workers():
    cache = cache_from_url("")
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_cache_url_with_redis_scheme_selects_redis():
    cache = cache_from_url("redis://cache.internal:6379/1")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/1"


def test_cache_url_with_an_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="memcached"):
        cache_from_url("memcached://cache.internal:11211")


# Demo data


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Zone, User, Membership, JoinRequest, Authenticator)
    }


def test_seed_demo_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == 0


def test_seed_demo_run_twice_changes_nothing_the_second_time(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    assert first["Zone"] > 0
    assert first["User"] > 0

    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first


def test_seed_demo_gives_staff_a_second_factor_and_prints_how_to_sign_in(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()

    staff = User.objects.get(is_staff=True)
    assert staff.authenticator_set.filter(type=Authenticator.Type.TOTP).exists()
    printed_password = output.split("password:", 1)[1].split()[0]
    assert staff.check_password(printed_password)
    codes = RecoveryCodes(
        staff.authenticator_set.get(type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert codes
    assert all(code in output for code in codes)


@pytest.mark.parametrize("url", ["/", "/projects/", "/privacy/", "/accounts/login/"])
def test_every_page_footer_carries_the_contact_privacy_and_accessibility(client, db, settings, url):
    settings.CONTACT_EMAIL = "info@intersection.example"
    content = client.get(url).content.decode()
    start = content.index('data-testid="footer-links"')
    footer = content[start : content.index("</ul>", start)]
    assert 'href="mailto:info@intersection.example"' in footer
    assert 'href="/privacy/"' in footer
    assert 'href="/accessibility/"' in footer


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Accessibility statement", "axe-core", "WCAG 2.1 AA", "Report a barrier"]),
        ("fr", ["Déclaration d'accessibilité", "axe-core", "WCAG 2.1 AA", "Signaler un obstacle"]),
        ("nl", ["Toegankelijkheidsverklaring", "axe-core", "WCAG 2.1 AA", "Een drempel melden"]),
    ],
)
def test_the_accessibility_statement_says_what_was_tested_and_how_to_report(
    client, db, settings, language, texts
):
    settings.CONTACT_EMAIL = "info@intersection.example"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/accessibility/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    for text in texts:
        assert text in content
    assert content.count('href="mailto:info@intersection.example"') == 2  # statement, footer
