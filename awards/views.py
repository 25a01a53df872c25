import csv

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Registration
from members.links import absolute_url
from members.mail import send_mail
from members.models import PersonalDataAccess
from projects.models import Project

from . import services
from .forms import AwardForm, ConflictForm, EntryForm, SheetForm, VoteForm, enterable_projects
from .models import Award, Conflict, Edition, Entry, Juror, Phase, Prize, Score, Sheet, Vote
from .results import rounded

GUEST_VOTE_SALT = "awards.guest-vote"
CSV_HEADER = [
    "entry",
    "juror",
    "sheet status",
    "criterion",
    "value",
    "maximum",
    "weight",
    "comment",
    "overall comment",
]

# Access helpers


def _problem(request, title, text, *, status=400):
    context = {
        "title": title,
        "text": text,
        "back_url": reverse("awards:editions"),
        "back_label": _("Back to the prize"),
    }
    return render(request, "problem.html", context, status=status)


def _refusal(request, error, *, status=400):
    return _problem(request, _("Not possible"), " ".join(error.messages), status=status)


def _get_edition(request, year):
    return get_object_or_404(Edition.objects.select_related("seminar"), year=year)


def _second_factor_missing(request):
    """Jurors, like staff, need a TOTP second factor before any jury page: their sheets are
    confidential until scoring closes. The redirect to set one up, or None."""
    if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        return None
    messages.warning(
        request, _("Jurors need a second factor. Set up your authenticator app to go on.")
    )
    return redirect("mfa_activate_totp")


def _get_seat(request, prize_pk):
    """The user's seat on the panel of this prize; anyone else: 404."""
    return get_object_or_404(Juror.objects.of_user(request.user), prize_id=prize_pk)


def _get_entry_for_juror(seat, entry_pk):
    """An entry the juror may score; their own zone's, a declared conflict, another
    edition's, or one not assigned to them: 404."""
    return get_object_or_404(
        Entry.objects.for_juror(seat).select_related("project", "zone", "edition"), pk=entry_pk
    )


def _get_prize_for_results(request, prize_pk):
    """Staff see a prize's results at any time; its jurors once scoring has closed (before,
    a juror sees nothing of the others: 404 like any outsider)."""
    prize = get_object_or_404(Prize.objects.select_related("edition"), pk=prize_pk)
    if request.user.is_staff:
        return prize
    seat = Juror.objects.of_user(request.user).filter(prize=prize).first()
    if seat is None or not prize.edition.scoring_has_closed():
        raise Http404
    return prize


def _get_prize_for_staff(request, prize_pk):
    prize = get_object_or_404(Prize.objects.select_related("edition"), pk=prize_pk)
    if not request.user.is_staff:
        raise PermissionDenied
    return prize


def _is_juror_of_edition(user, edition):
    return Juror.objects.of_user(user).filter(prize__edition=edition).exists()


# Public pages


def edition_list(request):
    editions = Edition.objects.all() if request.user.is_staff else Edition.objects.listed()
    return render(request, "awards/edition_list.html", {"editions": editions})


def _winners(edition):
    return (
        Award.objects.filter(prize__edition=edition)
        .select_related("prize", "entry__project", "entry__zone")
        .order_by("prize__position", "prize__pk", "kind", "pk")
    )


def edition_detail(request, year):
    edition = _get_edition(request, year)
    user = request.user
    phase = edition.current_phase
    shows_results = phase == Phase.PUBLISHED or user.is_staff
    prizes = list(edition.prizes.all())
    awards = list(_winners(edition)) if shows_results else []
    for prize in prizes:
        prize.decisions = [award for award in awards if award.prize_id == prize.pk]
    zone_entries = []
    if user.is_authenticated and user.is_member:
        zone_entries = list(
            edition.entries.of_zone(user.zone).select_related("project", "entered_by")
        )
    voted_prizes = []
    if phase == Phase.VOTING and user.is_authenticated:
        voted_prizes = [prize for prize in prizes if not prize.is_scored_by_jury]
    return render(
        request,
        "awards/edition_detail.html",
        {
            "edition": edition,
            "phase": phase,
            "prizes": prizes,
            "shows_results": shows_results,
            "zone_entries": zone_entries,
            "can_enter": phase == Phase.CALL and user.is_authenticated and user.is_member,
            "voted_prizes": voted_prizes,
            "is_juror": user.is_authenticated and _is_juror_of_edition(user, edition),
        },
    )


