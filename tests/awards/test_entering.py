"""A zone enters its published fiches during the call."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from awards import services
from awards.models import Entry, Phase
from tests.awards.conftest import text_of
from tests.awards.factories import make_edition, make_entry, set_phase
from tests.factories import make_project

pytestmark = pytest.mark.django_db

DECLARATIONS = {
    "declares_evaluated": "on",
    "declares_partnership": "on",
    "declares_community": "on",
    "declares_replicable": "on",
}
ALL_TRUE = dict.fromkeys(["evaluated", "partnership", "community", "replicable"], True)


@pytest.fixture
def _service_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(db):
    return make_edition(year=2027, phase=Phase.CALL)


def enter_url(edition):
    return reverse("awards:enter", args=[edition.year])


def test_a_member_enters_a_published_fiche_of_their_zone(client, call, member_a, zone_a):
    project = make_project(zone=zone_a, title="Senior Focus")
    client.force_login(member_a)
    form = text_of(client.get(enter_url(call)))
    assert "Senior Focus" in form
    response = client.post(
        enter_url(call),
        {"project": project.pk, "statement": "Taken up by 40 zones", **DECLARATIONS},
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.project, entry.zone, entry.entered_by) == (project, zone_a, member_a)
    assert "Senior Focus" in text_of(client.get(call.get_absolute_url()))


def test_the_form_offers_neither_another_zones_nor_an_unpublished_fiche(
    client, call, member_a, zone_a, zone_b
):
    theirs = make_project(zone=zone_b, title="Their fiche")
    draft = make_project(zone=zone_a, status="draft", title="Our draft")
    make_project(zone=zone_a, title="Our published fiche")
    client.force_login(member_a)
    form = text_of(client.get(enter_url(call)))
    assert "Their fiche" not in form
    assert "Our draft" not in form
    assert "Our published fiche" in form
    for project in (theirs, draft):
        response = client.post(
            enter_url(call), {"project": project.pk, "statement": "x", **DECLARATIONS}
        )
        assert response.status_code == 200
        assert "Select a valid choice" in text_of(response)
    assert not Entry.objects.exists()


@pytest.mark.usefixtures("_service_in_english")
def test_the_service_says_why_a_fiche_cannot_be_entered(call, member_a, zone_a, zone_b):
    cases = [
        (make_project(zone=zone_b), "You can only enter a fiche of your own zone."),
        (make_project(zone=zone_a, status="draft"), "Only a published fiche can be entered."),
    ]
    for project, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.enter(
                edition=call, project=project, user=member_a, statement="x", declarations=ALL_TRUE
            )
    project = make_project(zone=zone_a)
    services.enter(
        edition=call, project=project, user=member_a, statement="x", declarations=ALL_TRUE
    )
    with pytest.raises(ValidationError, match="already entered"):
        services.enter(
            edition=call, project=project, user=member_a, statement="y", declarations=ALL_TRUE
        )
    assert Entry.objects.count() == 1


def test_a_zone_cannot_go_beyond_the_editions_limit(client, call, member_a, reference_a, zone_a):
    for _ in range(call.entries_per_zone):
        make_entry(edition=call, zone=zone_a, project=make_project(zone=zone_a))
    third = make_project(zone=zone_a)
    client.force_login(reference_a)
    response = client.post(enter_url(call), {"project": third.pk, "statement": "x", **DECLARATIONS})
    assert response.status_code == 200
    assert "Your zone has already entered 2 fiches" in text_of(response)
    assert Entry.objects.count() == 2


def test_every_declaration_must_be_ticked(client, call, member_a, zone_a):
    project = make_project(zone=zone_a)
    client.force_login(member_a)
    response = client.post(
        enter_url(call),
        {"project": project.pk, "statement": "x", **DECLARATIONS, "declares_replicable": ""},
    )
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_a_statement_longer_than_allowed_is_refused_and_kept_in_the_form(
    client, call, member_a, zone_a
):
    project = make_project(zone=zone_a)
    client.force_login(member_a)
    long = "Pourquoi ce projet. " * 120
    response = client.post(
        enter_url(call), {"project": project.pk, "statement": long, **DECLARATIONS}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters" in text_of(response)
    assert "Pourquoi ce projet." in text_of(response)
    assert not Entry.objects.exists()


def test_entering_outside_the_call_is_refused(client, member_a, zone_a):
    edition = make_edition(year=2028, phase=Phase.AFTER_CALL)
    project = make_project(zone=zone_a)
    client.force_login(member_a)
    response = client.post(
        enter_url(edition), {"project": project.pk, "statement": "x", **DECLARATIONS}
    )
    assert response.status_code == 403
    assert "The call for entries is not open" in text_of(response)
    assert not Entry.objects.exists()


def test_people_without_a_zone_cannot_enter(client, call, staff, pending_user):
    client.force_login(pending_user)
    assert client.get(enter_url(call)).status_code == 403
    client.logout()
    response = client.get(enter_url(call))
    assert response.status_code == 302


def test_an_entry_is_edited_and_withdrawn_until_the_call_closes(client, call, member_a, zone_a):
    entry = make_entry(edition=call, zone=zone_a, project=make_project(zone=zone_a))
    client.force_login(member_a)
    edit = reverse("awards:entry_edit", args=[entry.pk])
    response = client.post(edit, {"statement": "Better said", **DECLARATIONS})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.statement == "Better said"
    set_phase(call, Phase.AFTER_CALL)
    response = client.post(edit, {"statement": "Too late", **DECLARATIONS})
    assert response.status_code == 403
    withdraw = reverse("awards:entry_withdraw", args=[entry.pk])
    assert client.post(withdraw).status_code == 403
    entry.refresh_from_db()
    assert (entry.statement, entry.withdrawn_at) == ("Better said", None)
    set_phase(call, Phase.CALL)
    assert client.post(withdraw).status_code == 302
    entry.refresh_from_db()
    assert entry.withdrawn_at is not None
    # A withdrawn entry frees its place: the fiche can be entered again.
    services.enter(
        edition=call, project=entry.project, user=member_a, statement="x", declarations=ALL_TRUE
    )


def test_another_zone_cannot_touch_an_entry(client, call, member_b, zone_a):
    entry = make_entry(edition=call, zone=zone_a, project=make_project(zone=zone_a))
    client.force_login(member_b)
    assert client.get(reverse("awards:entry_edit", args=[entry.pk])).status_code == 404
    assert client.post(reverse("awards:entry_withdraw", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.withdrawn_at is None


def test_the_fiche_is_frozen_when_the_call_closes(call, zone_a):
    entry = make_entry(edition=call, zone=zone_a, project=make_project(zone=zone_a, title="Before"))
    assert services.freeze_entries() == 0  # the call is still open
    set_phase(call, Phase.AFTER_CALL)
    assert services.freeze_entries() == 1
    assert services.freeze_entries() == 0  # idempotent
    entry.project.title = "After"
    entry.project.save()
    entry.refresh_from_db()
    assert entry.frozen["title"] == "Before"
    assert entry.title == "Before"


def test_the_housekeeping_copies_the_fiches_of_closed_calls(call, zone_a):
    import io

    from django.core.management import call_command

    entry = make_entry(edition=call, zone=zone_a, project=make_project(zone=zone_a))
    set_phase(call, Phase.AFTER_CALL)
    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    assert "prize entries frozen: 1" in out.getvalue()
    entry.refresh_from_db()
    assert entry.frozen["title"] == entry.project.title


def test_an_open_call_is_listed_and_on_the_members_dashboard(client, call, member_a):
    assert call.get_absolute_url() in text_of(client.get(reverse("awards:editions")))
    client.force_login(member_a)
    assert enter_url(call) in text_of(client.get(reverse("home")))
