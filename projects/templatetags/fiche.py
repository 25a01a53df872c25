"""Template filters of the fiches: sanitised Markdown, highlighted search passages and the
catalogue's facet menus."""

import html

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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
    return sum(len(facet["selected"]) for facet in facets)


# The facets' options are rendered here rather than in a template loop: the catalogue shows
# hundreds of them (the zones), and a template spends more time looking up their variables
# than on the rest of the page. Each value is escaped as the template escapes it (Django's
# escape is html.escape, called here directly: its lazy-text wrapper costs more than the
# escaping), and the whitespace is the template's.


@register.simple_tag
def facet_links(facet):
    """The facet's options as links that add or remove them: every option, or only the
    selected ones when the others are offered in a select (facet_choices)."""
    name = html.escape(facet["name"])
    remove = format_html(
        '<span class="visually-hidden"> ({})</span>', gettext("remove this filter")
    )
    links = []
    for option in facet["selected"] if facet["select"] else facet["options"]:
        if option["selected"]:
            css, current, hint = " selected", 'aria-current="true"', remove
        else:
            css, current, hint = "", "", ""
        query, value = html.escape(option["query"]), html.escape(option["value"])
        label = html.escape(str(option["label"]))  # str: a label may be lazily translated
        links.append(
            f'\n          <li><a href="?{query}" class="facet-option{css}" data-facet="{name}" '
            f'data-value="{value}" {current}>\n            <span>{label}</span>{hint} '
            f'<span class="count">{option["count"]}</span></a></li>\n        '
        )
    return mark_safe("".join(links))  # noqa: S308 - every value is escaped above


@register.simple_tag
def facet_choices(facet):
    """The facet's options that are not selected, as the options of its select."""
    name = html.escape(facet["name"])
    choices = []
    for option in facet["options"]:
        if not option["selected"]:
            value, label = html.escape(option["value"]), html.escape(str(option["label"]))
            choices.append(
                f'<option value="{value}" data-facet="{name}" data-count="{option["count"]}">'
                f"{label} ({option['count']})</option>"
            )
    return mark_safe("".join(choices))  # noqa: S308 - every value is escaped above
