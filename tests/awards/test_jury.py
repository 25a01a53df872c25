"""The jury's pages: second factor, conflicts, blind scoring, sheets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import Conflict, Phase, Sheet
from tests.awards.factories import (
    make_criterion,
    make_edition,
    make_entry,
    make_juror,
    make_prize,
    make_sheet,
    set_phase,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def sheet_url(juror, entry):
    return reverse("awards:jury_entry", args=[juror.prize_id, entry.pk])


def test_a_juror_without_a_second_factor_is_sent_to_set_one_up(client, jury_prize, entry_a):
    juror = make_juror(prize=jury_prize, user=make_user(totp=False))
    client.force_login(juror.user)
    for url in [reverse("awards:jury"), sheet_url(juror, entry_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")


def test_a_juror_sees_the_entries_of_their_prize_minus_their_own_zone(
    client, juror, criteria, entry_a, entry_b
):
    client.force_login(juror.user)
    page = client.get(reverse("awards:jury")).content.decode()
    assert "Lutte contre le harcèlement de rue" in page
    assert sheet_url(juror, entry_b) not in page
    assert "To score: 0 of 1 sheets submitted." in page
    assert client.get(sheet_url(juror, entry_a)).status_code == 200
    # Their own zone's entry: an automatic conflict, 404.
    assert client.get(sheet_url(juror, entry_b)).status_code == 404


def test_an_entry_of_a_co_owned_fiche_is_a_conflict_too(client, juror, entry_a, zone_b):
    entry_a.project.co_owner_zones.add(zone_b)
    client.force_login(juror.user)
    assert client.get(sheet_url(juror, entry_a)).status_code == 404


def test_a_declared_conflict_hides_the_entry(client, juror, criteria, entry_a):
    client.force_login(juror.user)
    response = client.post(
        reverse("awards:jury_conflict", args=[juror.prize_id, entry_a.pk]),
        {"reason": "My brother leads this project"},
    )
    assert response.status_code == 302
    assert Conflict.objects.get(juror=juror, entry=entry_a).reason.startswith("My brother")
    assert client.get(sheet_url(juror, entry_a)).status_code == 404


def test_an_entry_of_another_prize_or_edition_is_404(client, juror, criteria, edition):
    other_edition = make_edition(year=2025, phase=Phase.SCORING)
    elsewhere = make_entry(edition=other_edition)
    other_prize = make_prize(edition=edition, kind="originality")
    client.force_login(juror.user)
    assert client.get(sheet_url(juror, elsewhere)).status_code == 404
    assert (
        client.get(reverse("awards:jury_entry", args=[other_prize.pk, elsewhere.pk])).status_code
        == 404
    )


def test_a_draft_is_saved_then_submitted_with_localized_numbers(client, juror, criteria, entry_a):
    analysis, _presentation = criteria
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"  # a comma for decimals
    client.force_login(juror.user)
    url = sheet_url(juror, entry_a)
    response = client.post(
        url,
        {f"value_{analysis.pk}": "7,5", f"comment_{analysis.pk}": "Solid data", "action": "save"},
    )
    assert response.status_code == 302
    sheet = Sheet.objects.get(juror=juror, entry=entry_a)
    assert sheet.status == Sheet.Status.DRAFT
    assert sheet.scores.get(criterion=analysis).value == Decimal("7.5")
    response = client.post(
        url, {f"value_{analysis.pk}": "8", "comment": "A model for others", "action": "submit"}
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == Sheet.Status.SUBMITTED
    assert sheet.comment == "A model for others"
    assert juror.prize.results().for_entry(entry_a.pk).shown == Decimal("80.0")


def test_a_value_outside_the_scale_refuses_the_whole_sheet(client, juror, criteria, entry_a):
    analysis, presentation = criteria
    client.force_login(juror.user)
    response = client.post(
        sheet_url(juror, entry_a),
        {f"value_{analysis.pk}": "8", f"value_{presentation.pk}": "6", "action": "save"},
    )
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 5" in response.content.decode()
    assert not Sheet.objects.exists()


def test_submitting_without_a_required_criterion_saves_nothing(client, juror, criteria, entry_a):
    _analysis, presentation = criteria
    client.force_login(juror.user)
    response = client.post(
        sheet_url(juror, entry_a), {f"value_{presentation.pk}": "4", "action": "submit"}
    )
    assert response.status_code == 400
    assert "Required to submit the sheet." in response.content.decode()
    assert not Sheet.objects.exists()


def test_a_forged_criterion_is_not_read(client, juror, criteria, entry_a):
    analysis, _presentation = criteria
    foreign = make_prize(edition=juror.prize.edition, kind="originality")
    stranger = make_criterion(prize=foreign)
    client.force_login(juror.user)
    client.post(
        sheet_url(juror, entry_a),
        {f"value_{analysis.pk}": "6", f"value_{stranger.pk}": "9", "action": "submit"},
    )
    sheet = Sheet.objects.get()
    assert [score.criterion_id for score in sheet.scores.all()] == [analysis.pk]


def test_scoring_outside_the_phase_is_refused_with_the_reason(client, juror, criteria, entry_a):
    analysis, _presentation = criteria
    set_phase(juror.prize.edition, Phase.DELIBERATION)
    client.force_login(juror.user)
    page = client.get(sheet_url(juror, entry_a)).content.decode()
    assert "Scoring is not open: your sheet cannot change." in page
    response = client.post(
        sheet_url(juror, entry_a), {f"value_{analysis.pk}": "6", "action": "save"}
    )
    assert response.status_code == 400
    assert "Scoring is not open" in response.content.decode()
    assert not Sheet.objects.exists()


def test_a_juror_never_sees_another_jurors_scores_before_scoring_closes(
    client, juror, other_juror, criteria, entry_a
):
    analysis, _presentation = criteria
    make_sheet(
        juror=other_juror,
        entry=entry_a,
        values={analysis: 3},
        comment="SECRET-OVERALL-COMMENT",
    )
    client.force_login(juror.user)
    page = client.get(sheet_url(juror, entry_a)).content.decode()
    assert "SECRET-OVERALL-COMMENT" not in page
    home = client.get(reverse("awards:jury")).content.decode()
    assert "Tremblay" not in home and "SECRET" not in home
    assert client.get(reverse("awards:results", args=[juror.prize_id])).status_code == 404
    set_phase(juror.prize.edition, Phase.DELIBERATION)
    table = client.get(reverse("awards:results", args=[juror.prize_id]))
    assert table.status_code == 200
    assert "Tremblay" in table.content.decode()


def test_abstaining_leaves_the_entry_to_the_others(client, juror, other_juror, criteria, entry_a):
    analysis, _presentation = criteria
    make_sheet(juror=other_juror, entry=entry_a, values={analysis: 9})
    client.force_login(juror.user)
    assert client.post(sheet_url(juror, entry_a), {"action": "abstain"}).status_code == 302
    assert Sheet.objects.get(juror=juror).status == Sheet.Status.ABSTAINED
    assert juror.prize.results().for_entry(entry_a.pk).shown == Decimal("90.0")


def test_the_jury_reads_the_fiche_as_it_was_when_the_call_closed(client, juror, criteria, entry_a):
    project = entry_a.project
    project.problem = "Harcèlement observé en 2019"
    project.save()
    client.force_login(juror.user)
    assert "Harcèlement observé en 2019" in client.get(sheet_url(juror, entry_a)).content.decode()
    project.title = "Edited after the close"
    project.problem = "Rewritten later"
    project.save()
    page = client.get(sheet_url(juror, entry_a)).content.decode()
    assert "Harcèlement observé en 2019" in page
    assert "Rewritten later" not in page
    assert "Edited after the close" not in page


def test_the_dashboard_shows_the_jurors_progress_and_the_zones_entries(
    client, juror, criteria, entry_a, member_a
):
    make_sheet(juror=juror, entry=entry_a, values={criteria[0]: 5})
    client.force_login(juror.user)
    assert "to score: 1 of 1 sheets submitted" in client.get(reverse("home")).content.decode()
    client.force_login(member_a)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="dashboard-entry"' in page
    assert "Lutte contre le harcèlement de rue" in page


def test_staff_see_every_conflict_automatic_and_declared(
    client, staff, juror, other_juror, criteria, entry_a, entry_b
):
    Conflict.objects.create(juror=other_juror, entry=entry_a, reason="Former colleague")
    client.force_login(staff)
    page = client.get(reverse("awards:results", args=[juror.prize_id])).content.decode()
    assert "Jan Jurylid — Véloflic: an entry of their own zone" in page
    assert "Marie Tremblay — Lutte contre le harcèlement de rue: Former colleague" in page


def test_a_juror_without_a_zone_finds_their_sheets_on_the_home_page(
    client, other_juror, criteria, entry_a
):
    client.force_login(other_juror.user)
    page = client.get(reverse("home")).content.decode()
    assert "to score: 0 of 1 sheets submitted" in page


def test_no_conflict_is_declared_after_scoring_closed(client, juror, criteria, entry_a):
    set_phase(juror.prize.edition, Phase.DELIBERATION)
    client.force_login(juror.user)
    response = client.post(
        reverse("awards:jury_conflict", args=[juror.prize_id, entry_a.pk]), {"reason": "Late"}
    )
    assert response.status_code == 400
    assert "conflicts are declared before" in response.content.decode()
    assert not Conflict.objects.exists()


def test_the_results_are_written_with_the_readers_decimal_mark(
    client, staff, juror, criteria, entry_a
):
    analysis, presentation = criteria
    # (2 x 7.5/10 + 1 x 4/5) / 3 = 2.3 / 3 = 76.666... %
    make_sheet(juror=juror, entry=entry_a, values={analysis: "7.5", presentation: 4})
    client.force_login(staff)
    url = reverse("awards:results", args=[juror.prize_id])
    assert "76.7" in client.get(url).content.decode()
    assert "76,7" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
