"""Staff manage the membership from the admin: the member entities with their membership
dates, fee and reference persons, filtered and exported as a spreadsheet opens it."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from members.models import Membership, PersonalDataAccess
from members.spreadsheet import csv_response, spreadsheet_cell
from tests.factories import make_user, make_zone

CHANGELIST = "/admin/members/zone/"
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def english_staff(client_for, staff):
    client = client_for(staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def rows_of(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def export(client, zones, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.post(
        f"{CHANGELIST}?{query}",
        {"action": "export_csv", "_selected_action": [zone.pk for zone in zones]},
    )


def paid_zone(name, region="wallonia"):
    zone = make_zone(name=name, region=region, member_since=None)
    Membership.objects.create(zone=zone, start=datetime.date(THIS_YEAR, 1, 1), fee_paid=True)
    return zone


def unpaid_zone(name, region="wallonia"):
    zone = make_zone(name=name, region=region, member_since=None)
    Membership.objects.create(
        zone=zone,
        start=datetime.date(THIS_YEAR - 1, 1, 1),
        end=datetime.date(THIS_YEAR - 1, 12, 31),
        fee_paid=True,
    )
    Membership.objects.create(zone=zone, start=datetime.date(THIS_YEAR, 1, 1), fee_paid=False)
    return zone


def test_the_shared_cells_neutralise_formulas_and_keep_plain_text():
    assert spreadsheet_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert [spreadsheet_cell(v) for v in ["+32", "-1", "@A", "\tx", "\rx"]] == [
        "'+32",
        "'-1",
        "'@A",
        "'\tx",
        "'\rx",
    ]
    assert spreadsheet_cell("Liège") == "Liège"
    assert spreadsheet_cell(None) == ""
    response = csv_response("x.csv", ["=A"], [["a;b", "=1+1"]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert rows_of(response) == [["'=A"], ["a;b", "'=1+1"]]


def test_staff_export_the_entities_with_memberships_fees_and_reference_persons(english_staff):
    liege = paid_zone("Liège")
    make_user(
        zone=liege,
        reference=True,
        first_name="Nathalie",
        last_name="Dubois",
        email="nathalie.dubois@police.belgium.eu",
    )
    make_user(
        zone=liege,
        reference=True,
        first_name="=cmd",
        last_name="Abel",
        email="evil@police.belgium.eu",
    )
    make_user(zone=liege, first_name="Plain", last_name="Member")
    namur = unpaid_zone("Namur")

    response = export(english_staff, [liege, namur])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = rows_of(response)
    assert header == [
        "Official number",
        "Name",
        "Short name",
        "Kind",
        "Region",
        "Current member",
        "Membership start",
        "Membership end",
        f"Fee paid in {THIS_YEAR}",
        "Reference persons",
        "Reference persons' e-mail addresses",
    ]
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {"Liège", "Namur"}
    assert by_name["Liège"][4:10] == [
        "Wallonia",
        "yes",
        f"{THIS_YEAR}-01-01",
        "",
        "yes",
        "'=cmd Abel, Nathalie Dubois",
    ]
    assert by_name["Liège"][10] == "evil@police.belgium.eu, nathalie.dubois@police.belgium.eu"
    assert by_name["Namur"][8] == "no"
    assert by_name["Namur"][9] == ""
    access = PersonalDataAccess.objects.get()
    assert access.kind == PersonalDataAccess.Kind.MEMBER_ENTITIES


def test_the_export_asks_the_database_as_often_for_many_entities_as_for_one(
    english_staff, django_assert_max_num_queries
):
    zones = [paid_zone("First")]
    make_user(zone=zones[0], reference=True)
    with django_assert_max_num_queries(20) as few:
        export(english_staff, zones)
    for n in range(10):
        zones.append(paid_zone(f"Zone {n}"))
        make_user(zone=zones[-1], reference=True)
    with django_assert_max_num_queries(len(few)):
        response = export(english_staff, zones)
    assert len(rows_of(response)) == 12


def test_the_list_filters_by_fee_not_paid_this_year_and_by_region(english_staff):
    paid = paid_zone("Paid zone")
    unpaid = unpaid_zone("Unpaid zone")
    unpaid_brussels = unpaid_zone("Unpaid Brussels zone", region="brussels")
    former = make_zone(name="Former member", member_since=None)
    Membership.objects.create(
        zone=former, start=datetime.date(2018, 1, 1), end=datetime.date(2019, 12, 31)
    )

    response = english_staff.get(f"{CHANGELIST}?fee=unpaid")
    listed = {zone.name for zone in response.context["cl"].result_list}
    assert listed == {unpaid.name, unpaid_brussels.name}
    assert paid.name not in listed

    response = english_staff.get(f"{CHANGELIST}?fee=unpaid&region__exact=brussels")
    assert [zone.name for zone in response.context["cl"].result_list] == [unpaid_brussels.name]
    assert "Not paid this year" in response.content.decode()


@pytest.mark.parametrize("persona", ["member_a", "reference_a"])
def test_people_outside_staff_cannot_export(client_for, personas, persona, zone_a):
    response = export(client_for(personas[persona]), [zone_a])
    assert response.status_code == 302
    assert "text/csv" not in response.get("Content-Type", "")
    assert not PersonalDataAccess.objects.exists()
