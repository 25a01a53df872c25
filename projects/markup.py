"""The fiche's light formatting: Markdown, sanitised. Rendered when a fiche is saved (see
Project.render_sections), so that its page only reads the stored HTML."""

import threading

import markdown as markdown_lib
import nh3

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

# A converter is costly to build and not safe to share between threads: one per thread.
_local = threading.local()


def _converter():
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(
            extensions=["sane_lists"], output_format="html"
        )
    return converter.reset()


def render(text):
    """Markdown to HTML in which raw HTML, scripts, event handlers and javascript: links
    never remain: nh3 keeps only the allowed tags and safe URL schemes."""
    if not text:
        return ""
    return nh3.clean(
        _converter().convert(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
