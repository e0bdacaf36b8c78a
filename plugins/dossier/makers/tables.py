"""The archive as CSV, beside the JSON (docs/data.md): one table of
briefings, one of actors, one of places, and one row per briefing and entity
it lists or names (``mentions.csv``), for spreadsheets and pandas alike,
gzipped as bulk data is (``data/mentions.csv.gz``; pandas and R read it as it
is, and spreadsheets after a double-click).

UTF-8 without a byte-order mark, a header row, RFC 4180 quoting and line
ends. A text cell that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading ``'``, which spreadsheets show as text; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TypeVar

from ..lazyfile import LazyFile, Memo, gzipped, parts
from ..model import Briefing, Place, Trend
from ..relate import Archive, EntityListing
from ..urls import Urls

Cell = str | int | float | None
T = TypeVar("T")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Several values in one cell (authors, tags, aliases …) are joined by this.
JOIN = "; "

BRIEFING_COLUMNS = ("slug", "url", "title", "date", "updated", "cutoff", "summary", "takeaways",
                    "authors", "tags", "actors", "places", "lang")  # fmt: skip
ENTITY_COLUMNS = ("slug", "url", "name", "kind", "aliases", "in_registry", "briefings",
                  "mentioned_in", "first_seen", "last_seen")  # fmt: skip
ACTOR_COLUMNS = (*ENTITY_COLUMNS, "affiliations")
PLACE_COLUMNS = (*ENTITY_COLUMNS, "lat", "lon", "within")
MENTION_COLUMNS = ("briefing", "date", "section", "entity", "name", "tagged", "mentions",
                   "trend", "alert", "opportunity")  # fmt: skip


def safe(value: Cell) -> Cell:
    """A cell as written: text that could run as a formula is made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows_csv(rows: Iterable[Sequence[Cell]]) -> bytes:
    """Rows as CSV bytes (every text cell made safe)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([safe(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8")


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def briefing_row(b: Briefing, archive: Archive, urls: Urls) -> list[Cell]:
    """One briefing's row of ``briefings.csv``."""
    return [
        b.slug, urls.absolute(b), b.title, _date(b.date), _date(b.updated), _date(b.cutoff),
        b.summary, JOIN.join(t.text for t in b.takeaways), JOIN.join(b.authors),
        JOIN.join(t.slug for t in archive.tags_of.get(b.slug, ())),
        JOIN.join(e.slug for e in archive.actors_of.get(b.slug, ())),
        JOIN.join(e.slug for e in archive.places_of.get(b.slug, ())),
        b.lang,
    ]  # fmt: skip


def entity_row(listing: EntityListing, urls: Urls) -> list[Cell]:
    """One actor's or place's row of ``actors.csv`` or ``places.csv``."""
    e = listing.entity
    row: list[Cell] = [
        e.slug, urls.absolute(e), e.name, e.kind, JOIN.join(e.aliases), int(e.in_registry),
        len(listing.briefings), len(listing.mentioned_only),
        _date(listing.first_seen), _date(listing.last_seen),
    ]  # fmt: skip
    if isinstance(e, Place):
        lat_lon = e.coordinates
        row += [lat_lon[0] if lat_lon else None, lat_lon[1] if lat_lon else None,
                listing.within.slug if listing.within else ""]  # fmt: skip
    else:
        row.append(JOIN.join(getattr(e, "affiliations", ())))
    return row


def mention_rows(b: Briefing, archive: Archive) -> list[list[Cell]]:
    """A briefing's rows of ``mentions.csv``: each entity it lists (tagged),
    then each it only names, with how many times its text names it and
    the trend the briefing gives it (if any)."""
    times = dict(b.mention_counts)
    calls = archive.trends_of.get(b.slug, {})
    listed = (*archive.actors_of.get(b.slug, ()), *archive.places_of.get(b.slug, ()))
    keys = {e.key for e in listed}
    named = [archive.entity(k) for k in b.mentions if k not in keys]
    return [
        [
            b.slug,
            _date(b.date),
            e.section[:-1],
            e.slug,
            e.name,
            int(e.key in keys),
            times.get(e.key, 0),
            *_trend_cells(calls.get(e.key)),
        ]
        for e in (*listed, *(n for n in named if n is not None))
    ]


def _trend_cells(trend: Trend | None) -> list[Cell]:
    if trend is None:
        return ["", "", ""]
    return [trend.direction, int(trend.alert), int(trend.opportunity)]


def lazy_documents(archive: Archive, urls: Urls, memo: Memo | None = None) -> dict[str, LazyFile]:
    """The four tables by path in the site, each made on demand (``memo``:
    rows kept per briefing or listing, see :mod:`dossier.lazyfile`)."""
    folder = urls.url("data")

    def table(
        name: str, header: Sequence[str], items: Sequence[T], rows: Callable[[T], bytes]
    ) -> bytes:
        return rows_csv([header]) + b"".join(parts(memo, f"{name}.csv", items, rows))

    def briefing(b: Briefing) -> bytes:
        return rows_csv([briefing_row(b, archive, urls)])

    def entity(listing: EntityListing) -> bytes:
        return rows_csv([entity_row(listing, urls)])

    def mentions(b: Briefing) -> bytes:
        return rows_csv(mention_rows(b, archive))

    briefings = archive.briefings
    actors, places = tuple(archive.actors.values()), tuple(archive.places.values())
    return gzipped(
        {
            f"{folder}briefings.csv": LazyFile(
                briefings, partial(table, "briefings", BRIEFING_COLUMNS, briefings, briefing)
            ),
            f"{folder}actors.csv": LazyFile(
                actors, partial(table, "actors", ACTOR_COLUMNS, actors, entity)
            ),
            f"{folder}places.csv": LazyFile(
                places, partial(table, "places", PLACE_COLUMNS, places, entity)
            ),
            f"{folder}mentions.csv": LazyFile(
                briefings, partial(table, "mentions", MENTION_COLUMNS, briefings, mentions)
            ),
        }
    )
