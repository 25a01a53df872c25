"""A person's data across the apps: my data, the download, closing the account, staff handling
a request, the retention housekeeping and the privacy notice."""

import datetime
import html
import io
import json

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import ConsentChange, Registration
from intersection import privacy
from members.models import JoinRequest, PersonalDataAccess, User
from projects.models import Project
from tests.events.factories import make_event, make_guest_registration
from tests.factories import (
    PASSWORD,
    current_totp_code,
    make_adoption,
    make_budget_line,
    make_join_request,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db

MY_DATA = reverse("my_data")
DOWNLOAD = reverse("my_data_download")
CLOSE = reverse("close_account")


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def active_member(member_a, member_b):
    """Julien Renard of Liège, who registered, came, wrote a fiche and asked about another."""
    member_a.phone = "+32 4 123 45 67"
    member_a.save()
    past = make_event(days=-30, title="Séminaire annuel 2026", capacity=50)
    registration = Registration.objects.create(
        event=past,
        user=member_a,
        status=Registration.Status.CONFIRMED,
        attended=True,
        confirmed_at=past.starts_at,
        dietary_needs="Sans gluten",
        photo_consent=True,
        photo_consent_at=past.starts_at,
    )
    fiche = make_project(
        zone=member_a.zone,
        by=member_a,
        title="Coffee with a Cop à Liège",
        contact_name="Julien Renard",
        contact_email=member_a.email,
    )
    make_budget_line(project=fiche)
    other = make_project(zone=member_b.zone, title="Véloflic")
    make_adoption(project=other, zone=member_a.zone, by=member_a, message="Bonjour, Julien")
    return {"user": member_a, "event": past, "registration": registration, "fiche": fiche}


def counts(event):
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        event.registrations.filter(attended=True).count(),
    )


def fiche_state(fiche):
    fiche = Project.objects.get(pk=fiche.pk)
    return (fiche.title, fiche.summary, fiche.status, fiche.owner_zone_id, fiche.budget_total)


# My data


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (MY_DATA, DOWNLOAD, CLOSE):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_my_data_shows_everything_held_on_me_and_nothing_of_anyone_else(
    client_for, active_member, member_b
):
    response = client_for(active_member["user"]).get(MY_DATA)

    page = text_of(response)
    assert response.status_code == 200
    for held in ("Renard", "+32 4 123 45 67", "Séminaire annuel 2026", "Sans gluten"):
        assert held in page
    assert "Coffee with a Cop à Liège" in page
    assert "Bonjour, Julien" in page
    assert member_b.last_name not in page
    assert member_b.email not in page


@pytest.mark.parametrize("persona", ["member_b", "reference_a", "staff", "pending"])
def test_each_persona_sees_only_their_own_data(client_for, personas, active_member, persona):
    user = personas[persona]
    page = text_of(client_for(user).get(MY_DATA))
    assert user.email in page
    assert "Renard" not in page
    assert "Sans gluten" not in page


def test_the_download_is_the_same_data_as_json_for_the_owner_only(client_for, active_member):
    response = client_for(active_member["user"]).get(DOWNLOAD)

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    sections = document["sections"]
    assert sections["profile"]["records"][0]["phone"] == "+32 4 123 45 67"
    (registration,) = sections["registrations"]["records"]
    assert registration["event"] == "Séminaire annuel 2026"
    assert registration["attended"] is True
    assert registration["photo_consent"] is True
    assert sections["adoptions"]["records"][0]["message"] == "Bonjour, Julien"


# Closing the account


def close(client, password=PASSWORD, **extra):
    return client.post(CLOSE, {"password": password, "confirm": "on", **extra})


def test_a_wrong_password_closes_nothing(client_for, active_member):
    user = active_member["user"]
    response = close(client_for(user), password="not mine")

    assert response.status_code == 200
    assert "This is not your password." in text_of(response) or "mot de passe" in text_of(response)
    user.refresh_from_db()
    assert user.closed_at is None
    assert user.last_name == "Renard"


