"""Template filters of the fiches: sanitised Markdown and highlighted search passages."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..markup import render
from ..search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()


@register.filter
def markdown(text):
    """Light formatting written as Markdown, sanitised (see projects.markup)."""
    return mark_safe(render(text))  # noqa: S308 - sanitised by projects.markup.render


@register.filter
def rendered(project, name):
    """A section of the fiche as sanitised HTML, rendered when the fiche was saved."""
    return mark_safe(project.sections_html.get(name, ""))  # noqa: S308 - see Project.render_sections


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
def has_text(project, name):
    """Whether the text `name` of the fiche is filled in, from the HTML rendered when it was
    saved (which holds every text filled in): the page does not load the texts as typed."""
    return name in project.sections_html


@register.filter
def sections_of(project, names):
    """[(label, HTML)] of the given fields that have content, in order."""
    return [
        (project._meta.get_field(name).verbose_name.capitalize(), rendered(project, name))
        for name in names.split()
        if has_text(project, name)
    ]


@register.filter
def selected_count(facets):
    """How many facet values the catalogue's URL selects (the number on the Filters button)."""
    return sum(1 for facet in facets for option in facet["options"] if option["selected"])
