"""Numbers typed by people, read the way they write them.

A browser's `type=number` field drops the comma that a Belgian types (`3200,50` became
320 050,00 €), so every amount, decimal or count that a person types is a text field with
`inputmode="decimal"` (or `numeric`), parsed here on the server for the active language:

- French and Dutch: `3200,50`, `3 200,50`, `3.200,50` (comma for decimals; space or dot
  between groups of three digits);
- English: `3200.50`, `3,200.50` (dot for decimals; comma or space between groups).

Anything that could be read two ways or is malformed (`3,200` in French: three decimals where
two are allowed, `1.2.3`, letters) is refused with an example of how to write it; nothing is
guessed.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

# Decimal mark, and the marks allowed between groups of three digits, per language.
CONVENTIONS = {
    "fr": (",", (" ", ".")),
    "nl": (",", (".", " ")),
    "en": (".", (",", " ")),
}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
CURRENCY = re.compile(r"(€|eur|euros?)$", re.IGNORECASE)


def _convention(language=None):
    language = (language or translation.get_language() or "fr").split("-")[0]
    return CONVENTIONS.get(language, CONVENTIONS["fr"])


def example(decimal_places=2, language=None):
    """How 3 200,50 is written in the language: shown in error messages."""
    mark, groups = _convention(language)
    integer = f"3{groups[0]}200"
    return f"{integer}{mark}{'50'[:decimal_places]}" if decimal_places else integer


def parse_decimal(text, *, decimal_places=None, language=None):
    """The Decimal written in `text`, or ValueError when it is malformed or ambiguous."""
    mark, group_marks = _convention(language)
    value = CURRENCY.sub("", str(text).strip()).strip()
    # Every kind of space between groups counts as one group mark.
    value = SPACES.sub(" ", value)
    sign = ""
    if value[:1] in "+-":
        sign, value = value[0].replace("+", ""), value[1:].strip()
    if not value or value.count(mark) > 1:
        raise ValueError(text)
    integer, _sep, fraction = value.partition(mark)
    if _sep and not fraction.isdigit():
        raise ValueError(text)
    if decimal_places is not None and len(fraction) > decimal_places:
        raise ValueError(text)
    if not integer.isdigit():
        used = {char for char in integer if not char.isdigit()}
        if len(used) != 1 or not used <= set(group_marks):
            raise ValueError(text)
        group = re.escape(used.pop())
        if not re.fullmatch(rf"\d{{1,3}}({group}\d{{3}})+", integer):
            raise ValueError(text)
        integer = re.sub(group, "", integer)
    try:
        return Decimal(f"{sign}{integer}.{fraction or '0'}")
    except InvalidOperation as error:
        raise ValueError(text) from error


def format_decimal(value, decimal_places=None):
    """A number as the active language writes it, without grouping: what the parser reads."""
    if value is None or value == "":
        return ""
    if decimal_places is not None and isinstance(value, Decimal):
        value = value.quantize(Decimal(1).scaleb(-decimal_places))
    return formats.number_format(value, decimal_pos=decimal_places, use_l10n=True)


def format_euros(value, language=None):
    """An amount as a reader of the language writes it: 3 200,50 € (fr), 3.200,50 € (nl),
    €3,200.50 (en)."""
    if value is None or value == "":
        return ""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    with translation.override(language):
        number = formats.number_format(
            Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True
        )
    if language == "en":
        sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}€{number}"
    return f"{number}\u00a0€"


class LocalizedDecimalField(forms.DecimalField):
    """A DecimalField typed in a text box and read for the reader's language."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Write a number such as %(example)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_decimal(value, decimal_places=self.decimal_places)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": example(self.decimal_places or 0)},
            ) from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_decimal(value, self.decimal_places)
        return value


class LocalizedIntegerField(forms.IntegerField):
    """An IntegerField typed in a text box, with the language's group marks allowed."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Write a whole number such as %(example)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            number = parse_decimal(value, decimal_places=0)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": example(0)},
            ) from None
        return int(number)

    def prepare_value(self, value):
        return str(value) if isinstance(value, int) else value


class LocalizedNumbersAdminMixin:
    """For a ModelAdmin or an inline: staff type decimals and whole numbers in the same text
    boxes as the site's forms, read for their language (the admin's own number fields are
    browser `type=number` boxes, which drop a Belgian's decimal comma)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not db_field.choices and not db_field.is_relation:
            if isinstance(db_field, models.DecimalField):
                return db_field.formfield(form_class=LocalizedDecimalField, **kwargs)
            if isinstance(db_field, models.IntegerField) and not isinstance(
                db_field, models.AutoField | models.BigAutoField | models.SmallAutoField
            ):
                return db_field.formfield(form_class=LocalizedIntegerField, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
