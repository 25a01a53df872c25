from django.conf import settings
from django.utils.translation import get_language


def in_reader_language(instance, field, *, fallback="fr"):
    """`instance.<field>_<language>` in the reader's language (fr, nl or en), or the
    `fallback` language's when that one is empty or the language has no field."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return getattr(instance, f"{field}_{language}", "") or getattr(instance, f"{field}_{fallback}")
