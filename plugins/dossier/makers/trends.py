"""The authors' trend calls, as a reader scans them: the Trends page's table
of entities by month, and the calls of the archive's last four weeks that
changed something, for the front page.

A trend is an author's judgement made in a briefing's front-matter
(:class:`~dossier.model.Trend`); here they are only gathered, never inferred.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import DIRECTIONS, Briefing, Entity, Trend
from ..relate import Archive, EntityListing, month_of
from .home import WINDOW


@dataclass(frozen=True, slots=True)
class Call:
    """A trend, and the briefing that made the call."""

    briefing: Briefing
    trend: Trend


@dataclass(frozen=True, slots=True)
class Row:
    """An entity's calls, one cell per month of its table (None: no call that month)."""

    entity: Entity
    cells: tuple[Call | None, ...]


@dataclass(frozen=True, slots=True)
class YearTable:
    """One year of calls: its months from the first call to the last (oldest
    first, as a calendar reads), and a row per entity with a call that year."""

    year: int
    months: tuple[dt.date, ...]
    rows: tuple[Row, ...]


def _listings(archive: Archive) -> list[EntityListing]:
    # Places first (a tracker is read country by country), then actors; A–Z.
    found = [
        listing
        for section in ("places", "actors")
        for listing in sorted(
            archive.listings(section).values(), key=lambda x: x.entity.name.casefold()
        )
        if listing.trends
    ]
    return found


def calls(listing: EntityListing) -> list[Call]:
    """An entity's calls, newest first."""
    return [Call(b, listing.trends[b.slug]) for b in listing.briefings if b.slug in listing.trends]


def table(archive: Archive) -> tuple[YearTable, ...]:
    """Every call in the archive, as one table per year, newest year first.

    Where several briefings judge an entity in the same month, the cell
    holds the newest call: the latest word on that month.
    """
    per_entity = [(listing.entity, calls(listing)) for listing in _listings(archive)]
    years = sorted({c.briefing.date.year for _, cs in per_entity for c in cs}, reverse=True)
    tables = []
    for year in years:
        called = {month_of(c.briefing) for _, cs in per_entity for c in cs
                  if c.briefing.date.year == year}  # fmt: skip
        # Every month from the year's first call to its last: a gap is a month without one.
        months = [dt.date(year, m, 1) for m in range(min(called).month, max(called).month + 1)]
        rows = []
        for entity, cs in per_entity:
            newest: dict[dt.date, Call] = {}
            for call in cs:  # newest first: the first call of a month is its latest
                if call.briefing.date.year == year:
                    newest.setdefault(month_of(call.briefing), call)
            if newest:
                rows.append(Row(entity, tuple(newest.get(m) for m in months)))
        tables.append(YearTable(year, tuple(months), tuple(rows)))
    return tuple(tables)


@dataclass(frozen=True, slots=True)
class Change:
    """An entity's newest call of the last four weeks, and the call before it."""

    entity: Entity
    call: Call
    before: Call | None


def recent_changes(archive: Archive) -> tuple[Change, ...]:
    """The entities whose trend changed in the four weeks up to the newest
    briefing: a call that says things moved (deteriorated, improved), that
    raises an alert or an opportunity, or that differs from the one before.
    Deteriorations first, then improvements, then the rest; A–Z within each."""
    if not archive.briefings:
        return ()
    since = archive.briefings[0].date - WINDOW
    found = []
    for listing in _listings(archive):
        cs = calls(listing)
        newest = cs[0]
        if newest.briefing.date <= since:
            continue
        before = next(iter(cs[1:]), None)
        t = newest.trend
        moved = t.direction != "unchanged" or t.alert or t.opportunity
        if moved or (before is not None and not t.same_call(before.trend)):
            found.append(Change(listing.entity, newest, before))
    found.sort(key=lambda c: (DIRECTIONS.index(c.call.trend.direction), c.entity.name.casefold()))
    return tuple(found)
