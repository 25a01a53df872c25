"""Behind a load balancer, every request arrives from the balancer's address: the limits must
count each client by the address the proxy reports, and only when a proxy is trusted."""

import pytest
from django.urls import reverse

from events.models import Registration
from tests.events.factories import make_event
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
BALANCER = "10.0.0.5"


def login(client, email, password, forwarded_for=None):
    headers = {"REMOTE_ADDR": BALANCER}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(LOGIN, {"login": email, "password": password}, **headers)


def blocked(response):
    """allauth refuses a sign-in, even with the right password, after too many failures."""
    return response.status_code == 429 or "Trop de tentatives" in response.content.decode()


@pytest.fixture
def officer(db):
    return make_user(email="officer@police.belgium.eu")


def test_wrong_passwords_of_one_client_behind_the_proxy_do_not_block_another(
    client, officer, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(12):
        login(client, "someone@police.belgium.eu", "wrong", forwarded_for="198.51.100.7")
    assert blocked(login(client, officer.email, PASSWORD, forwarded_for="198.51.100.7"))
    assert "_auth_user_id" not in client.session

    response = login(client, officer.email, PASSWORD, forwarded_for="203.0.113.9")

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(officer.pk)


def test_a_forwarded_header_sent_by_the_client_itself_is_ignored_without_a_trusted_proxy(
    client, officer, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(12):
        login(client, "someone@police.belgium.eu", "wrong", forwarded_for=f"192.0.2.{n}")

    response = login(client, officer.email, PASSWORD, forwarded_for="203.0.113.9")

    assert blocked(response)
    assert "_auth_user_id" not in client.session


def test_the_proxy_decides_the_address_even_when_the_client_forges_the_header(
    client, officer, settings
):
    """With one trusted proxy, the address that proxy appended counts, not what the client
    wrote before it: changing the forged part does not escape the limit."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(12):
        login(client, "someone@police.belgium.eu", "wrong", f"192.0.2.{n}, 198.51.100.7")

    response = login(client, officer.email, PASSWORD, "192.0.2.99, 198.51.100.7")
    assert blocked(response)
    assert "_auth_user_id" not in client.session


def test_partners_behind_the_same_proxy_register_without_blocking_each_other(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    event = make_event(open_to_partners=True, capacity=50)
    url = reverse("events:register_guest", args=[event.slug])
    for n in range(8):
        response = client.post(
            url,
            {"name": f"Partner {n}", "organisation": "Parquet", "email": f"p{n}@parquet.be"},
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 200

    assert Registration.objects.filter(event=event).count() == 8
