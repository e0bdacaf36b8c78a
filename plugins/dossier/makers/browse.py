"""Small JSON files for browsing by filter without a query.

A Pagefind search with filters and no query downloads the whole word index
(7.7 MB at 10,000 briefings in Pagefind 1.5.2), so filter-only browsing reads
these instead:

- ``search/briefings/<n>.json``: every published briefing, oldest first, as
  ``[url, title, date]`` rows, cut into chunks of ``CHUNK``; a briefing's
  position is its place in that order (0 for the oldest), so a new briefing
  changes the last chunk and the lists of its own values, never the others;
- ``search/lists/<facet>/<slug>.json``: for each actor, place, tag and year,
  ``at``, the positions of its briefings (ascending integers: a few kB even
  for the busiest actor of a 10,000-briefing archive; the newest is the
  largest), and ``counts``, among those briefings how many have each value
  (slug) of every facet, so that browsing by one filter shows counts that
  follow it (one file, not two: both change with the same briefings, and a
  file per value and facet was 1,900 files at 10,000 briefings);
- ``search/facets.json``: every value with its count (and, for entities, its
  aliases, so that a facet can be searched by any of them, its kind and its
  page), and the chunk size;
- ``search/values/<n>.json``: beside each briefing chunk, each briefing's
  actor, place, tag and year slugs, fetched only to count several filters.

The browser combines position lists (union within a facet, intersection across
facets), so counts are exact at once, and fetches only the chunks it shows.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any

from ..lazyfile import LazyFile, ready
from ..model import Briefing
from ..relate import Archive, Listing
from ..urls import Urls
from .opendata import dump_json

CHUNK = 100
FACET_KEYS = ("actor", "place", "tag", "year")


def listed(archive: Archive) -> frozenset[tuple[str, str]]:
    """The (facet, slug) pairs that get a list and counts file: those with briefings."""
    found = {("year", str(year.year)) for year in archive.years}
    for facet, section in (("actor", "actors"), ("place", "places")):
        found.update(
            (facet, s) for s, listing in archive.listings(section).items() if listing.briefings
        )
    found.update(("tag", slug) for slug, listing in archive.tags.items() if listing.briefings)
    return frozenset(found)


def lazy_documents(archive: Archive, urls: Urls) -> dict[str, LazyFile]:
    """Every browse file, by its path in the site (under the ``browse``
    route), each made on demand. A briefing's row and filter
    values come from the briefing itself, so a chunk's inputs are its
    briefings, and a value's counts the value's briefings."""
    root = urls.url("browse")
    files: dict[str, LazyFile] = {}
    facets: dict[str, Any] = {"chunk": CHUNK, "actor": [], "place": [], "tag": [], "year": []}
    oldest_first = archive.briefings[::-1]
    position = {b.slug: i for i, b in enumerate(oldest_first)}
    values = _Values(archive)
    for start in range(0, len(oldest_first), CHUNK):
        chunk = oldest_first[start : start + CHUNK]
        n = start // CHUNK
        files[f"{root}briefings/{n}.json"] = LazyFile(chunk, partial(_rows, chunk, urls))
        # The same briefings' filter values, fetched only to count several filters.
        files[f"{root}values/{n}.json"] = LazyFile(chunk, partial(_value_rows, chunk, values))

    def add(facet: str, slug: str, name: str, listing: Listing, **extra: Any) -> None:
        if not listing.briefings:
            return
        # A list changes with its briefings' positions, not with anyone else's.
        at = tuple(position[b.slug] for b in listing.briefings)
        files[f"{root}lists/{facet}/{slug}.json"] = LazyFile(
            (at, listing.briefings), partial(_list, listing.briefings, position, values)
        )
        facets[facet].append({"name": name, "slug": slug, "count": len(listing.briefings), **extra})

    for facet, section in (("actor", "actors"), ("place", "places")):
        for slug, entity_listing in archive.listings(section).items():
            entity = entity_listing.entity
            add(facet, slug, entity.name, entity_listing, aliases=list(entity.aliases),
                kind=entity.kind, url=urls.url(entity))  # fmt: skip
    for slug, tag_listing in archive.tags.items():
        add("tag", slug, tag_listing.tag.name, tag_listing)
    for year in archive.years:
        in_year = tuple(b for month in year.months for b in month.briefings)
        add("year", str(year.year), str(year.year), Listing(in_year))
    for key in ("actor", "place", "tag"):
        facets[key].sort(key=lambda v: (-v["count"], v["name"].casefold()))
    facets["year"].sort(key=lambda v: v["name"], reverse=True)
    files[f"{root}facets.json"] = ready(dump_json(facets))
    return files


def _list(
    briefings: tuple[Briefing, ...],
    position: dict[str, int],
    values: dict[str, dict[str, list[str]]],
) -> bytes:
    at = sorted(position[b.slug] for b in briefings)
    return dump_json({"at": at, "counts": cross_counts(briefings, values)})


def _value_rows(chunk: tuple[Briefing, ...], values: dict[str, dict[str, list[str]]]) -> bytes:
    return dump_json([[values[b.slug][key] for key in FACET_KEYS] for b in chunk])


def _rows(chunk: tuple[Briefing, ...], urls: Urls) -> bytes:
    return dump_json([[urls.url(b), b.title, f"{b.date:%Y-%m-%d}"] for b in chunk])


class _Values(dict[str, dict[str, list[str]]]):
    """Each briefing's :func:`briefing_values`, worked out when first asked for."""

    def __init__(self, archive: Archive) -> None:
        super().__init__()
        self.archive = archive
        self.by_slug = {b.slug: b for b in archive.briefings}

    def __missing__(self, slug: str) -> dict[str, list[str]]:
        found = self[slug] = briefing_values(self.archive, self.by_slug[slug])
        return found


def briefing_values(archive: Archive, briefing: Briefing) -> dict[str, list[str]]:
    """One briefing's values (slugs) in each facet, as the search filters see
    them: a place's briefings include those of the places within it."""
    places = archive.places_of.get(briefing.slug, ())
    return {
        "actor": [e.slug for e in archive.actors_of.get(briefing.slug, ())],
        "place": [e.slug for e in (*places, *archive.within_of.get(briefing.slug, ()))],
        "tag": [t.slug for t in archive.tags_of.get(briefing.slug, ())],
        "year": [str(briefing.date.year)],
    }


def cross_counts(
    briefings: tuple[Briefing, ...], values: dict[str, dict[str, list[str]]]
) -> dict[str, dict[str, int]]:
    """For a filter's briefings, how many have each value of every facet: the
    counts the search page shows beside each filter while browsing by it."""
    counts: dict[str, Counter[str]] = {key: Counter() for key in FACET_KEYS}
    for briefing in briefings:
        for key, names in values[briefing.slug].items():
            counts[key].update(names)
    return {key: dict(sorted(counter.items())) for key, counter in counts.items()}
