"""Joining a zone: asking, withdrawing, being approved or declined, being removed, and who
may do each of these.

Pages are asked for in English (the French catalogue is still being written), so the texts
asserted here are the source strings of the templates and views.
"""

import html
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from members import services
from members.models import JoinRequest
from tests.factories import make_join_request, make_user

JOIN_URL = reverse("members:join")
WITHDRAW_URL = reverse("members:join_withdraw")
PENDING_NOTICE = 'data-testid="pending-notice"'
CONFIRMED = {"confirmed": "yes"}
ALREADY_WAITING = "You already have a request waiting. Withdraw it before asking another zone."


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def pending_request(pending_user):
    return pending_user.join_requests.get()


def approve_url(join_request):
    return reverse("members:join_approve", args=[join_request.pk])


def decline_url(join_request):
    return reverse("members:join_decline", args=[join_request.pk])


def remove_url(zone, person):
    return reverse("members:member_remove", args=[zone.slug, person.pk])


def reference_url(zone, person):
    return reverse("members:member_reference", args=[zone.slug, person.pk])


def manage_url(zone):
    return reverse("members:zone_manage", args=[zone.slug])


def login_url(next_url):
    return f"{reverse('account_login')}?next={next_url}"


def text_of(response):
    return html.unescape(response.content.decode())


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


# Asking to join


def test_a_person_without_zone_asks_to_join_a_zone_from_the_join_page(client_for, zone_a):
    newcomer = make_user(first_name="Camille", last_name="Martin")
    client = client_for(newcomer)

    form_page = client.get(JOIN_URL)
    assert form_page.status_code == 200
    assert "Send my request" in text_of(form_page)

    response = client.post(JOIN_URL, {"zone": zone_a.pk, "message": "Inspectrice, quartier Nord"})

    assert response.status_code == 302
    assert response.url == JOIN_URL
    join_request = newcomer.join_requests.get()
    assert join_request.zone == zone_a
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.message == "Inspectrice, quartier Nord"
    newcomer.refresh_from_db()
    assert newcomer.zone is None


def test_the_join_form_requires_a_zone(client_for, db):
    newcomer = make_user()

    response = client_for(newcomer).post(JOIN_URL, {"zone": "", "message": "Hello"})

    assert response.status_code == 200
    assert "This field is required." in text_of(response)
    assert not JoinRequest.objects.filter(user=newcomer).exists()


def test_a_member_asking_to_join_their_own_zone_gets_a_clear_error(client_for, member_a, zone_a):
    response = client_for(member_a).post(JOIN_URL, {"zone": zone_a.pk})

    assert response.status_code == 200
    assert "You are already a member of this zone." in text_of(response)
    assert not member_a.join_requests.pending().exists()


@pytest.mark.parametrize("url", ["/", JOIN_URL])
def test_a_pending_person_sees_the_waiting_for_approval_notice(client_for, pending_user, url):
    response = client_for(pending_user).get(url)

    content = text_of(response)
    assert response.status_code == 200
    assert PENDING_NOTICE in content
    assert "Waiting for approval by your zone's reference person" in content
    assert "You asked to join Liège" in content


def test_the_join_page_of_a_pending_person_offers_to_withdraw_instead_of_a_new_request(
    client_for, pending_user
):
    content = text_of(client_for(pending_user).get(JOIN_URL))

    assert "Withdraw my request" in content
    assert "Send my request" not in content


def test_a_person_without_request_sees_no_waiting_notice(client_for, db):
    response = client_for(make_user()).get("/")

    assert PENDING_NOTICE not in text_of(response)
    assert "Tell us which zone you work for" in text_of(response)


def test_a_pending_person_is_sent_from_my_zone_to_the_join_page(client_for, pending_user):
    response = client_for(pending_user).get(reverse("members:my_zone"))

    assert response.status_code == 302
    assert response.url == JOIN_URL


def test_a_pending_person_cannot_manage_the_zone_they_asked_to_join(
    client_for, pending_user, zone_a
):
    response = client_for(pending_user).get(manage_url(zone_a))

    assert response.status_code == 403


def test_a_second_request_while_one_is_waiting_is_refused_with_a_clear_error(
    client_for, pending_user, zone_b
):
    response = client_for(pending_user).post(JOIN_URL, {"zone": zone_b.pk, "message": "Oops"})

    assert response.status_code == 200
    assert ALREADY_WAITING in text_of(response)
    assert pending_user.join_requests.count() == 1
    assert pending_user.join_requests.get().zone.name == "Liège"


