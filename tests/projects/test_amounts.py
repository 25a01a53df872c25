"""Amounts typed the way a Belgian types them, in every language of the site, on the budget
page and in the admin; shown back the way each language writes them."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import BudgetLine
from tests.factories import make_budget_line, make_project
from tests.projects.test_admin import posted_form


def budget_post(client, fiche, amount, language):
    return client.post(
        reverse("projects:budget", args=[fiche.slug]),
        {
            "budget_lines-TOTAL_FORMS": "1",
            "budget_lines-INITIAL_FORMS": "0",
            "budget_lines-0-label": "Heures des agents",
            "budget_lines-0-category": "staff",
            "budget_lines-0-amount": amount,
            "budget_lines-0-funding": "zone",
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "3200,50"),
        ("fr", "3 200,50"),
        ("fr", "3.200,50"),
        ("nl", "3200,50"),
        ("nl", "3.200,50"),
        ("nl", "3 200,50"),
        ("en", "3200.50"),
        ("en", "3,200.50"),
    ],
)
def test_an_amount_typed_as_the_reader_writes_it_is_saved_to_the_cent(
    client_for, member_a, zone_a, language, typed
):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")

    response = budget_post(client_for(member_a), fiche, typed, language)

    assert response.status_code == 302
    assert fiche.budget_lines.get().amount == Decimal("3200.50")
    fiche.refresh_from_db()
    assert fiche.budget_total == Decimal("3200.50")


@pytest.mark.parametrize(
    ("language", "typed", "example"),
    [
        ("fr", "3,200", "3 200,50"),
        ("fr", "1.2.3", "3 200,50"),
        ("fr", "trois mille", "3 200,50"),
        ("nl", "3,200", "3.200,50"),
        ("en", "3200,50", "3,200.50"),
    ],
)
def test_an_ambiguous_or_malformed_amount_is_refused_with_an_example_and_nothing_is_saved(
    client_for, member_a, zone_a, language, typed, example
):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")

    response = budget_post(client_for(member_a), fiche, typed, language)

    assert response.status_code == 200
    page = response.content.decode()
    assert example in page
    assert f'value="{typed}"' in page  # what was typed is kept, to be corrected
    assert not BudgetLine.objects.exists()
    fiche.refresh_from_db()
    assert fiche.budget_total == 0


def test_the_amount_box_is_a_text_box_with_a_decimal_keyboard(client_for, member_a, zone_a):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")

    page = client_for(member_a).get(reverse("projects:budget", args=[fiche.slug])).content
    box = re.search(rb"<input[^>]*name=\"budget_lines-0-amount\"[^>]*>", page).group()

    assert b'type="text"' in box
    assert b'inputmode="decimal"' in box


@pytest.mark.parametrize(
    ("language", "shown"),
    [("fr", "3\u00a0200,50\u00a0€"), ("nl", "3.200,50\u00a0€"), ("en", "€3,200.50")],
)
def test_the_fiche_shows_amounts_the_way_the_language_writes_them(client, zone_a, language, shown):
    fiche = make_project(zone=zone_a)
    make_budget_line(project=fiche, amount=Decimal("3200.50"))

    page = client.get(fiche.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'data-testid="budget-total"><strong>{shown}</strong>' in page


def test_a_saved_amount_is_shown_back_in_the_form_so_that_saving_again_keeps_it(
    client_for, member_a, zone_a
):
    fiche = make_project(zone=zone_a, by=member_a, status="draft")
    line = make_budget_line(project=fiche, amount=Decimal("3200.50"))
    client = client_for(member_a)
    url = reverse("projects:budget", args=[fiche.slug])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'name="budget_lines-0-amount" value="3200,50"' in page

    client.post(
        url,
        {
            "budget_lines-TOTAL_FORMS": "1",
            "budget_lines-INITIAL_FORMS": "1",
            "budget_lines-0-id": str(line.pk),
            "budget_lines-0-label": line.label,
            "budget_lines-0-category": line.category,
            "budget_lines-0-amount": "3200,50",
            "budget_lines-0-funding": line.funding,
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    line.refresh_from_db()
    assert line.amount == Decimal("3200.50")


# The admin


def test_staff_type_an_amount_the_belgian_way_in_the_budget_inline(client_for, staff, zone_a):
    fiche = make_project(zone=zone_a)
    client = client_for(staff)
    url = reverse("admin:projects_project_change", args=[fiche.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    box = re.search(r'<input[^>]*name="budget_lines-__prefix__-amount"[^>]*>', page).group()
    assert 'type="text"' in box
    assert 'inputmode="decimal"' in box

    response = client.post(
        url,
        posted_form(
            client.get(url, HTTP_ACCEPT_LANGUAGE="fr"),
            **{
                "budget_lines-TOTAL_FORMS": "1",
                "budget_lines-0-label": "Vélos",
                "budget_lines-0-category": "equipment",
                "budget_lines-0-amount": "3 200,50",
                "budget_lines-0-funding": "commune",
                "budget_lines-0-project": str(fiche.pk),
            },
        ),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.budget_total == Decimal("3200.50")


def test_an_ambiguous_amount_in_the_admin_is_refused_and_nothing_is_saved(
    client_for, staff, zone_a
):
    fiche = make_project(zone=zone_a)
    client = client_for(staff)
    url = reverse("admin:projects_project_change", args=[fiche.pk])

    response = client.post(
        url,
        posted_form(
            client.get(url, HTTP_ACCEPT_LANGUAGE="fr"),
            **{
                "budget_lines-TOTAL_FORMS": "1",
                "budget_lines-0-label": "Vélos",
                "budget_lines-0-category": "equipment",
                "budget_lines-0-amount": "3,200",
                "budget_lines-0-funding": "commune",
                "budget_lines-0-project": str(fiche.pk),
            },
        ),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 200
    assert "3 200,50" in response.content.decode()
    assert not BudgetLine.objects.exists()
