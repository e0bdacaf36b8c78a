"""The front-matter a content file may have: each key, the kind of value it
takes and what it is for. One source for the reader (``read.py``,
``registry.py``: the keys they know, the words they accept) and for the JSON
Schemas editors and scripts validate against (``schema.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .model import DIRECTIONS as MODEL_DIRECTIONS

Kind = Literal[
    "text", "names", "date", "status", "lang", "slug", "sources", "lines", "trends",
    "addresses", "flag", "coordinates",
]  # fmt: skip

STATUSES = ("published", "draft")
DIRECTIONS = MODEL_DIRECTIONS  # the model's own, as Trend records keep them
FLAGS = ("alert", "opportunity")
# A trend written as words: "improved, opportunity"; what may stand between them.
TREND_SEPARATORS = r"[\s,+;/]+"
# A language tag as BCP 47 writes one: "ar", "my", "zh-Hant", "pt-BR".
LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# YAML's dates and times as the reader takes them: 2016-10-07, 2016-10-07 14:30, ISO 8601.
DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter key: its kind of value, whether it must be there, and what it says."""

    key: str
    kind: Kind
    about: str
    required: bool = False


BRIEFING: tuple[Field, ...] = (
    Field("title", "text", "The briefing's title, as plain text.", required=True),
    Field(
        "date",
        "date",
        "Publication date: YYYY-MM-DD or an ISO datetime; after the build's "
        "date, the briefing is scheduled.",
        required=True,
    ),
    Field("actors", "names", "The actors it is about, by name or alias."),
    Field("places", "names", "The places it is about, by name or alias."),
    Field("tags", "names", "Themes."),
    Field(
        "summary",
        "text",
        "One or two sentences for lists, feeds and search (default: the first paragraph).",
    ),
    Field("authors", "names", "Who wrote it."),
    Field("sources", "sources", "Sources: URLs, or {title, url} mappings."),
    Field("updated", "date", "Date of the last revision."),
    Field("slug", "slug", "The URL slug, instead of the file name's."),
    Field("status", "status", "draft keeps it out of the published site."),
    Field("takeaways", "lines", "Key takeaways: short lines of Markdown, shown first."),
    Field("cutoff", "date", "The date the information runs to."),
    Field("redirect_from", "addresses", "Old addresses on this site that lead here."),
    Field(
        "trends",
        "trends",
        "Actor or place name: deteriorated, improved or unchanged, then alert and/or opportunity.",
    ),
    Field("lang", "lang", "The language it is written in, when not the site's (ar, my, fr)."),
)

PAGE: tuple[Field, ...] = (
    Field("title", "text", "The page's title.", required=True),
    Field("slug", "slug", "The URL slug, instead of the file name's."),
    Field("summary", "text", "A sentence about the page."),
    Field("status", "status", "draft keeps it out of the site."),
)

_ENTRY: tuple[Field, ...] = (
    Field("name", "text", "The name pages show.", required=True),
    Field("kind", "text", "person, group, government…; city, region, oil-terminal…"),
    Field("aliases", "names", "Other names, in any script: each links to this entry."),
    Field("not", "names", "Phrases that contain a name but never mean this entry."),
    Field("ambiguous", "names", "Aliases this entry shares on purpose with another: never linked."),
    Field(
        "background",
        "flag",
        "True for the country the archive covers: everywhere, never "
        "counted as seen alongside another.",
    ),
    Field("formerly", "names", "Old slugs (file names without .md): their pages redirect here."),
)
ACTOR: tuple[Field, ...] = (
    *_ENTRY,
    Field("affiliations", "names", "Actors this one belongs to or answers to."),
)
PLACE: tuple[Field, ...] = (
    *_ENTRY,
    Field("coordinates", "coordinates", "[latitude, longitude] in degrees."),
    Field("within", "text", "The place it is in, by name."),
)


def keys(fields: tuple[Field, ...]) -> frozenset[str]:
    """The keys of ``fields``."""
    return frozenset(f.key for f in fields)