# Entering


@login_required
def entry_create(request, year):
    edition = _get_edition(request, year)
    user = request.user
    if not user.is_member:
        raise PermissionDenied
    if not edition.call_is_open():
        return _problem(
            request,
            _("The call for entries is not open"),
            _("Entries are accepted from %(opens)s to %(closes)s.")
            % {
                "opens": date_format(localtime(edition.call_opens_at), "DATETIME_FORMAT"),
                "closes": date_format(localtime(edition.call_closes_at), "DATETIME_FORMAT"),
            },
            status=403,
        )
    # The zone's published fiches not entered yet; the service checks again under a lock.
    projects = enterable_projects(user, edition)
    form = EntryForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            services.enter(
                edition=edition,
                project=form.cleaned_data["project"],
                user=user,
                statement=form.cleaned_data["statement"],
                declarations=form.declarations,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your zone's entry is registered."))
            return redirect(edition)
    return render(
        request,
        "awards/entry_form.html",
        {"edition": edition, "form": form, "has_projects": projects.exists()},
    )


def _get_entry_of_zone(request, pk):
    """An entry of the user's zone; others: 404."""
    user = request.user
    if not user.is_member:
        raise Http404
    return get_object_or_404(
        Entry.objects.active().select_related("edition", "project"), pk=pk, zone_id=user.zone_id
    )


@login_required
def entry_edit(request, pk):
    entry = _get_entry_of_zone(request, pk)
    if not entry.edition.call_is_open():
        return _problem(
            request,
            _("The call for entries has closed"),
            _("The entry can no longer change: the jury judges it as it was submitted."),
            status=403,
        )
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        services.update_entry(
            entry=entry,
            user=request.user,
            statement=form.cleaned_data["statement"],
            declarations=form.declarations,
        )
        messages.success(request, _("The entry was saved."))
        return redirect(entry.edition)
    return render(
        request, "awards/entry_form.html", {"edition": entry.edition, "form": form, "entry": entry}
    )


@require_POST
@login_required
def entry_withdraw(request, pk):
    entry = _get_entry_of_zone(request, pk)
    try:
        services.withdraw(entry=entry, user=request.user)
    except ValidationError as error:
        return _refusal(request, error, status=403)
    messages.success(request, _("The entry was withdrawn."))
    return redirect(entry.edition)


# The jury


def _sheet_status(juror_id):
    return Subquery(
        Sheet.objects.filter(juror_id=juror_id, entry_id=OuterRef("pk")).values("status")[:1]
    )


@login_required
def jury_home(request):
    seats = list(
        Juror.objects.of_user(request.user).order_by("-prize__edition__year", "prize__position")
    )
    if seats and (missing := _second_factor_missing(request)):
        return missing
    for seat in seats:
        edition = seat.prize.edition
        if edition.call_has_closed():
            services.freeze_entries(edition=edition)
        seat.entries = list(
            Entry.objects.for_juror(seat)
            .select_related("zone", "project")
            .annotate(sheet_status=_sheet_status(seat.pk))
            .order_by("pk")
        )
        seat.submitted = sum(1 for entry in seat.entries if entry.sheet_status == "submitted")
        seat.own_zone_entries = list(
            Entry.objects.active()
            .filter(edition=edition)
            .concerning_zone(seat.user.zone_id)
            .select_related("project")
        )
    return render(request, "awards/jury_home.html", {"seats": seats})


@login_required
def jury_entry(request, prize_pk, entry_pk):
    seat = _get_seat(request, prize_pk)
    if missing := _second_factor_missing(request):
        return missing
    edition = seat.prize.edition
    if edition.call_has_closed():
        services.freeze_entries(edition=edition)
    entry = _get_entry_for_juror(seat, entry_pk)
    sheet = (
        Sheet.objects.filter(juror=seat, entry=entry)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .first()
    )
    criteria = seat.prize.criteria.all()
    form = SheetForm(request.POST or None, criteria=criteria, sheet=sheet)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "abstain":
                services.abstain(juror=seat, entry=entry)
                messages.success(request, _("You abstain on this entry."))
                return redirect("awards:jury")
            if form.is_valid():
                services.save_sheet(
                    juror=seat,
                    entry=entry,
                    values=form.values,
                    comments=form.comments,
                    comment=form.cleaned_data["comment"],
                    submit=action == "submit",
                )
                if action == "submit":
                    messages.success(request, _("Your sheet is submitted."))
                    return redirect("awards:jury")
                messages.success(request, _("Your draft is saved."))
                return redirect("awards:jury_entry", prize_pk=seat.prize_id, entry_pk=entry.pk)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for criterion_id, problems in error.error_dict.items():
                    form.add_error(f"value_{criterion_id}", problems)
            else:
                form.add_error(None, error)
    return render(
        request,
        "awards/sheet_form.html",
        {
            "seat": seat,
            "prize": seat.prize,
            "edition": edition,
            "entry": entry,
            "frozen": entry.frozen,
            "frozen_sections": _frozen_sections(entry.frozen),
            "sheet": sheet,
            "form": form,
            "scoring_open": edition.scoring_is_open(),
            "conflict_form": ConflictForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _frozen_sections(frozen):
    """The copied sections with their headings in the reader's language."""
    if not frozen:
        return []
    return [(Project._meta.get_field(name).verbose_name, text) for name, text in frozen["sections"]]


@require_POST
@login_required
def jury_conflict(request, prize_pk, entry_pk):
    seat = _get_seat(request, prize_pk)
    if missing := _second_factor_missing(request):
        return missing
    entry = _get_entry_for_juror(seat, entry_pk)
    form = ConflictForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why you are in conflict with this entry."))
        services.declare_conflict(juror=seat, entry=entry, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _refusal(request, error)
    messages.success(request, _("The entry is hidden from you: your conflict is recorded."))
    return redirect("awards:jury")


# Results and decisions


def _results_context(prize):
    edition = prize.edition
    results = prize.results()
    jurors = list(prize.jurors.select_related("user").order_by("pk"))
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(
            pk__in=[row.entry_id for row in results.rows]
        ).select_related("project", "zone")
    }
    # Every figure has one decimal: written with the language's decimal mark here, once,
    # rather than localised by the template cell by cell (720 cells for 60 entries and 12
    # jurors).
    mark = get_format("DECIMAL_SEPARATOR")

    def shown(value):
        return None if value is None else str(rounded(value)).replace(".", mark)

    rows = []
    for row in results.rows:
        rows.append(
            {
                "result": row,
                "entry": entries[row.entry_id],
                "mean": shown(row.mean),
                "sd": shown(row.sd),
                "minimum": shown(row.minimum),
                "maximum": shown(row.maximum),
                "normalised": shown(row.normalised),
                "totals": [shown(row.totals.get(juror.pk)) for juror in jurors],
            }
        )
    short = [juror for juror in jurors if juror.pk in results.short_jurors]
    return {
        "prize": prize,
        "edition": edition,
        "jurors": jurors,
        "rows": rows,
        "normalised": results.normalised,
        "short_jurors": short,
    }


def _conflicts(prize):
    """Every conflict of the prize's jurors, for staff: (juror, entry, reason); an empty reason
    is an automatic conflict (the entry is of the juror's zone). A fixed number of queries."""
    jurors = list(prize.jurors.select_related("user"))
    entries = list(
        Entry.objects.active()
        .filter(edition_id=prize.edition_id)
        .select_related("project")
        .prefetch_related("project__co_owner_zones")
    )
    found = [
        (juror, entry, "")
        for juror in jurors
        if juror.user.zone_id
        for entry in entries
        if juror.user.zone_id in {entry.zone_id, *entry.project.owner_zone_ids()}
    ]
    declared = Conflict.objects.filter(juror__prize=prize).select_related(
        "juror__user", "entry__project"
    )
    return found + [(conflict.juror, conflict.entry, conflict.reason) for conflict in declared]


def _vote_counts(prize):
    return (
        Entry.objects.filter(votes__prize=prize)
        .annotate(votes_count=Count("votes"))
        .select_related("project", "zone")
        .order_by("-votes_count", "pk")
    )


@login_required
def prize_results(request, prize_pk):
    prize = _get_prize_for_results(request, prize_pk)
    if missing := _second_factor_missing(request):
        return missing
    edition = prize.edition
    context = {"prize": prize, "edition": edition}
    if prize.is_scored_by_jury:
        context.update(_results_context(prize))
    elif edition.voting_has_closed():
        context["vote_counts"] = list(_vote_counts(prize))
    if request.user.is_staff and prize.is_scored_by_jury:
        context["conflicts"] = _conflicts(prize)
    if request.user.is_staff:
        context["award_form"] = AwardForm(
            entries=Entry.objects.active().filter(edition=edition).select_related("project")
        )
        context["decisions"] = list(
            prize.awards.select_related("entry__project", "entry__zone").order_by("kind", "pk")
        )
    return render(request, "awards/prize_results.html", context)


@require_POST
@login_required
def prize_decide(request, prize_pk):
    prize = _get_prize_for_staff(request, prize_pk)
    form = AwardForm(request.POST, entries=Entry.objects.active().filter(edition=prize.edition))
    if not form.is_valid():
        return _problem(request, _("Not possible"), _("Choose an entry and a decision."))
    try:
        services.decide(
            prize=prize,
            entry=form.cleaned_data["entry"],
            kind=form.cleaned_data["kind"],
            citations={
                language: form.cleaned_data[f"citation_{language}"]
                for language in ("fr", "nl", "en")
            },
            by=request.user,
        )
    except ValidationError as error:
        return _refusal(request, error)
    messages.success(request, _("The decision is recorded."))
    return redirect("awards:results", prize_pk=prize.pk)


@require_POST
@login_required
def edition_publish(request, year):
    edition = _get_edition(request, year)
    if not request.user.is_staff:
        raise PermissionDenied
    try:
        services.publish(edition=edition, by=request.user)
    except ValidationError as error:
        return _refusal(request, error)
    messages.success(request, _("The results are published; the winners' zones are told."))
    return redirect(edition)


@login_required
def prize_export(request, prize_pk):
    """Every score and comment of the prize, for the association's archive (staff)."""
    prize = _get_prize_for_staff(request, prize_pk)
    scores = (
        Score.objects.filter(sheet__juror__prize=prize)
        .select_related("sheet__juror__user", "sheet__entry__project", "criterion")
        .order_by("sheet__entry_id", "sheet__juror_id", "criterion__position", "criterion_id")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="prize-{prize.edition.year}-{prize.kind}-{prize.pk}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for score in scores:
        sheet = score.sheet
        writer.writerow(
            [
                _csv_safe(sheet.entry.title),
                _csv_safe(str(sheet.juror.user)),
                sheet.status,
                _csv_safe(score.criterion.name),
                "" if score.value is None else score.value,
                score.criterion.maximum,
                score.criterion.weight,
                _csv_safe(score.comment),
                _csv_safe(sheet.comment),
            ]
        )
    PersonalDataAccess.record(
        by=request.user, kind=PersonalDataAccess.Kind.PRIZE_SCORES, detail=str(prize)
    )
    return response


def _csv_safe(text):
    """Text that a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


# Votes


def _voting_prize(request, year, prize_pk):
    edition = _get_edition(request, year)
    return get_object_or_404(
        Prize.objects.select_related("edition", "edition__seminar").exclude(
            method=Prize.Method.JURY
        ),
        pk=prize_pk,
        edition=edition,
    )


def _ballot(prize, user=None):
    entries = Entry.objects.active().filter(edition=prize.edition).select_related("project")
    if prize.method == Prize.Method.AUDIENCE:
        return entries.filter(shortlisted_for=prize)
    if user is not None and user.zone_id:
        entries = entries.exclude(pk__in=Entry.objects.concerning_zone(user.zone_id).values("pk"))
    return entries


def _cast_vote(request, prize, *, user=None, registration=None, entries):
    form = VoteForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        entry = form.cleaned_data["entry"]
        if prize.method == Prize.Method.AUDIENCE:
            services.vote_audience(prize=prize, entry=entry, user=user, registration=registration)
        else:
            services.vote_reference(prize=prize, entry=entry, user=user)
        return form, True
    return form, False


@login_required
def vote(request, year, prize_pk):
    prize = _voting_prize(request, year, prize_pk)
    user = request.user
    edition = prize.edition
    if not edition.voting_is_open():
        return _problem(
            request, _("Voting is not open"), _("Votes are cast during the seminar."), status=403
        )
    if prize.method == Prize.Method.REFERENCE_PERSONS:
        if not (user.is_member and user.is_reference_person):
            raise PermissionDenied
        already = Vote.objects.filter(prize=prize, zone_id=user.zone_id).exists()
    else:
        if services.seminar_registration(edition=edition, user=user) is None:
            return _problem(
                request,
                _("Only people checked in at the seminar can vote"),
                _("Check in at the seminar's desk, then open this page again."),
                status=403,
            )
        already = Vote.objects.filter(prize=prize, voter=user).exists()
    if already:
        return render(
            request, "awards/vote_form.html", {"prize": prize, "edition": edition, "already": True}
        )
    try:
        form, done = _cast_vote(request, prize, user=user, entries=_ballot(prize, user))
    except ValidationError as error:
        return _refusal(request, error)
    if done:
        messages.success(request, _("Your vote is counted. Thank you."))
        return redirect(edition)
    return render(
        request, "awards/vote_form.html", {"prize": prize, "edition": edition, "form": form}
    )


def guest_vote_token(*, prize, registration):
    return signing.dumps([prize.pk, registration.pk], salt=GUEST_VOTE_SALT)


def _checked_in_guests(prize):
    return Registration.objects.filter(
        event_id=prize.edition.seminar_id, user__isnull=True, attended=True
    ).order_by("guest_name", "pk")


@login_required
def guest_links(request, year, prize_pk):
    """Staff's list of the partner guests checked in at the seminar, each with their voting
    link (to show at check-in); a POST e-mails every guest their link."""
    prize = _voting_prize(request, year, prize_pk)
    if not request.user.is_staff:
        raise PermissionDenied
    if prize.method != Prize.Method.AUDIENCE:
        raise Http404
    guests = list(_checked_in_guests(prize))
    for guest in guests:
        guest.vote_path = reverse(
            "awards:guest_vote", args=[guest_vote_token(prize=prize, registration=guest)]
        )
    if request.method == "POST":
        for guest in guests:
            send_mail(
                to=guest.email,
                template="awards/email/guest_vote",
                language=guest.language,
                context={"prize": prize, "vote_url": absolute_url(guest.vote_path)},
            )
        messages.success(request, _("The voting links are sent."))
        return redirect("awards:guest_links", year=year, prize_pk=prize.pk)
    return render(request, "awards/guest_links.html", {"prize": prize, "guests": guests})


def guest_vote(request, token):
    """A partner guest checked in at the seminar votes through a signed link; the link
    serves once (one vote per registration, held by the database)."""
    try:
        prize_pk, registration_pk = signing.loads(token, salt=GUEST_VOTE_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    prize = get_object_or_404(
        Prize.objects.select_related("edition"), pk=prize_pk, method=Prize.Method.AUDIENCE
    )
    registration = get_object_or_404(
        Registration.objects.filter(attended=True),
        pk=registration_pk,
        event_id=prize.edition.seminar_id,
    )
    edition = prize.edition
    if not edition.voting_is_open():
        return _problem(
            request, _("Voting is not open"), _("Votes are cast during the seminar."), status=403
        )
    if Vote.objects.filter(prize=prize, registration=registration).exists():
        return render(
            request, "awards/vote_form.html", {"prize": prize, "edition": edition, "already": True}
        )
    try:
        form, done = _cast_vote(request, prize, registration=registration, entries=_ballot(prize))
    except ValidationError as error:
        return _refusal(request, error)
    if done:
        return render(
            request, "awards/vote_form.html", {"prize": prize, "edition": edition, "thanks": True}
        )
    return render(
        request, "awards/vote_form.html", {"prize": prize, "edition": edition, "form": form}
    )
