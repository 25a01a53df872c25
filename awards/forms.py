from django import forms
from django.utils.translation import gettext_lazy as _

from members.numbers import LocalizedDecimalField
from projects.models import Project

from .models import STATEMENT_MAX_LENGTH, Award, Entry

DECLARATIONS = ["evaluated", "partnership", "community", "replicable"]


class EntryForm(forms.ModelForm):
    """Statement and declarations; the fiche is chosen when entering, among the zone's."""

    class Meta:
        model = Entry
        fields = ["statement", *(f"declares_{name}" for name in DECLARATIONS)]
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].max_length = STATEMENT_MAX_LENGTH
        for name in DECLARATIONS:
            self.fields[f"declares_{name}"].required = True
        if projects is not None:
            self.fields = {
                "project": forms.ModelChoiceField(
                    queryset=projects, label=_("Fiche"), empty_label=None
                ),
                **self.fields,
            }

    @property
    def declarations(self):
        return {name: self.cleaned_data[f"declares_{name}"] for name in DECLARATIONS}


class SheetForm(forms.Form):
    """A value and a comment per criterion of the prize, and an overall comment. Only the
    prize's criteria are fields: a forged criterion in the request is not read."""

    comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=3000, widget=forms.Textarea
    )

    def __init__(self, *args, criteria, sheet=None, **kwargs):
        initial = {}
        if sheet is not None:
            initial["comment"] = sheet.comment
            for score in sheet.scores.all():
                initial[f"value_{score.criterion_id}"] = score.value
                initial[f"comment_{score.criterion_id}"] = score.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"value_{criterion.pk}"] = LocalizedDecimalField(
                label=criterion.name,
                required=False,
                decimal_places=1,
                min_value=0,
                max_value=criterion.maximum,
                help_text=_("From 0 to %(maximum)s.") % {"maximum": criterion.maximum},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            (criterion, self[f"value_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    @property
    def values(self):
        return {c.pk: self.cleaned_data.get(f"value_{c.pk}") for c in self.criteria}

    @property
    def comments(self):
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AwardForm(forms.ModelForm):
    entry = forms.ModelChoiceField(queryset=Entry.objects.none(), label=_("Entry"))

    class Meta:
        model = Award
        fields = ["entry", "kind", "citation_fr", "citation_nl", "citation_en"]
        widgets = {
            f"citation_{language}": forms.Textarea(attrs={"rows": 3})
            for language in ("fr", "nl", "en")
        }

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: entry.title


class VoteForm(forms.Form):
    entry = forms.ModelChoiceField(
        queryset=Entry.objects.none(), widget=forms.RadioSelect, label=_("Your vote")
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: entry.title


def enterable_projects(user, edition):
    """The zone's published fiches not entered yet in this edition."""
    return (
        Project.objects.published()
        .owned_by_zone(user.zone)
        .exclude(prize_entries__in=Entry.objects.active().filter(edition=edition))
        .order_by("title")
    )
