"""Links sent by e-mail: absolute addresses (members.links) and signed tokens."""

from django.core import signing

from .models import GUEST_LINK_MAX_AGE

GUEST_SALT = "events.guest-confirmation"
MANAGE_SALT = "events.registration"
FEED_SALT = "events.personal-feed"


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