def test_a_person_with_a_second_factor_must_give_a_valid_code(client_for):
    user = make_user(totp=True, last_name="Martin")
    client = client_for(user)

    assert close(client, code="000000").status_code == 200
    user.refresh_from_db()
    assert user.closed_at is None

    close(client, code=current_totp_code())
    user.refresh_from_db()
    assert user.closed_at is not None
    assert not Authenticator.objects.filter(user=user).exists()


def test_closing_keeps_every_count_and_fiche_and_erases_the_person(client_for, active_member):
    user, event, fiche = active_member["user"], active_member["event"], active_member["fiche"]
    before = (counts(event), fiche_state(fiche), User.objects.count())
    old_email = user.email

    response = close(client_for(user))

    assert response.status_code == 302
    assert (counts(event), fiche_state(fiche), User.objects.count()) == before
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone, user.zone_id) == ("", "", "", None)
    assert user.email != old_email
    assert not user.has_usable_password()
    assert not user.is_active
    assert str(user) == "Ancien membre"
    registration = Registration.objects.get(pk=active_member["registration"].pk)
    assert registration.attended
    assert registration.dietary_needs == ""
    assert not registration.photo_consent
    fiche.refresh_from_db()
    assert fiche.created_by_id == user.pk
    assert "Renard" not in fiche.contact_name
    assert JoinRequest.objects.get(user=user).status == JoinRequest.Status.ENDED


def test_a_closed_account_cannot_sign_in_or_reset_its_password(client, client_for, active_member):
    user = active_member["user"]
    old_email = user.email
    close(client_for(user))
    client.logout()

    response = client.post(reverse("account_login"), {"login": old_email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200

    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": old_email})
    assert not any("/password/reset/key/" in message.body for message in mail.outbox)


def test_the_old_address_can_sign_up_again(active_member, client_for):
    user = active_member["user"]
    old_email = user.email
    close(client_for(user))
    assert not User.objects.filter(email__iexact=old_email).exists()
    make_user(email=old_email)


def test_the_last_reference_person_of_a_zone_is_warned(client_for, reference_a):
    response = client_for(reference_a).get(CLOSE)
    assert 'data-testid="last-reference-person"' in response.content.decode()
    make_user(zone=reference_a.zone, reference=True)
    response = client_for(reference_a).get(CLOSE)
    assert 'data-testid="last-reference-person"' not in response.content.decode()


def test_the_confirmation_page_says_closing_cannot_be_undone(client_for, member_a):
    page = text_of(client_for(member_a).get(CLOSE))
    assert "ne peut pas être annulée" in page or "cannot be undone" in page


# Staff handling a request


def test_staff_export_a_persons_data_from_the_admin_and_it_is_recorded(
    client_for, staff, active_member
):
    user = active_member["user"]
    client = client_for(staff)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "export_personal_data", "_selected_action": [user.pk]},
    )

    assert response.status_code == 200
    assert json.loads(response.content)["sections"]["profile"]["records"][0]["last_name"] == (
        "Renard"
    )
    access = PersonalDataAccess.objects.get(kind=PersonalDataAccess.Kind.EXPORT)
    assert (access.by, access.subject) == (staff, user)


def test_staff_close_an_account_on_behalf_with_the_reason_recorded(
    client_for, staff, active_member
):
    user = active_member["user"]
    old_email = user.email
    client = client_for(staff)
    url = reverse("admin:members_user_changelist")
    confirm = client.post(url, {"action": "close_accounts", "_selected_action": [user.pk]})
    assert "Renard" in text_of(confirm)

    client.post(
        url,
        {
            "action": "close_accounts",
            "_selected_action": [user.pk],
            "reason": "Lettre reçue le 2 décembre",
        },
    )

    user.refresh_from_db()
    assert user.closed_at is not None
    access = PersonalDataAccess.objects.get(kind=PersonalDataAccess.Kind.CLOSURE)
    assert access.reason == "Lettre reçue le 2 décembre"
    search = client.get(url, {"q": old_email})
    assert "Ancien membre" not in text_of(search)
    assert "0 utilisateur" in text_of(search) or "0 user" in text_of(search)


