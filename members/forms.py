from django import forms
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
    zone = forms.ModelChoiceField(
        label=_("Your zone or entity"),
        queryset=Zone.objects.order_by("name"),
        empty_label=_("Choose your zone"),
    )

    class Meta:
        model = JoinRequest
        fields = ["zone", "message"]
        labels = {"message": _("Message to the reference person (optional)")}
        help_texts = {
            "message": _("Your unit and function help the reference person recognise you.")
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "function", "phone", "preferred_language"]
