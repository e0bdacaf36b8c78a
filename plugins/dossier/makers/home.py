"""What the front page says changed: the actors and places most active in the
last four weeks of the archive, against the four weeks before, and the map.

"Now" is the newest briefing's date, never the clock, so a build of the same
content is the same site on any day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..model import Entity, Section
from ..relate import Archive

WINDOW = dt.timedelta(weeks=4)
SHOWN = 6


@dataclass(frozen=True, slots=True)
class Mover:
    """An entity, and how many briefings listed it in the last window and the one before."""

    entity: Entity
    recent: int
    before: int

    @property
    def change(self) -> int:
        """How many more briefings than in the window before (negative: fewer)."""
        return self.recent - self.before


@dataclass(frozen=True, slots=True)
class Activity:
    """The most active actors and places of the last window, and its dates."""

    since: dt.date
    until: dt.date
    actors: tuple[Mover, ...]
    places: tuple[Mover, ...]


def recent_activity(archive: Archive) -> Activity | None:
    """The entities most listed in the four weeks up to the newest briefing
    (background ones aside), busiest first, then the most risen, then A–Z."""
    if not archive.briefings:
        return None
    until = archive.briefings[0].date
    since = until - WINDOW
    recent: Counter[str] = Counter()
    before: Counter[str] = Counter()
    entities: dict[str, Entity] = {}
    for b in archive.briefings:
        if b.date <= since - WINDOW:
            break  # newest first: nothing older counts
        counter = recent if b.date > since else before
        for e in (*archive.actors_of.get(b.slug, ()), *archive.places_of.get(b.slug, ())):
            if not e.background:
                counter[e.key] += 1
                entities[e.key] = e

    def top(section: Section) -> tuple[Mover, ...]:
        movers = [
            Mover(entities[key], n, before[key])
            for key, n in recent.items()
            if entities[key].section == section
        ]
        movers.sort(key=lambda m: (-m.recent, -m.change, m.entity.name))
        return tuple(movers[:SHOWN])

    return Activity(
        (since + dt.timedelta(days=1)).date(), until.date(), top("actors"), top("places")
    )


def home_pages(count: int, per_page: int) -> list[range]:
    """The home list's pages, as ranges of positions in the archive's order
    (newest first): page 1 holds the newest ``per_page`` briefings, and the
    older ones fill pages of ``per_page`` counted from the oldest, so that
    page 2 holds the oldest briefings and the highest page the ones just
    below the home page (it alone may be short).

    A week's briefings then change the home page and the newest one or two
    pages below it; every other page keeps its briefings, and its address,
    for good. ``per_page`` 0 (no pagination): one page of everything."""
    if per_page <= 0 or count <= per_page:
        return [range(count)]
    pages = [range(per_page)]
    older = count - per_page  # positions per_page .. count-1, the oldest last
    for start in range(0, older, per_page):
        # Counted from the oldest: position count-1 is the oldest briefing.
        newest, oldest = count - 1 - min(start + per_page, older) + 1, count - 1 - start
        pages.append(range(newest, oldest + 1))
    return pages


def neighbours(number: int, count: int) -> tuple[int | None, int | None]:
    """The pages with newer and with older briefings than page ``number`` of
    :func:`home_pages` (``count`` pages), or None: above the highest page is
    the home page (1), below it the page under it, down to page 2 (the
    oldest briefings)."""
    if count == 1:
        return None, None
    if number == 1:
        return None, count
    newer = 1 if number == count else number + 1
    return newer, (number - 1 if number > 2 else None)
