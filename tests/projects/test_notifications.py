"""Who is told when a fiche waits for them: staff when it is sent for review, the zone's
authors when it is published or sent back, the fiche's contact when another zone asks about
it (with a copy to the asker, at most once a day), and the dated history of a replication.
"""

import datetime
import logging

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import Adoption, AdoptionEvent, Project
from tests.factories import make_adoption, make_project, make_user, make_zone


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def draft(zone_a, member_a):
    return make_project(zone=zone_a, by=member_a, status="draft", title="Senior Focus")


# Review


def test_staff_are_told_when_a_fiche_is_sent_for_review(
    client_for, member_a, staff, draft, mailoutbox, django_capture_on_commit_callbacks
):
    make_user(staff=True, is_active=False)  # a former team member is not mailed

    with django_capture_on_commit_callbacks(execute=True):
        client_for(member_a).post(reverse("projects:submit", args=[draft.slug]))

    (sent,) = mailoutbox
    assert sent.to == [staff.email]
    assert "Senior Focus" in sent.subject
    assert "Julien Renard" in sent.body
    assert f"/projects/{draft.slug}/review/" in sent.body


def test_the_review_mail_is_in_each_staff_members_language(
    client_for, member_a, staff, draft, mailoutbox, django_capture_on_commit_callbacks
):
    dutch = make_user(staff=True, preferred_language="nl")

    with django_capture_on_commit_callbacks(execute=True):
        client_for(member_a).post(reverse("projects:submit", args=[draft.slug]))

    subjects = {sent.to[0]: sent.subject for sent in mailoutbox}
    assert subjects[staff.email].startswith("[Réseau Intersection] À relire")
    assert subjects[dutch.email].startswith("[Réseau Intersection] Na te lezen")


@pytest.fixture
def submitted(zone_a, member_a, reference_a, draft):
    """Senior Focus, written by member A and edited by reference A, waiting for review."""
    services.record(draft, by=reference_a, action="edited")
    draft.submit(by=member_a)
    return draft


def test_the_zones_authors_are_told_when_the_fiche_is_published(
    client_for,
    staff,
    member_a,
    reference_a,
    zone_a,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    make_user(zone=zone_a)  # a colleague who did not write it is not mailed

    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("projects:review", args=[submitted.slug]), {"decision": "publish_public"}
        )

    assert sorted(sent.to[0] for sent in mailoutbox) == sorted([member_a.email, reference_a.email])
    assert all(
        sent.subject == "[Réseau Intersection] Votre fiche « Senior Focus » est publiée"
        for sent in mailoutbox
    )
    assert all(submitted.get_absolute_url() in sent.body for sent in mailoutbox)


def test_changing_the_audience_of_a_published_fiche_mails_nobody(
    staff, zone_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, visibility="members")

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(project=fiche, visibility=Project.Visibility.PUBLIC, by=staff)

    assert mailoutbox == []


def test_the_zones_authors_are_told_when_the_fiche_is_sent_back(
    client_for,
    staff,
    member_a,
    reference_a,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("projects:review", args=[submitted.slug]),
            {"decision": "send_back", "comment": "Add the budget."},
        )

    assert sorted(sent.to[0] for sent in mailoutbox) == sorted([member_a.email, reference_a.email])
    assert all("Add the budget." in sent.body for sent in mailoutbox)
    assert all(f"/projects/{submitted.slug}/edit/" in sent.body for sent in mailoutbox)


