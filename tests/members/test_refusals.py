"""A refusal says why: a person waiting for their zone's approval reads that their request
waits, someone without a zone how to ask, a member the usual refusal."""

import html

import pytest
from django.urls import reverse

from tests.factories import make_user

MEMBERS_ONLY = ["/projects/new/"]


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.mark.parametrize("url", [*MEMBERS_ONLY, "manage"])
def test_a_pending_person_reads_that_the_request_waits(client_for, pending_user, zone_a, url):
    if url == "manage":
        url = reverse("members:zone_manage", args=[zone_a.slug])
    response = client_for(pending_user).get(url)
    assert response.status_code == 403
    content = text_of(response)
    assert "Your request to Liège, sent on" in content
    assert "is waiting for its reference person" in content
    assert reverse("members:join") in content


def test_the_waiting_page_speaks_french(client_for, pending_user):
    client = client_for(pending_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    content = text_of(client.get(MEMBERS_ONLY[0]))
    assert "Votre demande pour Liège" in content
    assert "attend sa personne de référence" in content


def test_a_person_without_zone_is_shown_how_to_ask(client_for, db):
    response = client_for(make_user()).get(MEMBERS_ONLY[0])
    assert response.status_code == 403
    content = text_of(response)
    assert "This page is for members of a zone." in content
    assert "Ask to join my zone" in content
    assert "is waiting" not in content


def test_a_member_refused_an_action_gets_the_plain_refusal(client_for, member_a, zone_a):
    response = client_for(member_a).get(reverse("members:zone_manage", args=[zone_a.slug]))
    assert response.status_code == 403
    content = text_of(response)
    assert "Your account does not allow this action." in content
    assert "is waiting" not in content and "Ask to join my zone" not in content


def test_a_refusal_before_authentication_is_the_plain_refusal(rf, db):
    from members.views import permission_denied

    response = permission_denied(rf.get("/"), PermissionError())
    assert response.status_code == 403
    assert "is waiting" not in response.content.decode()
