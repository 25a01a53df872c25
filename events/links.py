"""Links sent by e-mail: absolute addresses and signed tokens.

A mail is often sent from the housekeeping command, with no request to take the host from,
so the site's address comes from the SITE_URL setting, or else from the first allowed host.
"""

from django.conf import settings
from django.core import signing

from .models import GUEST_LINK_MAX_AGE

GUEST_SALT = "events.guest-confirmation"
MANAGE_SALT = "events.registration"
FEED_SALT = "events.personal-feed"


def site_url():
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if settings.DEBUG:
        return "http://127.0.0.1:8000"
    hosts = [host for host in settings.ALLOWED_HOSTS if host and not host.startswith(("*", "."))]
    return f"https://{hosts[0]}" if hosts else ""


def absolute_url(path):
    return f"{site_url()}{path}"


def guest_token(registration):
    # The address is signed too: a link never confirms a registration whose address changed.
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=GUEST_SALT)


def read_guest_token(token):
    """(registration pk, e-mail); raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.loads(token, salt=GUEST_SALT, max_age=GUEST_LINK_MAX_AGE)
    return data["r"], data["e"]


def manage_token(registration):
    return signing.dumps(registration.pk, salt=MANAGE_SALT)


def read_manage_token(token):
    return signing.loads(token, salt=MANAGE_SALT)


def feed_token(user):
    return signing.dumps(user.pk, salt=FEED_SALT)


def read_feed_token(token):
    return signing.loads(token, salt=FEED_SALT)