def test_the_join_service_refuses_a_second_waiting_request(pending_user, zone_b):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.request_to_join(user=pending_user, zone=zone_b)

    assert error.value.messages == [ALREADY_WAITING]
    assert pending_user.join_requests.count() == 1


def test_the_database_refuses_a_second_waiting_request_for_the_same_person(pending_user, zone_b):
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(user=pending_user, zone=zone_b)

    assert pending_user.join_requests.count() == 1


# Withdrawing


def test_a_pending_person_withdraws_the_request_and_may_ask_another_zone(
    client_for, pending_user, pending_request, zone_b
):
    client = client_for(pending_user)

    response = client.post(WITHDRAW_URL)

    assert response.status_code == 302
    assert response.url == JOIN_URL
    pending_request.refresh_from_db()
    assert pending_request.status == JoinRequest.Status.WITHDRAWN
    join_page = text_of(client.get(JOIN_URL))
    assert PENDING_NOTICE not in join_page
    assert "Send my request" in join_page

    client.post(JOIN_URL, {"zone": zone_b.pk})

    assert pending_user.join_requests.pending().get().zone == zone_b


# Approving and declining


def test_the_reference_person_approves_a_request_and_the_person_joins_the_zone(
    client_for,
    pending_user,
    pending_request,
    reference_a,
    zone_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client = client_for(reference_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(pending_request))

    assert response.status_code == 302
    assert response.url == manage_url(zone_a)
    pending_request.refresh_from_db()
    assert pending_request.status == JoinRequest.Status.APPROVED
    assert pending_request.decided_by == reference_a
    assert pending_request.decided_at is not None
    pending_user.refresh_from_db()
    assert pending_user.zone == zone_a
    assert pending_user.is_member
    assert not pending_user.is_reference_person
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [pending_user.email]
    assert "Liège" in mailoutbox[0].subject
    assert "Amélie" in mailoutbox[0].body

    manage_page = text_of(client.get(manage_url(zone_a)))
    assert "No request is waiting." in manage_page
    assert pending_user.email in manage_page


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_approval_email_is_written_in_the_persons_own_language(
    client_for,
    pending_user,
    pending_request,
    reference_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
):
    pending_user.preferred_language = language
    pending_user.save(update_fields=["preferred_language"])
    with translation.override(language):
        expected = gettext("Welcome to %(zone)s on Réseau Intersection") % {"zone": "Liège"}

    with django_capture_on_commit_callbacks(execute=True):
        client_for(reference_a).post(approve_url(pending_request))

    assert [mail.subject for mail in mailoutbox] == [settings.MAIL_SUBJECT_PREFIX + expected]


def test_an_approved_person_may_open_the_members_area(
    client_for, pending_user, pending_request, reference_a, zone_a
):
    client_for(reference_a).post(approve_url(pending_request))

    response = client_for(pending_user).get(reverse("members:my_zone"))

    assert response.status_code == 302
    assert response.url == zone_a.get_absolute_url()


def test_the_reference_person_declines_a_request_and_the_person_stays_without_zone(
    client_for,
    pending_user,
    pending_request,
    reference_a,
    zone_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    pending_user.preferred_language = "en"
    pending_user.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reference_a).post(decline_url(pending_request), CONFIRMED)

    assert response.status_code == 302
    assert response.url == manage_url(zone_a)
    pending_request.refresh_from_db()
    assert pending_request.status == JoinRequest.Status.DECLINED
    assert pending_request.decided_by == reference_a
    pending_user.refresh_from_db()
    assert pending_user.zone is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [pending_user.email]
    assert "Liège" in mailoutbox[0].subject
    assert "was not approved" in mailoutbox[0].body

    home = text_of(client_for(pending_user).get("/"))
    assert PENDING_NOTICE not in home
    assert "Tell us which zone you work for" in home


def test_approving_twice_changes_nothing_and_sends_one_email(
    client_for,
    pending_user,
    pending_request,
    reference_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client = client_for(reference_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url(pending_request), follow=True)
    pending_request.refresh_from_db()
    first_decision = pending_request.decided_at

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(pending_request), follow=True)

    assert response.status_code == 200
    assert "This request had already been decided." in page_messages(response)
    pending_request.refresh_from_db()
    assert pending_request.status == JoinRequest.Status.APPROVED
    assert pending_request.decided_at == first_decision
    assert len(mailoutbox) == 1


def test_approving_a_request_already_declined_keeps_it_declined_and_says_so(
    client_for,
    pending_user,
    pending_request,
    reference_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client = client_for(reference_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline_url(pending_request), CONFIRMED, follow=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(pending_request), follow=True)

    assert page_messages(response) == ["This request had already been decided."]
    pending_request.refresh_from_db()
    assert pending_request.status == JoinRequest.Status.DECLINED
    pending_user.refresh_from_db()
    assert pending_user.zone is None
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("url_of", [approve_url, decline_url], ids=["approve", "decline"])
def test_the_reference_person_of_another_zone_cannot_decide_a_request(
    client_for, pending_user, pending_request, reference_b, mailoutbox, url_of
):
    response = client_for(reference_b).post(url_of(pending_request))

    assert response.status_code == 404
    pending_request.refresh_from_db()
    assert pending_request.is_pending
    pending_user.refresh_from_db()
    assert pending_user.zone is None
    assert mailoutbox == []


@pytest.mark.parametrize("url_of", [approve_url, decline_url], ids=["approve", "decline"])
def test_a_plain_member_of_the_zone_cannot_decide_a_request(
    client_for, pending_user, pending_request, member_a, url_of
):
    response = client_for(member_a).post(url_of(pending_request))

    assert response.status_code == 404
    pending_request.refresh_from_db()
    assert pending_request.is_pending


def test_a_pending_person_cannot_approve_their_own_request(
    client_for, pending_user, pending_request
):
    response = client_for(pending_user).post(approve_url(pending_request))

    assert response.status_code == 404
    pending_request.refresh_from_db()
    assert pending_request.is_pending


def test_an_anonymous_visitor_who_tries_to_approve_is_sent_to_sign_in(client_for, pending_request):
    url = approve_url(pending_request)

    response = client_for(None).post(url)

    assert response.status_code == 302
    assert response.url == login_url(url)
    pending_request.refresh_from_db()
    assert pending_request.is_pending


@pytest.mark.parametrize("zone_name", ["zone_a", "zone_b"])
def test_staff_approve_a_request_for_any_zone(
    client_for, staff, request, zone_name, mailoutbox, django_capture_on_commit_callbacks
):
    zone = request.getfixturevalue(zone_name)
    join_request = make_join_request(zone=zone)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(approve_url(join_request))

    assert response.status_code == 302
    assert response.url == manage_url(zone)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == staff
    assert join_request.user.zone == zone
    assert len(mailoutbox) == 1


# Removing people and naming reference persons


def test_the_reference_person_removes_a_member_and_the_history_is_kept(
    client_for, member_a, reference_a, zone_a
):
    membership_record = member_a.join_requests.get(status=JoinRequest.Status.APPROVED)

    response = client_for(reference_a).post(remove_url(zone_a, member_a), CONFIRMED)

    assert response.status_code == 302
    assert response.url == manage_url(zone_a)
    member_a.refresh_from_db()
    assert member_a.zone is None
    assert not member_a.is_member
    membership_record.refresh_from_db()
    assert membership_record.status == JoinRequest.Status.ENDED
    assert membership_record.ended_by == reference_a
    assert membership_record.ended_at is not None
    assert member_a.join_requests.count() == 1
    assert member_a.email not in text_of(client_for(reference_a).get(manage_url(zone_a)))


def test_a_removed_member_is_sent_back_to_the_join_page(client_for, member_a, reference_a, zone_a):
    client_for(reference_a).post(remove_url(zone_a, member_a), CONFIRMED)

    response = client_for(member_a).get(reverse("members:my_zone"))

    assert response.status_code == 302
    assert response.url == JOIN_URL


def test_a_reference_person_cannot_remove_themselves(client_for, reference_a, zone_a):
    response = client_for(reference_a).post(remove_url(zone_a, reference_a), CONFIRMED)

    assert response.status_code == 403
    reference_a.refresh_from_db()
    assert reference_a.zone == zone_a
    assert reference_a.is_reference_person


def test_the_reference_person_names_a_member_as_second_reference_person(
    client_for, member_a, reference_a, zone_a
):
    response = client_for(reference_a).post(reference_url(zone_a, member_a), {"reference": "1"})

    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.is_reference_person
    assert client_for(member_a).get(manage_url(zone_a)).status_code == 200


def test_the_reference_person_un_names_another_reference_person(client_for, reference_a, zone_a):
    colleague = make_user(zone=zone_a, reference=True)

    response = client_for(reference_a).post(reference_url(zone_a, colleague), {"reference": "0"})

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_reference_person
    assert colleague.zone == zone_a
    assert client_for(colleague).get(manage_url(zone_a)).status_code == 403


def test_a_reference_person_cannot_un_name_themselves(client_for, reference_a, zone_a):
    response = client_for(reference_a).post(
        reference_url(zone_a, reference_a), {"reference": "0"}, follow=True
    )

    assert response.status_code == 200
    assert page_messages(response) == [
        "Appoint another reference person, then ask them to withdraw your role."
    ]
    reference_a.refresh_from_db()
    assert reference_a.is_reference_person


@pytest.mark.parametrize("url_of", [remove_url, reference_url], ids=["remove", "reference"])
def test_the_reference_person_of_another_zone_cannot_act_on_that_zone(
    client_for, member_a, reference_b, zone_a, url_of
):
    response = client_for(reference_b).post(url_of(zone_a, member_a), {"reference": "1"})

    assert response.status_code == 403
    member_a.refresh_from_db()
    assert member_a.zone == zone_a
    assert not member_a.is_reference_person


@pytest.mark.parametrize("url_of", [remove_url, reference_url], ids=["remove", "reference"])
def test_a_forged_person_of_another_zone_on_ones_own_zone_is_not_found(
    client_for, member_a, reference_b, zone_a, zone_b, url_of
):
    response = client_for(reference_b).post(url_of(zone_b, member_a), {"reference": "1"})

    assert response.status_code == 404
    member_a.refresh_from_db()
    assert member_a.zone == zone_a
    assert not member_a.is_reference_person
    assert member_a.join_requests.get().status == JoinRequest.Status.APPROVED


@pytest.mark.parametrize("url_of", [remove_url, reference_url], ids=["remove", "reference"])
def test_a_plain_member_cannot_act_on_their_colleagues(client_for, member_a, zone_a, url_of):
    colleague = make_user(zone=zone_a)

    response = client_for(member_a).post(url_of(zone_a, colleague), {"reference": "1"})

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.zone == zone_a
    assert not colleague.is_reference_person


# Methods


@pytest.mark.parametrize(
    ("url_of", "question"),
    [
        pytest.param(
            lambda join_request, zone, person: decline_url(join_request),
            "Amélie Leroy will not join Liège and will be told so by e-mail.",
            id="decline",
        ),
        pytest.param(
            lambda join_request, zone, person: remove_url(zone, person),
            "Julien Renard will no longer belong to Liège",
            id="remove",
        ),
    ],
)
def test_decline_and_remove_ask_for_confirmation_and_change_nothing_before(
    client_for,
    pending_request,
    reference_a,
    member_a,
    zone_a,
    mailoutbox,
    url_of,
    question,
    django_capture_on_commit_callbacks,
):
    url = url_of(pending_request, zone_a, member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reference_a).post(url, {"confirmed": "no"})

    assert response.status_code == 200
    content = text_of(response)
    assert question in content
    assert 'name="confirmed" value="yes"' in content
    assert f'action="{url}"' in content
    pending_request.refresh_from_db()
    assert pending_request.is_pending
    member_a.refresh_from_db()
    assert member_a.zone == zone_a
    assert mailoutbox == []


def test_the_manage_page_buttons_lead_to_the_confirmation(
    client_for, pending_request, reference_a, zone_a
):
    content = text_of(client_for(reference_a).get(manage_url(zone_a)))
    for form in re.findall(
        r"<form[^>]*action=\"[^\"]*/(?:decline|remove)/\".*?</form>", content, re.S
    ):
        assert "confirmed" not in form


@pytest.mark.parametrize(
    "url_of",
    [
        pytest.param(lambda join_request, zone, person: WITHDRAW_URL, id="withdraw"),
        pytest.param(lambda join_request, zone, person: approve_url(join_request), id="approve"),
        pytest.param(lambda join_request, zone, person: decline_url(join_request), id="decline"),
        pytest.param(lambda join_request, zone, person: remove_url(zone, person), id="remove"),
        pytest.param(
            lambda join_request, zone, person: reference_url(zone, person), id="reference"
        ),
    ],
)
def test_a_get_on_an_action_that_changes_data_answers_405(
    client_for, pending_request, reference_a, member_a, zone_a, url_of
):
    response = client_for(reference_a).get(url_of(pending_request, zone_a, member_a))

    assert response.status_code == 405
    pending_request.refresh_from_db()
    assert pending_request.is_pending
    member_a.refresh_from_db()
    assert member_a.zone == zone_a


def test_the_approval_mail_links_to_the_site(
    client_for, reference_a, pending_user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.example.org/"
    join_request = pending_user.join_requests.get()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(reference_a).post(reverse("members:join_approve", args=[join_request.pk]))

    assert len(mailoutbox) == 1
    assert "https://portal.example.org/\n" in mailoutbox[0].body
