from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from members.numbers import LocalizedDecimalField, LocalizedIntegerField, parse_decimal


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "3200,50"),
        ("fr", "3 200,50"),
        ("fr", "3\u00a0200,50"),
        ("fr", "3\u202f200,50"),
        ("fr", "3.200,50"),
        ("fr", "3200,50 €"),
        ("nl", "3200,50"),
        ("nl", "3.200,50"),
        ("nl", "3 200,50"),
        ("en", "3200.50"),
        ("en", "3,200.50"),
        ("en", "3 200.50"),
    ],
)
def test_amounts_written_the_way_each_language_writes_them_give_the_same_value(language, typed):
    assert parse_decimal(typed, decimal_places=2, language=language) == Decimal("3200.50")


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "3,200"),  # three decimals where two are allowed: an English thousand?
        ("fr", "3200.50"),  # the English way, in French
        ("fr", "1.2.3"),
        ("fr", "32,00,5"),
        ("fr", "12 34,5"),
        ("fr", "abc"),
        ("fr", "3200,5a"),
        ("fr", ","),
        ("nl", "3,200"),
        ("en", "3200,50"),
        ("en", "3.200,50"),
        ("en", "1,2,3"),
    ],
)
def test_ambiguous_or_malformed_amounts_are_refused(language, typed):
    with pytest.raises(ValueError):
        parse_decimal(typed, decimal_places=2, language=language)


def test_whole_numbers_and_signs():
    assert parse_decimal("1 000", decimal_places=0, language="fr") == 1000
    assert parse_decimal("-12,5", decimal_places=2, language="nl") == Decimal("-12.5")
    with pytest.raises(ValueError):
        parse_decimal("12,5", decimal_places=0, language="fr")


class BudgetForm(forms.Form):
    amount = LocalizedDecimalField(max_digits=10, decimal_places=2, min_value=0)
    capacity = LocalizedIntegerField(min_value=1, required=False)


def test_the_field_is_a_text_box_with_a_decimal_keyboard():
    html = str(BudgetForm()["amount"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'inputmode="numeric"' in str(BudgetForm()["capacity"])


@pytest.mark.parametrize(
    ("language", "typed", "example"),
    [("fr", "3,200", "3 200,50"), ("nl", "1.2.3", "3.200,50"), ("en", "3200,50", "3,200.50")],
)
def test_a_refused_amount_says_how_to_write_it_and_keeps_what_was_typed(language, typed, example):
    with translation.override(language):
        form = BudgetForm(data={"amount": typed})
        assert not form.is_valid()
        assert example in form.errors["amount"][0]
        assert f'value="{typed}"' in str(form["amount"])


@pytest.mark.parametrize(
    ("language", "shown"), [("fr", "3200,50"), ("nl", "3200,50"), ("en", "3200.50")]
)
def test_a_saved_amount_is_shown_back_so_that_saving_again_keeps_it(language, shown):
    with translation.override(language):
        form = BudgetForm(initial={"amount": Decimal("3200.5"), "capacity": 1200})
        assert f'value="{shown}"' in str(form["amount"])
        again = BudgetForm(data={"amount": shown, "capacity": "1200"})
        assert again.is_valid(), again.errors
        assert again.cleaned_data == {"amount": Decimal("3200.50"), "capacity": 1200}


def test_a_capacity_with_a_decimal_part_is_refused():
    with translation.override("fr"):
        form = BudgetForm(data={"amount": "1", "capacity": "12,5"})
        assert not form.is_valid()
        assert "3 200" in form.errors["capacity"][0]
