"""What a request says about who sent it."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied


def client_ip(request):
    """The client's address, read the way allauth's rate limits read it.

    Behind a load balancer, REMOTE_ADDR is the balancer's: the proxy's header counts instead,
    but only as far as the settings trust it (ALLAUTH_TRUSTED_PROXY_COUNT or
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER, from the environment), so a client cannot choose its
    own address by sending the header itself.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return ""


def confirmed(request):
    """Decline, remove and archive change things for other people: the first POST (the
    button on the list) only shows what will happen; the confirmation page's POST, with
    `confirmed=yes` (templates/includes/_confirm_form.html), acts."""
    return request.POST.get("confirmed") == "yes"


def set_language_cookie(response, language):
    """Remember the site's language in this browser, as Django's language switch does
    (LANGUAGE_COOKIE_AGE: a year)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
