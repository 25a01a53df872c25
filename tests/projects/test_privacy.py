"""projects' part of a person's data: fiches written, contact, replication requests."""

import pytest
from django.utils import timezone

from members import privacy as members_privacy
from projects import privacy, services
from projects.models import CoOwnerInvitation
from tests.factories import make_adoption, make_project, make_zone

pytestmark = pytest.mark.django_db


def test_the_export_lists_fiches_contact_and_requests(member_a):
    fiche = make_project(zone=member_a.zone, by=member_a, title="Senior Focus Liège")
    named = make_project(title="Coffee with a Cop", contact_email=member_a.email)
    make_adoption(project=fiche, zone=make_zone())
    make_adoption(by=member_a, zone=member_a.zone, message="Pouvons-nous en parler ?")
    invited = make_zone(name="Namur")
    CoOwnerInvitation.objects.create(project=fiche, zone=invited, invited_by=member_a)

    fiches, contact, adoptions, contacts, invitations = privacy.export(member_a)

    assert [row[0][2] for row in fiches.rows] == ["Senior Focus Liège"]
    assert [row[0][2] for row in contact.rows] == [named.title]
    assert adoptions.rows[0][3][2] == "Pouvons-nous en parler ?"
    assert [(row[0][2], row[1][2]) for row in invitations.rows] == [
        ("Senior Focus Liège", str(invited))
    ]
    assert contacts.rows == []


def test_the_export_lists_every_message_sent_about_a_fiche(member_a, member_b):
    fiche = make_project(title="Véloflic")
    services.express_interest(project=fiche, user=member_a, message="Première question")
    services.express_interest(project=fiche, user=member_a, message="Deuxième question")
    services.express_interest(project=fiche, user=member_b, message="Not mine")

    contacts = privacy.export(member_a)[3]

    assert [(row[0][2], row[2][2]) for row in contacts.rows] == [
        ("Véloflic", "Première question"),
        ("Véloflic", "Deuxième question"),
    ]


def test_a_fiche_that_names_the_person_gets_the_zones_mailbox(member_a):
    member_a.zone.contact_email = "proximite@liege.be"
    member_a.zone.save()
    fiche = make_project(
        zone=member_a.zone,
        by=member_a,
        contact_name="Julien Renard",
        contact_email=member_a.email,
    )
    other = make_project(zone=member_a.zone, contact_email="info@zone.be")

    privacy.anonymise(member_a, timezone.now())
    members_privacy.anonymise(member_a, timezone.now())

    fiche.refresh_from_db()
    assert (fiche.contact_name, fiche.contact_email) == ("", "proximite@liege.be")
    assert fiche.created_by == member_a
    other.refresh_from_db()
    assert other.contact_email == "info@zone.be"
