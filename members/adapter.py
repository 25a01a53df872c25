"""allauth's account mails (verification, password reset, notices): a mail server that fails
is logged, never turned into an error page. allauth's views save before they mail, outside a
transaction, so what they did is already committed when the mail leaves."""

from allauth.account.adapter import DefaultAccountAdapter

from .mail import deliver


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        deliver(message, description=f"Mail {template_prefix} to 1 recipient(s)")
