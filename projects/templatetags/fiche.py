"""Template filters of the fiches: sanitised Markdown and highlighted search passages."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@register.filter
def markdown(text):
    """Light formatting written as Markdown, sanitised: raw HTML, scripts, event handlers
    and javascript: links never reach the page."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["sane_lists"], output_format="html")
    return mark_safe(  # noqa: S308 - nh3 keeps only the allowed tags and safe URL schemes
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


@register.filter
def highlighted(text):
    """A passage chosen by the database with its matches marked: escape everything, then
    turn the database's markers into <mark>."""
    escaped = escape(text or "")
    return mark_safe(  # noqa: S308 - the text is escaped above; only our markers become tags
        escaped.replace(escape(HIGHLIGHT_START), "<mark>").replace(
            escape(HIGHLIGHT_STOP), "</mark>"
        )
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def sections_of(project, names):
    """[(label, text)] of the given fields that have content, in order."""
    return [
        (project._meta.get_field(name).verbose_name.capitalize(), getattr(project, name))
        for name in names.split()
        if getattr(project, name)
    ]


@register.filter
def selected_count(facets):
    """How many facet values the catalogue's URL selects (the number on the Filters button)."""
    return sum(1 for facet in facets for option in facet["options"] if option["selected"])
