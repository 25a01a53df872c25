"""Staff's decision, the publication, the public page and the badge; staff's preparation."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from awards import services
from awards.models import Award, Criterion, Edition, Juror, Phase, Prize
from members.models import PersonalDataAccess
from tests.awards.conftest import text_of
from tests.awards.factories import make_juror, make_prize, make_sheet, set_phase
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def decide(client, prize, entry, **fields):
    data = {"entry": entry.pk, "kind": "winner", **fields}
    for language in ("fr", "nl", "en"):
        data.setdefault(f"citation_{language}", "")
    return client.post(reverse("awards:decide", args=[prize.pk]), data)


def test_staff_record_the_winner_and_publish_then_everyone_sees_it(
    client,
    django_capture_on_commit_callbacks,
    staff,
    jury_prize,
    criteria,
    entry_a,
    entry_b,
    other_juror,
    reference_a,
    zone_a,
):
    zone_a.contact_email = "prevention@liege.example"
    zone_a.save()
    make_sheet(juror=other_juror, entry=entry_a, values={criteria[0]: 9})
    edition = jury_prize.edition
    client.force_login(staff)
    # Not before scoring closes.
    response = decide(client, jury_prize, entry_a)
    assert response.status_code == 400
    assert not Award.objects.exists()
    set_phase(edition, Phase.CLOSED)
    response = decide(client, jury_prize, entry_a, citation_en="A model for every zone")
    assert response.status_code == 302
    # Before publication: nobody but staff sees the winner.
    client.logout()
    assert "Lutte contre le harcèlement" not in text_of(client.get(edition.get_absolute_url()))
    assert "prize-badge" not in text_of(client.get(entry_a.project.get_absolute_url()))
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:publish", args=[edition.year]))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.is_published()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(["prevention@liege.example", reference_a.email])
    client.logout()
    page = text_of(client.get(edition.get_absolute_url()))
    assert "Lutte contre le harcèlement de rue" in page
    assert "A model for every zone" in page
    assert "Véloflic" not in page
    fiche = text_of(client.get(entry_a.project.get_absolute_url()))
    assert f"{jury_prize.name_en} 2026" in fiche
    assert "prize-badge" not in text_of(client.get(entry_b.project.get_absolute_url()))
    assert str(edition.year) in text_of(client.get(reverse("awards:editions")))


def test_two_winners_are_ex_aequo(client, staff, jury_prize, entry_a, entry_b):
    set_phase(jury_prize.edition, Phase.CLOSED)
    client.force_login(staff)
    decide(client, jury_prize, entry_a)
    decide(client, jury_prize, entry_b)
    client.post(reverse("awards:publish", args=[jury_prize.edition.year]))
    client.logout()
    assert text_of(client.get(jury_prize.edition.get_absolute_url())).count("Winner ex aequo") == 2
    fiche = text_of(client.get(entry_b.project.get_absolute_url()))
    assert f"{jury_prize.name_en} 2026 (ex aequo)" in fiche


def test_no_decision_once_the_results_are_published(client, staff, jury_prize, entry_a, entry_b):
    set_phase(jury_prize.edition, Phase.CLOSED)
    client.force_login(staff)
    decide(client, jury_prize, entry_a)
    client.post(reverse("awards:publish", args=[jury_prize.edition.year]))

    response = decide(client, jury_prize, entry_b)

    assert response.status_code == 400
    assert "can no longer change" in text_of(response)
    assert list(Award.objects.values_list("entry", flat=True)) == [entry_a.pk]


def test_only_staff_decide_publish_and_export(client, member_a, jury_prize, entry_a, juror):
    set_phase(jury_prize.edition, Phase.CLOSED)
    for user in (member_a, juror.user):
        client.force_login(user)
        assert decide(client, jury_prize, entry_a).status_code == 403
        assert client.post(reverse("awards:publish", args=[2026])).status_code == 403
        assert client.get(reverse("awards:export", args=[jury_prize.pk])).status_code == 403
    assert not Award.objects.exists()
    assert not Edition.objects.published().exists()


def test_the_export_holds_every_score_and_comment_and_is_recorded(
    client, staff, jury_prize, criteria, entry_a, other_juror
):
    make_sheet(juror=other_juror, entry=entry_a, values={criteria[0]: 7}, comment="=HYPERLINK()")
    client.force_login(staff)
    response = client.get(reverse("awards:export", args=[jury_prize.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:5] == ["Lutte contre le harcèlement de rue", "Marie Tremblay", "submitted",
                           "Problem analysis", "7.0"]  # fmt: skip
    assert rows[1][-1] == "'=HYPERLINK()"
    access = PersonalDataAccess.objects.get()
    assert (access.by, access.kind) == (staff, PersonalDataAccess.Kind.PRIZE_SCORES)


def test_staff_copy_last_years_prizes_criteria_and_panels(
    client, staff, jury_prize, criteria, juror
):
    make_prize(edition=jury_prize.edition, kind="audience")
    client.force_login(staff)
    response = client.post(
        reverse("admin:awards_edition_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [jury_prize.edition.pk]},
    )
    assert response.status_code == 302
    copy = Edition.objects.get(year=2027)
    assert copy.call_opens_at.year == jury_prize.edition.call_opens_at.year + 1
    assert sorted(copy.prizes.values_list("kind", flat=True)) == ["audience", "jury"]
    assert Criterion.objects.filter(prize__edition=copy).count() == 2
    assert list(Juror.objects.filter(prize__edition=copy).values_list("user", flat=True)) == [
        juror.user_id
    ]
    # A second copy of the same year is refused with a message, nothing doubled.
    client.post(
        reverse("admin:awards_edition_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [jury_prize.edition.pk]},
    )
    assert Prize.objects.filter(edition=copy).count() == 2


def test_the_default_criteria_come_from_the_domain_brief(jury_prize):
    services.add_default_criteria(prize=jury_prize)
    names = list(jury_prize.criteria.values_list("name_en", flat=True))
    assert names == ["Problem analysis", "Clear objectives", "Partnership and citizen involvement",
                     "Originality", "Measured results", "Cost-effectiveness", "Transferability",
                     "Presentation"]  # fmt: skip
    assert all(jury_prize.criteria.values_list("name_nl", flat=True))


def test_entries_are_assigned_n_jurors_each_with_a_balanced_load(edition, jury_prize, zone_a):
    from tests.awards.factories import make_entry

    set_phase(edition, Phase.AFTER_CALL)
    jury_prize.jurors_per_entry = 2
    jury_prize.save()
    jurors = [make_juror(prize=jury_prize) for _ in range(3)]
    local = make_juror(prize=jury_prize, user=make_user(zone=zone_a, totp=True))
    entries = [make_entry(edition=edition) for _ in range(4)]
    own = make_entry(edition=edition, zone=zone_a)
    assert services.assign_jurors(prize=jury_prize) == []
    loads = [juror.assignments.count() for juror in [*jurors, local]]
    assert sum(loads) == 10
    assert max(loads) - min(loads) <= 1
    assert not local.assignments.filter(entry=own).exists()
    set_phase(edition, Phase.SCORING)
    visible = Entry_for(local)
    assert visible <= {entry.pk for entry in entries}


def Entry_for(juror):
    from awards.models import Entry

    return set(Entry.objects.for_juror(juror).values_list("pk", flat=True))
