"""members' part of a person's data: what it exports, how closing anonymises it."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.utils import timezone

from members import privacy
from members.models import JoinRequest, Zone
from tests.factories import make_join_request, make_user

pytestmark = pytest.mark.django_db


def values(sections, key):
    section = next(section for section in sections if section.key == key)
    return [{name: value for name, _label, value in row} for row in section.rows]


def test_the_export_holds_the_profile_the_requests_and_the_addresses(member_a, zone_b):
    member_a.phone = "+32 2 555 12 34"
    member_a.save()
    make_join_request(user=member_a, zone=zone_b, message="Je change de zone", status="withdrawn")

    sections = privacy.export(member_a)

    (profile,) = values(sections, "profile")
    assert profile["phone"] == "+32 2 555 12 34"
    assert profile["last_name"] == "Renard"
    messages = [row.get("message") for row in values(sections, "zone")]
    assert "Je change de zone" in messages
    assert values(sections, "security")[0]["email"] == member_a.email


def test_anonymising_erases_the_person_and_ends_their_place_but_not_the_zone(reference_a):
    zone = reference_a.zone
    members_before = Zone.objects.members_on(timezone.localdate()).count()
    now = timezone.now()

    privacy.anonymise(reference_a, now)

    reference_a.refresh_from_db()
    assert reference_a.get_full_name() == ""
    assert reference_a.email.endswith("@closed.invalid")
    assert not reference_a.is_reference_person
    assert reference_a.zone is None
    assert not reference_a.is_active
    assert not EmailAddress.objects.filter(user=reference_a).exists()
    request = JoinRequest.objects.get(user=reference_a)
    assert (request.status, request.ended_at) == (JoinRequest.Status.ENDED, now)
    assert request.zone == zone
    assert Zone.objects.members_on(timezone.localdate()).count() == members_before


def test_retention_keeps_recent_texts_and_verified_accounts(zone_a):
    now = timezone.now()
    recent = make_join_request(zone=zone_a, message="Inspecteur", status="declined")
    verified = make_user()
    type(verified).objects.filter(pk=verified.pk).update(
        date_joined=now - datetime.timedelta(days=90)
    )

    done = privacy.purge(now)

    assert done["unverified accounts deleted"] == 0
    assert done["join request texts erased"] == 0
    recent.refresh_from_db()
    assert recent.message == "Inspecteur"


def test_no_model_holds_a_national_register_number():
    suspicious = ("national", "niss", "rijksregister", "registre")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not any(word in field.name.lower() for word in suspicious), (
                f"{model.__name__}.{field.name}"
            )
