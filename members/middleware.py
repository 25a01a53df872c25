from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffSecondFactorMiddleware:
    """Staff must enrol a TOTP second factor before any page but the account pages.

    Staff hold everyone's data through the admin: a stolen password alone must not open it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not self._is_exempt(request.path)
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            messages.warning(
                request,
                _("Staff accounts need a second factor. Set up your authenticator app to go on."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path):
        exempt = (
            reverse("account_login").rsplit("login/", 1)[0],  # every allauth page
            reverse("set_language"),
        )
        return path.startswith(exempt)
