"""An entity's timeline, in pages by year once it is long.

An actor named in half of a decade's briefings had one page holding every one
of them with its context (1.6 MB at 10,000 briefings), growing every week. A
timeline of more than ``longest`` briefings (listing or naming the entity),
over more than one year, is cut by year instead: the entity's own page shows
its latest year, and each earlier year has a page of its own
(``actors/<slug>/<year>/``), so that an old year's page changes only when a
briefing of that year does. A shorter timeline stays whole on the entity's
page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Briefing, Entity, Tag
from ..relate import EntityListing, TagListing, Year, group_by_month
from ..urls import ArchiveYear, EntityYear, TagYear

# Briefings on one timeline page before it is cut by year (DOSSIER_TIMELINE_PAGE).
LONGEST = 100


@dataclass(frozen=True, slots=True)
class YearLink:
    """A year of a timeline cut by year, for the links between its pages:
    the latest year is on the entity's own page, each other on its own.
    No count: the latest year's grows every week, and would change every
    year's page with it."""

    year: int
    page: Entity | EntityYear | Tag | TagYear | ArchiveYear | str


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """What one page of a timeline shows: ``year`` is None for a timeline
    that is whole; ``years`` the briefings listing the entity, by year and
    month; ``mentioned`` those only naming it; ``links`` every year of a
    timeline cut by year (empty for a whole one)."""

    year: int | None
    years: tuple[Year, ...]
    mentioned: tuple[Briefing, ...]
    links: tuple[YearLink, ...] = ()

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        """The page's listing briefings, newest first."""
        return tuple(b for y in self.years for m in y.months for b in m.briefings)


def timeline_pages(listing: EntityListing, longest: int = LONGEST) -> tuple[TimelinePage, ...]:
    """The pages of an entity's timeline, the entity's own page first."""
    entity = listing.entity
    return by_year(listing.briefings, listing.mentioned_only, longest, entity,
                   lambda year: EntityYear(entity, year))  # fmt: skip


def tag_pages(listing: TagListing, longest: int = LONGEST) -> tuple[TimelinePage, ...]:
    """The pages of a theme's list of briefings, cut by year the same way."""
    tag = listing.tag
    return by_year(listing.briefings, (), longest, tag, lambda year: TagYear(tag, year))


def archive_pages(
    briefings: tuple[Briefing, ...], longest: int = LONGEST
) -> tuple[TimelinePage, ...]:
    """The pages of the archive's list of every briefing, cut by year the same way."""
    return by_year(briefings, (), longest, "archive", ArchiveYear)


def by_year(
    briefings: tuple[Briefing, ...],
    mentioned: tuple[Briefing, ...],
    longest: int,
    first: Entity | Tag | str,
    page_of: Callable[[int], EntityYear | TagYear | ArchiveYear],
) -> tuple[TimelinePage, ...]:
    """Briefings (and those only naming the subject), newest first, as pages:
    all on ``first`` when there are at most ``longest`` or one year of them,
    else the latest year on ``first`` and each earlier one on ``page_of(year)``."""
    if len(briefings) + len(mentioned) <= longest:
        return (TimelinePage(None, group_by_month(briefings), mentioned),)
    listed: dict[int, list[Briefing]] = {}
    named: dict[int, list[Briefing]] = {}
    for found, group in ((listed, briefings), (named, mentioned)):
        for b in group:  # newest first, and so stays each year's list
            found.setdefault(b.date.year, []).append(b)
    years = sorted(listed.keys() | named.keys(), reverse=True)
    if len(years) == 1:  # one year is one page, however long
        return (TimelinePage(None, group_by_month(briefings), mentioned),)
    links = tuple(YearLink(y, page_of(y) if i else first) for i, y in enumerate(years))
    return tuple(
        TimelinePage(y, group_by_month(tuple(listed.get(y, ()))), tuple(named.get(y, ())), links)
        for y in years
    )
