from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import JoinRequest, User, Zone


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up form: a member is known by name in the network."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.preferred_language = getattr(request, "LANGUAGE_CODE", user.preferred_language)
        user.save(update_fields=["first_name", "last_name", "preferred_language"])


class JoinRequestForm(forms.ModelForm):
    """Only an entity that is a member today can take a person in: a zone outside the
    network asks the association for membership first (the page says how)."""

    zone = forms.ModelChoiceField(
        label=_("Your zone or entity"),
        queryset=Zone.objects.none(),
        empty_label=_("Choose your zone"),
        error_messages={
            "invalid_choice": _(
                "This entity is not a member of the network today: it cannot take members in."
            )
        },
    )

    class Meta:
        model = JoinRequest
        fields = ["zone", "message"]
        labels = {"message": _("Message to the reference person (optional)")}
        help_texts = {
            "message": _("Your unit and function help the reference person recognise you.")
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()  # each form, not at import: memberships end and start
        self.fields["zone"].queryset = Zone.objects.members_on(today).order_by("name")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "function", "phone", "preferred_language"]
