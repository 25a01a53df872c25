"""Staff edit indicators and targets in the admin; snapshots are read-only there."""

import pytest
from django.urls import reverse

from indicators import services
from indicators.models import Indicator, Snapshot, Target
from tests.factories import make_zone

pytestmark = pytest.mark.django_db

ADD_TARGET = reverse("admin:indicators_target_add")


@pytest.fixture
def admin_client(client_for, staff):
    client = client_for(staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def target_data(**changes):
    data = {
        "indicator": Indicator.objects.get(code="midi-participants").pk,
        "kind": "at_least",
        "low": "150",
        "high": "",
        "horizon_year": "2030",
        "baseline_year": "2025",
        "baseline_value": "",
        "note": "",
    }
    return data | changes


def errors(response):
    assert response.status_code == 200  # the form again, with its messages
    return response.content.decode()


def test_staff_add_a_2030_target(admin_client):
    response = admin_client.post(ADD_TARGET, target_data())
    assert response.status_code == 302
    assert Target.objects.filter(indicator__code="midi-participants").count() == 2


def test_a_band_with_low_above_high_is_refused(admin_client):
    text = errors(admin_client.post(ADD_TARGET, target_data(kind="band", low="60", high="40")))
    assert "The low value cannot be above the high value." in text
    assert not Target.objects.filter(horizon_year=2030).exists()


def test_a_horizon_before_its_baseline_is_refused(admin_client):
    text = errors(admin_client.post(ADD_TARGET, target_data(horizon_year="2024")))
    assert "The horizon year must come after the baseline year." in text


def test_a_second_target_for_the_same_horizon_is_refused(admin_client):
    text = errors(admin_client.post(ADD_TARGET, target_data(horizon_year="2025")))
    assert "already has a target for this horizon" in text


def test_a_target_without_its_bound_is_refused(admin_client):
    text = errors(admin_client.post(ADD_TARGET, target_data(low="")))
    assert "Give the low value" in text


def test_the_database_refuses_a_band_upside_down():
    from django.db import IntegrityError, transaction

    indicator = Indicator.objects.get(code="member-entities")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            indicator=indicator, kind="band", low=60, high=40, horizon_year=2030, baseline_year=2025
        )


def test_indicators_list_and_edit_page(admin_client):
    assert admin_client.get(reverse("admin:indicators_indicator_changelist")).status_code == 200
    indicator = Indicator.objects.get(code="seminar-participants")
    page = admin_client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert page.status_code == 200
    assert "Stable between 150 and 200." in page.content.decode()


def test_snapshots_are_read_only(admin_client, staff):
    make_zone()  # a member entity since 2018
    services.close_year(year=2024, by=staff)
    snapshot = Snapshot.objects.get(indicator__code="member-entities", year=2024)
    url = reverse("admin:indicators_snapshot_change", args=[snapshot.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="value"' not in page.content.decode()
    admin_client.post(url, {"value": "99"})
    snapshot.refresh_from_db()
    assert snapshot.value == 1
    assert admin_client.get(reverse("admin:indicators_snapshot_add")).status_code == 403
    delete = reverse("admin:indicators_snapshot_delete", args=[snapshot.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Snapshot.objects.filter(pk=snapshot.pk).exists()
