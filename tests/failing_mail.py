"""A mail backend whose server is down: every workflow that mails must survive it."""

from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("The mail server is down.")
