"""ASCII-safe slugs: the one function every URL in the archive goes through."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; '' when the text has none."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub("-", ascii_text).strip("-")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    Text with no Latin letters (an Arabic name, say) still gets a stable,
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
