"""The pure data model: what a briefing archive is made of.

Nothing here knows about Pelican, Markdown or files; every record is frozen
so that stages can share them without copying or defensive checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .writing import direction

Status = Literal["published", "draft"]
# Why a preview shows a briefing the published site leaves out.
Unpublished = Literal["draft", "scheduled"]
Section = Literal["actors", "places"]
SECTIONS: tuple[Section, ...] = ("actors", "places")
# What one entry of a section is called in messages and on pages.
NOUN: dict[Section, str] = {"actors": "actor", "places": "place"}


def name_key(name: str) -> str:
    """The form a name is looked up by: case and spacing differences are the
    same name (acronyms are matched case-sensitively in prose, not here)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Source:
    """A reference a briefing cites: a title and, usually, a URL."""

    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Takeaway:
    """A key takeaway: one short line of Markdown, rendered, and as plain text."""

    html: str
    text: str


# A mention in its sentence: the text before the name, the name as written, the text after.
Context = tuple[str, str, str]
Direction = Literal["deteriorated", "improved", "unchanged"]
DIRECTIONS: tuple[Direction, ...] = ("deteriorated", "improved", "unchanged")
FLAG_WORDS = {"alert": "conflict risk alert", "opportunity": "resolution opportunity"}


@dataclass(frozen=True, slots=True)
class Trend:
    """The author's judgement, CrisisWatch-style, of where an actor's or a
    place's situation went in a briefing: a direction, and whether it holds a
    risk of conflict (``alert``) or a chance of resolution (``opportunity``).
    ``name`` is the entity as the front-matter wrote it; ``line`` its line."""

    name: str
    direction: Direction
    alert: bool = False
    opportunity: bool = False
    line: int = 0

    @property
    def label(self) -> str:
        """In words, for text equivalents and data files: 'deteriorated; conflict risk alert'."""
        return "; ".join([self.direction, *(FLAG_WORDS[f] for f in self.flags)])

    @property
    def flags(self) -> tuple[str, ...]:
        """``alert`` and/or ``opportunity``, as set."""
        return (
            *(("alert",) if self.alert else ()),
            *(("opportunity",) if self.opportunity else ()),
        )

    def same_call(self, other: Trend | None) -> bool:
        """True when ``other`` makes the same judgement (direction and flags)."""
        return other is not None and (self.direction, self.alert, self.opportunity) == (
            other.direction, other.alert, other.opportunity,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Briefing:
    """One briefing, validated: front-matter plus rendered body."""

    path: str
    slug: str
    title: str
    date: dt.datetime
    body_html: str
    summary: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    updated: dt.datetime | None = None
    status: Status = "published"
    field_lines: tuple[tuple[str, int], ...] = ()
    mentions: tuple[str, ...] = ()
    mention_lines: tuple[tuple[str, int], ...] = ()
    # False when ``summary`` is the first paragraph: the page then shows no
    # lede, which would repeat it.
    summary_given: bool = True
    # What the reader should take away first, and the date the information runs to.
    takeaways: tuple[Takeaway, ...] = ()
    cutoff: dt.datetime | None = None
    # How many times the text (takeaways and body) names each entity it mentions.
    mention_counts: tuple[tuple[str, int], ...] = ()
    # Site-relative addresses it was published at before: each redirects here.
    redirect_from: tuple[str, ...] = ()
    # The author's trend calls, by entity name as written (resolved in ``resolve``).
    trends: tuple[Trend, ...] = ()
    # entity key -> the sentence around its first mention: (before, name, after)
    contexts: tuple[tuple[str, Context], ...] = ()
    # The language it is written in, when not the site's ("ar", "my"): its
    # title, takeaways and text are marked with it, and read right to left
    # where the language is.
    lang: str = ""

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr": the direction its text is read in."""
        return direction(self.lang)

    def line_of(self, key: str) -> int:
        """The line of a front-matter key in the source file (1 if absent)."""
        return dict(self.field_lines).get(key, 1)

    def context_of(self, key: str) -> Context | None:
        """The sentence around the first mention of an entity (by key), if it names it."""
        return next((c for k, c in self.contexts if k == key), None)

    @property
    def gist(self) -> str:
        """What a feed entry or a search result says of it: its takeaways, if
        it has any, else its summary."""
        return " · ".join(t.text for t in self.takeaways) or self.summary


@dataclass(frozen=True, slots=True)
class Page:
    """A free-standing page such as About: title, slug and rendered body."""

    path: str
    slug: str
    title: str
    body_html: str
    summary: str = ""
    status: Status = "published"


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or a place, from its registry file or synthesised from a name.

    ``in_registry`` is False for a name a briefing uses that no registry file
    defines: it still gets a page, with no profile. ``suppress`` holds the
    phrases that must never link to it (the registry's ``not``: "Richard
    Wagner" for the Wagner Group). ``profile_source`` is the profile's
    Markdown; ``profile_html`` its rendering, with mentions linked. A
    ``background`` entity (the country an archive covers) is everywhere: its
    mentions never warn and it never counts as seen alongside another.
    ``ambiguous`` lists aliases it shares on purpose with another entry:
    never linked in prose.
    """

    section: Section
    slug: str
    name: str
    kind: str = ""
    aliases: tuple[str, ...] = ()
    profile_html: str = ""
    path: str = ""
    in_registry: bool = True
    suppress: tuple[str, ...] = ()
    profile_source: str = ""
    background: bool = False
    ambiguous: tuple[str, ...] = ()
    field_lines: tuple[tuple[str, int], ...] = ()
    # Slugs it had before it was renamed (or merged into it): their pages redirect here.
    formerly: tuple[str, ...] = ()
    # ``section/slug``: unique across actors and places. Kept, not computed
    # on each use: relating a large archive asks for it millions of times.
    key: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.section}/{self.slug}")

    def line_of(self, key: str) -> int:
        """The line of a key in the registry file (1 if absent)."""
        return dict(self.field_lines).get(key, 1)


@dataclass(frozen=True, slots=True)
class Actor(Entity):
    """A person, armed group, government or organisation."""

    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place(Entity):
    """A place, optionally located and nested within a parent place."""

    coordinates: tuple[float, float] | None = None
    within: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    """A free theme a briefing is filed under."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the input, located by file and line."""

    path: str
    line: int
    severity: Literal["error", "warning"]
    message: str
    # What kind of problem it is (dossier.codes); "" only for an old cache entry.
    code: str = ""

    def sort_key(self) -> tuple[str, int, str, str]:
        """Reading order: by file, line, then severity and message."""
        return (self.path, self.line, self.severity, self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"
