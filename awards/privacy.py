"""Personal data held by `awards`: the entries a person made for their zone, the sheets they
filled as a juror, and their votes (see members/privacy.py for the functions of every app's
privacy module)."""

from django.utils.translation import gettext_lazy as _

from members.privacy import Section

from .models import Entry, Sheet, Vote


def export(user):
    entries = Section(
        "prize_entries",
        _("Prize entries you made"),
        _("Entries belong to their zone; the association keeps who entered them."),
    )
    for entry in Entry.objects.filter(entered_by=user).select_related("edition", "project"):
        entries.add(
            ("edition", _("Edition"), entry.edition.year),
            ("fiche", _("Fiche"), entry.title),
            ("statement", _("Statement"), entry.statement),
            ("entered_at", _("Entered at"), entry.created_at),
            ("withdrawn_at", _("Withdrawn at"), entry.withdrawn_at),
        )
    sheets = Section(
        "jury_sheets",
        _("Sheets you filled as a juror"),
        _("The jury's scores and comments are the prize's archive."),
    )
    for sheet in (
        Sheet.objects.filter(juror__user=user)
        .select_related("juror__prize__edition", "entry__project")
        .prefetch_related("scores__criterion")
    ):
        values = "; ".join(
            f"{score.criterion.name}: {'' if score.value is None else score.value}"
            + (f" ({score.comment})" if score.comment else "")
            for score in sheet.scores.all()
        )
        sheets.add(
            ("prize", _("Prize"), str(sheet.juror.prize)),
            ("entry", _("Entry"), sheet.entry.title),
            ("status", _("Status"), sheet.get_status_display()),
            ("values", _("Values"), values),
            ("comment", _("Overall comment"), sheet.comment),
            ("submitted_at", _("Submitted at"), sheet.submitted_at),
        )
    votes = Section(
        "prize_votes",
        _("Your votes for the prize"),
        _("One vote per person or per zone; the vote is kept without your name if you leave."),
    )
    for vote in Vote.objects.filter(voter=user).select_related("prize__edition", "entry__project"):
        votes.add(
            ("prize", _("Prize"), str(vote.prize)),
            ("entry", _("Entry"), vote.entry.title),
            ("cast_at", _("Cast at"), vote.cast_at),
        )
    return [entries, sheets, votes]


def anonymise(user, now):
    """Votes lose their voter and keep counting; entries and sheets stay with the closed
    account (shown as a former member): results and the indicators do not change."""
    Vote.objects.filter(voter=user).update(voter=None)
