"""The one way the portal sends mail.

Every mail of every app goes through `send_mail`: it is rendered in the recipient's language
from templates of ours, carries the association's name as sender and subject prefix, has a
plain-text part and an HTML part, and leaves only once the current transaction has committed.
A mail server that fails is logged and never turns a committed action into an error page.

Templates, for `template="projects/email/published"`:

- `projects/email/published_subject.txt`: one line (line breaks are folded, so a title forged
  with a line break cannot become a bad header);
- `projects/email/published_body.txt`: the text part;
- `projects/email/published_body.html`, optional: the HTML part. Without it, the text part is
  shown in the association's HTML layout (`email/base.html`), with its links made clickable.

allauth's mails (members.adapter) use the same machinery with allauth's names, `_message`
instead of `_body` (templates/account/email/ and templates/mfa/email/ override them).
"""

import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .links import site_url

logger = logging.getLogger(__name__)


def mail_language(language):
    """A language the site speaks: the given one, or the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def sender():
    """DEFAULT_FROM_EMAIL, with the association's name when the address was set without one."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return settings.DEFAULT_FROM_EMAIL
    return f"{settings.MAIL_SENDER_NAME} <{address}>"


def render_mail(*, template, context, language, to, reply_to=(), headers=None, body="body"):
    """The message, ready to send: used by `send_mail` and by allauth's adapter."""
    context = {"site_url": site_url(), "contact_email": settings.CONTACT_EMAIL, **(context or {})}
    with translation.override(mail_language(language)):
        subject = render_to_string(f"{template}_subject.txt", context)
        subject = settings.MAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"{template}_{body}.txt", context)
        try:
            html = render_to_string(f"{template}_{body}.html", context)
        except TemplateDoesNotExist:
            html = render_to_string(
                "email/base.html", {**context, "subject": subject, "text_body": text}
            )
    message = EmailMultiAlternatives(subject, text, sender(), list(to), reply_to=list(reply_to))
    message.attach_alternative(html, "text/html")
    for name, value in (headers or {}).items():
        message.extra_headers[name] = value
    return message


def send_mail(
    *,
    to,
    template,
    context=None,
    language=None,
    reply_to=(),
    headers=None,
    attachments=(),
    body="body",
):
    """Send the mail after commit (at once outside a transaction); log a failure, never raise.

    `to` is one address or a list; empty addresses are dropped, and no recipient means no mail.
    `attachments` are (filename, content, mimetype) triples.
    """
    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return

    def deliver():
        try:
            message = render_mail(
                template=template,
                context=context,
                language=language,
                to=recipients,
                reply_to=reply_to,
                headers=headers,
                body=body,
            )
            for attachment in attachments:
                message.attach(*attachment)
            message.send()
        except Exception:
            logger.exception(
                "Mail %s to %d recipient(s) could not be sent.", template, len(recipients)
            )

    transaction.on_commit(deliver)
