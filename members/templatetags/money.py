"""`{{ amount|euros }}`: an amount written the way the reader's language writes it."""

from django import template

from ..numbers import format_euros

register = template.Library()


@register.filter
def euros(value):
    return format_euros(value)