# Retention


def run_housekeeping():
    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    return out.getvalue()


def test_retention_applies_the_table_once_and_keeps_what_must_stay(zone_a):
    now = timezone.now()
    old_event = make_event(days=-400)
    recent_event = make_event(days=-1)
    old_guest = make_guest_registration(old_event, attended=True)
    recent_guest = make_guest_registration(recent_event)
    never_verified = make_user(verified=False)
    User.objects.filter(pk=never_verified.pk).update(date_joined=now - datetime.timedelta(days=31))
    fresh_unverified = make_user(verified=False)
    declined = make_join_request(zone=zone_a, message="Agent de quartier à Huy", status="declined")
    JoinRequest.objects.filter(pk=declined.pk).update(created_at=now - datetime.timedelta(days=400))

    first = run_housekeeping()

    assert "unverified accounts deleted: 1" in first
    assert "partner guests anonymised: 1" in first
    assert "join request texts erased: 1" in first
    old_guest.refresh_from_db()
    assert (old_guest.guest_name, old_guest.email, old_guest.attended) == ("", "", True)
    assert old_event.registrations.filter(attended=True).count() == 1
    recent_guest.refresh_from_db()
    assert recent_guest.guest_name.startswith("Guest")
    assert not User.objects.filter(pk=never_verified.pk).exists()
    assert User.objects.filter(pk=fresh_unverified.pk).exists()
    declined.refresh_from_db()
    assert declined.message == ""

    second = run_housekeeping()
    assert "unverified accounts deleted: 0" in second
    assert "partner guests anonymised: 0" in second
    assert "join request texts erased: 0" in second


def test_the_privacy_notice_states_the_periods_the_housekeeping_applies(client, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "partner_guests": 200}
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    page = text_of(response)
    assert "200 jours" in page
    assert "30 jours" in page
    assert "registre national" in page


# Consents and access records


def test_a_participant_withdraws_and_gives_again_a_consent_each_change_dated(
    client_for, active_member, staff
):
    user, registration = active_member["user"], active_member["registration"]
    client = client_for(user)
    url = reverse("events:registration_consents", args=[registration.pk])

    client.post(url, {"publication_consent": "on"})
    registration.refresh_from_db()
    assert not registration.photo_consent
    assert registration.publication_consent
    photo_list = client_for(staff).get(
        reverse("events:photo_consents", args=[active_member["event"].slug])
    )
    assert "Renard" not in text_of(photo_list)

    client_for(user).post(url, {"photo_consent": "on", "publication_consent": "on"})
    kinds = list(
        ConsentChange.objects.filter(registration=registration).values_list("kind", "given")
    )
    assert kinds == [("photo", False), ("publication", True), ("photo", True)]


def test_nobody_changes_the_consents_of_another_persons_registration(
    client_for, active_member, member_b
):
    registration = active_member["registration"]
    response = client_for(member_b).post(
        reverse("events:registration_consents", args=[registration.pk]), {}
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.photo_consent


@pytest.mark.parametrize(
    ("view", "kind"),
    [
        ("events:export_csv", "participants"),
        ("events:badges", "badges"),
        ("events:photo_consents", "photo_consents"),
    ],
)
def test_staff_downloads_of_lists_of_people_are_recorded(client_for, staff, view, kind):
    event = make_event()
    assert client_for(staff).get(reverse(view, args=[event.slug])).status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.by, access.kind) == (staff, kind)
    assert event.slug in access.detail


def test_the_closing_helper_can_be_called_twice(active_member):
    user = active_member["user"]
    privacy.close_account(user=user)
    closed_at = User.objects.get(pk=user.pk).closed_at
    privacy.close_account(user=user)
    assert User.objects.get(pk=user.pk).closed_at == closed_at
