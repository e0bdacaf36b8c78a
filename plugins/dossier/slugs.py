"""ASCII-safe slugs: the one function every URL in the archive goes through."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; '' when the text has none.

    Letters outside ASCII are transliterated, not dropped: "Łódź" is
    ``lodz``, "Straße" is ``strasse``, "خليفة حفتر" is ``khlyf-hftr``.
    ASCII text is never changed before slugging.
    """
    return _NON_WORD.sub("-", _transliterate(text).lower()).strip("-")


def _transliterate(text: str) -> str:
    if text.isascii():
        return text
    return "".join(char if char.isascii() else _ascii_char(char) for char in text)


@cache
def _ascii_char(char: str) -> str:
    """One non-ASCII character in ASCII, for a slug.

    A character that decomposes to ASCII letters or digits ("é", "ﬁ") keeps
    that decomposition; one that does not ("ß", "Ł", Arabic letters) takes
    unidecode's transliteration. A character that neither gives a letter or
    digit (a typographic apostrophe, a dash, an emoji) keeps the ASCII part of
    its decomposition, usually nothing: "Haftar’s" stays ``haftars``, not
    ``haftar-s``, as unidecode's "'" would make it.
    """
    decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if _has_word(decomposed):
        return decomposed
    transliterated = unidecode(char)
    return transliterated if _has_word(transliterated) else decomposed


def _has_word(text: str) -> bool:
    return any(c.isascii() and c.isalnum() for c in text)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, transliterated.

    Text that transliterates to nothing (emoji, say) still gets a stable,
    URL-safe slug derived from a hash of the text, so that it never collapses
    to an empty path segment.
    """
    slug = ascii_slug(text)
    if slug or not text.strip():
        return slug
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"x-{digest}"


def slug_from_filename(stem: str) -> str:
    """A briefing's slug from its file name: drop the ``YYYY-MM-DD-`` prefix."""
    return ascii_slug(_DATE_PREFIX.sub("", stem))
