import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Zone
from members.numbers import LocalizedDecimalField

from . import uploads
from .models import Adoption, Attachment, BudgetLine, Partner, Project, ProjectImage

# The fiche's sections, in the order of the European Crime Prevention Award template.
SECTIONS = [
    (
        "identification",
        _("Identification"),
        ["title", "summary", "co_owner_zones", "contact_name", "contact_email", "project_status",
         "start_date", "end_date", "language", "links"],
    ),
    ("problem", _("Problem"), ["problem", "data", "causes", "target_group", "territory"]),
    ("objectives", _("Objectives"), ["objectives"]),
    (
        "approach",
        _("Approach"),
        ["approach", "rationale", "partners", "new_partner_name", "new_partner_kind", "staffing",
         "timeline", "difficulties", "tips"],
    ),
    ("evaluation", _("Evaluation"), ["evaluation_kind", "results", "outcome", "lessons"]),
    ("transferability", _("Transferability"), ["prerequisites", "adaptations", "kit"]),
    ("taxonomy", _("Classification"), ["pillars", "functions", "themes"]),
]  # fmt: skip

MARKDOWN_FIELDS = {
    "summary", "problem", "data", "causes", "target_group", "territory", "objectives",
    "approach", "rationale", "staffing", "timeline", "difficulties", "tips", "results",
    "lessons", "prerequisites", "adaptations", "kit",
}  # fmt: skip


MARKDOWN_HELP = _(
    "Markdown: blank line between paragraphs, - for lists, **bold**, [text](https://...)."
)


class ProjectForm(forms.ModelForm):
    """The fiche as its zone writes it. Workflow fields (owner zone, status, visibility) are
    not in the form: a forged value for them is ignored."""

    # Not written to the fiche: each zone named is invited, and becomes co-owner once its
    # reference person accepts (services.name_co_owners).
    co_owner_zones = forms.ModelMultipleChoiceField(
        label=_("Co-owner zones"),
        queryset=Zone.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Each zone named is invited by e-mail; it becomes co-owner, with the right to edit"
            " the fiche, once its reference person accepts."
        ),
    )
    new_partner_name = forms.CharField(
        label=_("Add a partner not in the list"), max_length=150, required=False
    )
    new_partner_kind = forms.ChoiceField(
        label=_("Kind of the new partner"),
        choices=[("", "—"), *Partner.Kind.choices],
        required=False,
    )

    class Meta:
        model = Project
        fields = [name for _key, _title, names in SECTIONS for name in names if
                  not name.startswith("new_partner") and name != "co_owner_zones"]  # fmt: skip
        widgets = {
            "partners": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "pillars": forms.CheckboxSelectMultiple,
            "functions": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner_zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = owner_zone or getattr(self.instance, "owner_zone", None)
        zones = Zone.objects.order_by("name")
        self.fields["co_owner_zones"].queryset = zones.exclude(pk=owner.pk) if owner else zones
        if self.instance.pk:
            # The zones named so far: co-owners, and zones invited that have not answered.
            self.fields["co_owner_zones"].initial = [
                *self.instance.co_owner_zones.values_list("pk", flat=True),
                *self.instance.co_owner_invitations.pending().values_list("zone_id", flat=True),
            ]
        self.fields["partners"].queryset = Partner.objects.order_by("name")
        for name in MARKDOWN_FIELDS:
            field = self.fields[name]
            field.widget.attrs["rows"] = 6 if name == "summary" else 4
            field.help_text = field.help_text or MARKDOWN_HELP

    def clean_links(self):
        validate = forms.URLField(assume_scheme="https").clean
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        cleaned = []
        for line in lines:
            try:
                cleaned.append(validate(line))
            except ValidationError as error:
                raise ValidationError(
                    _("“%(line)s” is not a web address."), params={"line": line[:80]}
                ) from error
        return "\n".join(cleaned)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_partner_name") and not cleaned.get("new_partner_kind"):
            self.add_error("new_partner_kind", _("Say what kind of organisation the partner is."))
        return cleaned

    def sections(self):
        return [
            {"key": key, "title": title, "fields": [self[name] for name in names]}
            for key, title, names in SECTIONS
        ]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["label", "category", "amount", "funding"]
        # Typed as a Belgian types it (3 200,50), read for the reader's language.
        field_classes = {"amount": LocalizedDecimalField}
        error_messages = {
            "amount": {
                "min_value": _("An amount cannot be negative."),
                "max_value": _("An amount above €10,000,000 is not plausible for one line."),
                "max_digits": _("An amount above €10,000,000 is not plausible for one line."),
            }
        }


BudgetFormSet = forms.inlineformset_factory(
    Project, BudgetLine, form=BudgetLineForm, extra=3, can_delete=True, max_num=60,
    validate_max=True,
)  # fmt: skip


class ImageForm(forms.ModelForm):
    class Meta:
        model = ProjectImage
        fields = ["image", "caption"]
        widgets = {
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    def clean_image(self):
        cleaned = uploads.clean_image(self.cleaned_data["image"])
        self.instance.thumbnail = cleaned.thumbnail
        return cleaned.image


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", "title"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.instance.kind = uploads.clean_attachment(uploaded)
        self.instance.size = uploaded.size
        # Stored under a generated name with the extension of the detected kind: the
        # uploader's name (`evil.html` that starts with %PDF-) never reaches the storage.
        uploaded.name = f"{uuid.uuid4().hex}.{self.instance.kind}"
        return uploaded


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the project's contact"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you would like to know."),
    )


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["status", "implemented_on", "note"]
        widgets = {
            "implemented_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Adoption.Status.IMPLEMENTED and not cleaned.get(
            "implemented_on"
        ):
            self.add_error("implemented_on", _("Give the date the project was implemented."))
        return cleaned


class ReviewForm(forms.Form):
    DECISIONS = [
        ("publish_public", _("Publish publicly")),
        ("publish_members", _("Publish for members only")),
        ("send_back", _("Send back to the zone")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment for the zone"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "send_back" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Tell the zone what to change."))
        return cleaned
