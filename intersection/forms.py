from allauth.mfa.models import Authenticator
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Zone
from projects.models import Theme


class CloseAccountForm(forms.Form):
    """Closing cannot be undone: the person proves it is them, with their second factor too."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed for good and cannot be reopened.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.authenticators = list(
            Authenticator.objects.filter(
                user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
            )
        )
        if not self.authenticators:
            del self.fields["code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        valid = any(entry.wrap().validate_code(code) for entry in self.authenticators)
        if not valid:
            raise forms.ValidationError(_("This code is not valid. Try the current one."))
        return code


class StaffCloseAccountForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example: request received by post on 2 December, reference 2026-14."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class FollowingForm(forms.Form):
    """Opt-in: both lists start empty; a digest comes only for what is ticked here."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    zones = forms.ModelMultipleChoiceField(
        label=_("Member entities"),
        queryset=Zone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their new fiches, and the events that name them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The current members, and any zone already followed (so that it can be unticked).
        followed = self.initial.get("zones") or []
        current = Zone.objects.members_on(timezone.localdate())
        self.fields["zones"].queryset = Zone.objects.filter(
            Q(pk__in=current.values("pk")) | Q(pk__in=followed)
        ).order_by("name")
