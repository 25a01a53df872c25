"""allauth, speaking as the association.

Every mail of allauth (verification, reset, unknown account, notifications of a changed
password, address or second factor) goes through members.mail: our short templates
(templates/account/email/, templates/mfa/email/), the association as sender and subject
prefix, a text and an HTML part, sent after commit with a failure logged, in the language of
the person the mail is for (their profile's, whoever asked for the mail; the page's language
only when the address belongs to nobody). Signing in switches the site to that language.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.utils import translation

from .http import set_language_cookie
from .mail import render_mail, send_mail, sender
from .models import User


def _recipient(email, context):
    user = context.get("user")
    if isinstance(user, User):
        return user
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=email).first()


def _language(user):
    """The profile's language of the address's owner, or the page's for a stranger."""
    return user.preferred_language if user is not None else translation.get_language()


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return sender()

    def render_mail(self, template_prefix, email, context, headers=None):
        to = [email] if isinstance(email, str) else email
        user = _recipient(to[0], context)
        return render_mail(
            template=template_prefix,
            context={"user": user, **context},
            language=_language(user),
            to=to,
            headers=headers,
            body="message",
        )

    def send_mail(self, template_prefix, email, context):
        user = _recipient(email, context)
        send_mail(
            to=email,
            template=template_prefix,
            # The owner of the address is greeted by name, also when allauth leaves them out
            # (someone signing up again with their address).
            context={"email": email, "user": user, **context},
            language=_language(user),
            body="message",
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth leaves the user out of the context: the mail needs it for its language.
        super().send_notification_mail(
            template_prefix, user, {**(context or {}), "user": user}, email
        )

    def login(self, request, user):
        super().login(request, user)
        # The rest of this request (allauth's "signed in" message) speaks the person's language.
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        set_language_cookie(response, user.preferred_language)
        return response
