"""allauth's forms with plain labels ("Adresse e-mail", not "Courriel") and no placeholders
standing in for them. Kept apart from members.forms, which allauth's own forms import."""

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa
from django.utils.translation import gettext_lazy as _

EMAIL = _("E-mail address")


def _relabel(form, labels):
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class LoginForm(account.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "login": EMAIL,
                "password": _("Password"),
                "remember": _("Keep me signed in on this device"),
            },
        )
        self.fields["password"].help_text = ""  # the page links to the reset itself


class SignupForm(account.SignupForm):
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "email": _("Work e-mail address"),
                "password1": _("Password"),
                "password2": _("Password again"),
            },
        )
        self.order_fields(self.field_order)


class ResetPasswordForm(account.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL})


class ResetPasswordKeyForm(account.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("New password"), "password2": _("New password again")})


class AuthenticateForm(mfa.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"code": _("Code from your authenticator app")})
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
