"""Small JSON lists for browsing by filter without a query.

A Pagefind search with filters and no query downloads the whole word index
(7.7 MB at 10,000 briefings in Pagefind 1.5.2), so filter-only browsing reads
these instead: one list per actor, place, tag and year, newest first, and one
``facets.json`` naming every value with its count (and, for entities, its
aliases, so that the facet can be searched by any of them).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .model import Briefing
from .opendata import dump_json
from .relate import Archive, Listing

ROOT = "search"


def _rows(briefings: tuple[Briefing, ...]) -> list[list[str]]:
    return [[b.url, b.title, f"{b.date:%Y-%m-%d}"] for b in briefings]


def documents(archive: Archive) -> dict[str, bytes]:
    """``search/facets.json`` and ``search/lists/<facet>/<slug>.json``."""
    files: dict[str, bytes] = {}
    facets: dict[str, list[dict[str, Any]]] = {"actor": [], "place": [], "tag": [], "year": []}

    def add(facet: str, slug: str, name: str, listing: Listing, **extra: Any) -> None:
        if not listing.briefings:
            return
        files[f"{ROOT}/lists/{facet}/{slug}.json"] = dump_json(_rows(listing.briefings))
        facets[facet].append({"name": name, "slug": slug, "count": len(listing.briefings), **extra})

    for facet, section in (("actor", "actors"), ("place", "places")):
        for slug, entity_listing in archive.listings(section).items():
            entity = entity_listing.entity
            add(facet, slug, entity.name, entity_listing, aliases=list(entity.aliases))
    for slug, tag_listing in archive.tags.items():
        add("tag", slug, tag_listing.tag.name, tag_listing)
    by_year: dict[int, list[Briefing]] = defaultdict(list)
    for briefing in archive.briefings:
        by_year[briefing.date.year].append(briefing)
    for year in sorted(by_year, reverse=True):
        add("year", str(year), str(year), Listing(tuple(by_year[year])))
    for values in facets.values():
        values.sort(key=lambda v: (-v["count"], v["name"].casefold()))
    facets["year"].sort(key=lambda v: v["name"], reverse=True)
    files[f"{ROOT}/facets.json"] = dump_json(facets)
    return files
