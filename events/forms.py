import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import User
from members.numbers import LocalizedIntegerField

from .models import Event, nth_weekday_dates


class AnswersForm(forms.Form):
    """The optional, purpose-limited answers of a participant."""

    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        help_text=_("Optional. Erased a few days after the event."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        help_text=_("Optional. Erased a few days after the event."),
    )
    photo_consent = forms.BooleanField(
        label=_("I agree to be photographed individually"), required=False
    )
    publication_consent = forms.BooleanField(
        label=_("I agree that such photos are published (website, newsletter)"), required=False
    )


class GuestRegistrationForm(AnswersForm):
    name = forms.CharField(label=_("First and last name"), max_length=150)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        help_text=_("For example: prosecutor's office of Liège, prevention service of Namur."),
    )
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We send a link to confirm your registration.")
    )

    field_order = ["name", "organisation", "email"]


class ColleagueForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Colleague"), queryset=User.objects.none(), empty_label=_("Choose a colleague")
    )

    def __init__(self, *args, zone, event, **kwargs):
        super().__init__(*args, **kwargs)
        registered = event.registrations.active().filter(user__isnull=False).values("user_id")
        # A reference person picks among the zone's members; staff among every member.
        people = (
            User.objects.members_of(zone)
            if zone is not None
            else User.objects.filter(zone__isnull=False, is_active=True).select_related("zone")
        )
        self.fields["colleague"].queryset = people.exclude(pk__in=registered)


class SessionsForm(forms.Form):
    """One choice per time slot among the event's workshops."""

    def __init__(self, *args, sessions, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {str(session.pk): session for session in sessions}
        slots = {}
        for session in sessions:
            slots.setdefault(session.starts_at, []).append(session)
        chosen = {str(pk) for pk in chosen}
        for index, (starts_at, in_slot) in enumerate(sorted(slots.items())):
            choices = [("", _("No workshop"))]
            for session in in_slot:
                label = session.title
                if session.places_left == 0 and str(session.pk) not in chosen:
                    label = _("%(title)s (full)") % {"title": session.title}
                choices.append((str(session.pk), label))
            local = timezone.localtime(starts_at)
            self.fields[f"slot_{index}"] = forms.ChoiceField(
                label=_("Workshop at %(time)s") % {"time": local.strftime("%H:%M")},
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=next((s for s in chosen if s in {c for c, _l in choices}), ""),
            )

    def chosen_sessions(self):
        return [self.sessions[value] for value in self.cleaned_data.values() if value]


class PromoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Recorded with the promotion, for example: speaker, jury member."),
    )


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("First and last name"), max_length=150)
    organisation = forms.CharField(label=_("Zone or organisation"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)


class SeriesForm(forms.Form):
    """A series of events at the same hours, for example every first Thursday."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
    ]
    ORDINALS = [
        (1, _("first")),
        (2, _("second")),
        (3, _("third")),
        (4, _("fourth")),
        (-1, _("last")),
    ]

    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Midi de la proximité"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices, initial=Event.Kind.MIDI)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    nth = forms.TypedChoiceField(
        label=_("Occurrence in the month"), choices=ORDINALS, coerce=int, initial=1
    )
    weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAYS, coerce=int, initial=3)
    first_date = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("YYYY-MM-DD")
    )
    count = LocalizedIntegerField(
        label=_("Number of events"), min_value=1, max_value=24, initial=12
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        initial=datetime.time(12, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        initial=datetime.time(13, 30),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    place = forms.CharField(
        label=_("Place"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = LocalizedIntegerField(label=_("Capacity"), min_value=0, initial=40)
    audience = forms.ChoiceField(
        label=_("Shown to"), choices=Event.Audience.choices, initial=Event.Audience.PUBLIC
    )
    open_to_partners = forms.BooleanField(label=_("Open to partners"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must come after the start."))
        if not data.get("place") and not data.get("online_url"):
            raise forms.ValidationError(_("Give a place, an online link, or both."))
        if data.get("open_to_partners") and data.get("audience") != Event.Audience.PUBLIC:
            self.add_error(
                "open_to_partners", _("Partners can register only for an event shown to everyone.")
            )
        return data

    def dates(self):
        data = self.cleaned_data
        return nth_weekday_dates(
            first=data["first_date"], weekday=data["weekday"], nth=data["nth"], count=data["count"]
        )

    def event_fields(self):
        data = self.cleaned_data
        keys = ["title", "kind", "description", "place", "online_url", "capacity", "audience"]
        return {**{key: data[key] for key in keys}, "open_to_partners": data["open_to_partners"]}