def test_an_author_who_left_the_zone_is_not_told_its_reference_person_is(
    staff, zone_a, reference_a, mailoutbox, django_capture_on_commit_callbacks
):
    gone = make_user(zone=make_zone())
    fiche = make_project(zone=zone_a, by=gone, status="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        services.send_back(project=fiche, comment="Add the budget.", by=staff)

    assert [sent.to for sent in mailoutbox] == [[reference_a.email]]


@pytest.mark.parametrize("step", ["submit", "publish", "send_back"])
def test_a_failing_mail_server_never_undoes_the_review_step(
    client_for,
    settings,
    caplog,
    member_a,
    staff,
    draft,
    step,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    if step != "submit":
        draft.submit(by=member_a)
    if step == "submit":
        url, data, client, expected = (
            reverse("projects:submit", args=[draft.slug]),
            {},
            client_for(member_a),
            Project.Status.SUBMITTED,
        )
    else:
        decision = {"publish": "publish_public", "send_back": "send_back"}[step]
        url, data, client = (
            reverse("projects:review", args=[draft.slug]),
            {"decision": decision, "comment": "Add the budget."},
            client_for(staff),
        )
        expected = Project.Status.PUBLISHED if step == "publish" else Project.Status.DRAFT

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == expected
    assert "could not be sent" in caplog.text


# Interest in a project


@pytest.fixture
def shared(zone_a, member_a):
    return make_project(
        zone=zone_a, by=member_a, title="Coffee with a Cop", contact_email="cafe@police-liege.be"
    )


def ask(client, fiche, message):
    return client.post(
        reverse("projects:interest", args=[fiche.slug]), {"message": message}, follow=True
    )


def test_asking_again_the_same_day_is_recorded_without_a_second_mail(
    client_for, member_b, shared, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(member_b)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, shared, "First question.")
    assert len(mailoutbox) == 2  # the contact's mail and the asker's copy

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, shared, "Did you get my question?")

    assert len(mailoutbox) == 2
    assert (
        "You already wrote to this project's contact today: your message is added to your"
        " zone's follow-up, without sending another mail."
    ) in messages_of(response)
    contacts = list(Adoption.objects.get().events.contacts())
    assert [event.message for event in contacts] == ["First question.", "Did you get my question?"]
    assert [event.mailed_on is not None for event in contacts] == [True, False]


def test_asking_again_the_next_day_mails_again(
    client_for, member_b, shared, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(member_b)
    ask(client, shared, "First question.")
    AdoptionEvent.objects.update(mailed_on=timezone.localdate() - datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, shared, "Any news?")

    assert [sent.to for sent in mailoutbox] == [["cafe@police-liege.be"], [member_b.email]]


def test_a_colleague_asking_the_same_day_still_reaches_the_contact(
    client_for, member_b, reference_b, shared, mailoutbox, django_capture_on_commit_callbacks
):
    ask(client_for(member_b), shared, "First question.")

    with django_capture_on_commit_callbacks(execute=True):
        ask(client_for(reference_b), shared, "Another question.")

    assert mailoutbox[0].to == ["cafe@police-liege.be"]
    assert mailoutbox[0].reply_to == [reference_b.email]


def test_the_database_refuses_a_second_mail_the_same_day(member_b, zone_b, shared):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b)
    today = timezone.localdate()
    fields = {"adoption": adoption, "kind": "contact", "by": member_b, "mailed_on": today}
    AdoptionEvent.objects.create(**fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionEvent.objects.create(**fields)


def test_the_contact_mail_is_in_the_fiches_language_and_the_copy_in_the_askers(
    client_for, member_b, zone_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    fiche = make_project(zone=zone_a, by=member_a, language="nl", title="Fietsen")
    member_b.preferred_language = "en"
    member_b.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        ask(client_for(member_b), fiche, "Hallo")

    to_contact, copy = mailoutbox
    assert "is geïnteresseerd in" in to_contact.subject
    assert copy.subject == "[Réseau Intersection] Copy of your message about “Fietsen”"


def test_a_failing_mail_server_never_loses_the_question(
    client_for, settings, caplog, member_b, shared, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = ask(client_for(member_b), shared, "Still there?")

    assert response.status_code == 200
    assert Adoption.objects.get().events.contacts().get().message == "Still there?"
    assert "could not be sent" in caplog.text


# The dated history of a replication


def test_every_change_of_status_is_dated_with_who_made_it(
    client_for, member_b, reference_b, shared
):
    ask(client_for(member_b), shared, "Interested.")
    adoption = Adoption.objects.get()
    client = client_for(reference_b)

    client.post(
        reverse("projects:adoption_edit", args=[adoption.pk]), {"status": "preparing", "note": ""}
    )
    client.post(
        reverse("projects:adoption_edit", args=[adoption.pk]),
        {"status": "preparing", "note": "Budget asked."},
    )
    client.post(
        reverse("projects:adoption_edit", args=[adoption.pk]),
        {"status": "implemented", "implemented_on": "2025-03-15", "note": ""},
    )

    changes = [(event.status, event.by) for event in adoption.events.status_changes()]
    assert changes == [("preparing", reference_b), ("implemented", reference_b)]
    assert all(event.at is not None for event in adoption.events.all())


def test_asking_again_about_a_dropped_replication_reopens_it_with_a_dated_change(
    client_for, member_b, zone_b, shared
):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b, status="dropped")

    ask(client_for(member_b), shared, "We try again.")

    adoption.refresh_from_db()
    assert adoption.status == "interested"
    assert [event.kind for event in adoption.events.all()] == ["status", "contact"]


def test_contacts_are_counted_per_year_for_the_indicators(member_b, reference_b, zone_b, shared):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b)
    other = make_adoption(zone=zone_b, by=reference_b)
    for when, on, by in [
        (datetime.datetime(2023, 5, 2, 10, tzinfo=datetime.UTC), adoption, member_b),
        (datetime.datetime(2024, 1, 9, 10, tzinfo=datetime.UTC), adoption, reference_b),
        (datetime.datetime(2024, 11, 30, 10, tzinfo=datetime.UTC), other, reference_b),
    ]:
        AdoptionEvent.objects.create(adoption=on, kind="contact", by=by, at=when)
    AdoptionEvent.objects.create(
        adoption=adoption,
        kind="status",
        status="preparing",
        at=datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC),
    )

    assert AdoptionEvent.objects.contacts().count_per_year() == {2023: 1, 2024: 2}
    assert AdoptionEvent.objects.status_changes().count_per_year() == {2024: 1}


def test_staff_change_a_status_in_the_admin_through_the_same_dated_history(
    client_for, staff, member_b, zone_b, shared
):
    adoption = make_adoption(project=shared, zone=zone_b, by=member_b)
    client = client_for(staff)
    url = reverse("admin:projects_adoption_change", args=[adoption.pk])

    response = client.post(
        url,
        {
            "status": "implemented",
            "implemented_on": "2025-04-01",
            "note": "Confirmed by phone.",
            "message": "Forged: overwritten",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    adoption.refresh_from_db()
    assert adoption.status == "implemented"
    assert adoption.message != "Forged: overwritten"
    (change,) = adoption.events.status_changes()
    assert (change.status, change.by) == ("implemented", staff)


def test_the_adopting_zone_reads_the_dated_history_with_user_text_escaped(
    client_for, member_b, reference_b, shared, assert_queries_do_not_grow
):
    ask(client_for(member_b), shared, "<script>alert(1)</script>")
    adoption = Adoption.objects.get()
    client = client_for(reference_b)
    url = reverse("projects:adoption_edit", args=[adoption.pk])

    def add_contact():
        services.express_interest(project=shared, user=reference_b, message="Any news?")

    response = assert_queries_do_not_grow(client, url, add_contact)

    history = response.content.decode().split('data-testid="adoption-history"')[1]
    assert "Lotte Peeters wrote to the project's contact" in history
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in history
    assert "<script>alert(1)" not in history
    assert history.count("recorded without a new mail") == 10
