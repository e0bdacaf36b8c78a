"""Open data: the archive as JSON for researchers' own tools (docs/data.md),
gzipped (``data/briefings.json.gz``, until December 2026 ``briefings.json``:
at 10,000 briefings the three files are 2.5 MB instead of 21.6 MB).

The shape is a contract: fields are added, never renamed or removed, without
raising ``version``. Entities are referred to by slug, which is stable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from ..lazyfile import LazyFile, Memo, gzipped, made, parts
from ..model import SECTIONS, Actor, Briefing, Place
from ..relate import Archive, Count, EntityListing
from ..urls import Urls

VERSION = 1
T = TypeVar("T")


def _date(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _counts(counts: tuple[Count, ...]) -> list[dict[str, Any]]:
    return [{"slug": c.entity.slug, "count": c.count} for c in counts]


def briefing_record(briefing: Briefing, archive: Archive, urls: Urls) -> dict[str, Any]:
    """One briefing as open data."""
    mentions: dict[str, list[str]] = {"actors": [], "places": []}
    for key in briefing.mentions:
        section, slug = key.split("/", 1)
        mentions[section].append(slug)
    return {
        "slug": briefing.slug,
        "url": urls.absolute(briefing),
        "title": briefing.title,
        "date": _date(briefing.date),
        "updated": _date(briefing.updated),
        "summary": briefing.summary,
        "authors": list(briefing.authors),
        "tags": [t.slug for t in archive.tags_of.get(briefing.slug, ())],
        "actors": [e.slug for e in archive.actors_of.get(briefing.slug, ())],
        "places": [e.slug for e in archive.places_of.get(briefing.slug, ())],
        "mentions": mentions,
        "sources": [{"title": s.title, "url": s.url} for s in briefing.sources],
        "takeaways": [t.text for t in briefing.takeaways],
        "cutoff": _date(briefing.cutoff),
        "lang": briefing.lang or None,
        "trends": [
            {
                "section": key.split("/", 1)[0],
                "slug": key.split("/", 1)[1],
                "trend": trend.direction,
                "alert": trend.alert,
                "opportunity": trend.opportunity,
            }
            for key, trend in archive.trends_of.get(briefing.slug, {}).items()
        ],
    }


def entity_record(listing: EntityListing, urls: Urls) -> dict[str, Any]:
    """One actor or place as open data."""
    entity = listing.entity
    record: dict[str, Any] = {
        "slug": entity.slug,
        "url": urls.absolute(entity),
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "in_registry": entity.in_registry,
        "briefings": [b.slug for b in listing.briefings],
        "mentioned_in": [b.slug for b in listing.mentioned_only],
        "first_seen": _date(listing.first_seen),
        "last_seen": _date(listing.last_seen),
        "actors": _counts(listing.actors),
        "places": _counts(listing.places),
    }
    if isinstance(entity, Actor):
        record["affiliations"] = list(entity.affiliations)
    if isinstance(entity, Place):
        lat_lon = entity.coordinates
        record["coordinates"] = {"lat": lat_lon[0], "lon": lat_lon[1]} if lat_lon else None
        record["within"] = listing.within.slug if listing.within else None
        record["contains"] = [p.slug for p in listing.contains]
        record["via"] = {slug: [p.slug for p in ps] for slug, ps in listing.via.items()}
    return record


def documents(archive: Archive, urls: Urls, site_name: str) -> dict[str, bytes]:
    """The open data files (``data/*.json.gz``) by path in the site, and their bytes."""
    return made(lazy_documents(archive, urls, site_name))


def lazy_documents(
    archive: Archive, urls: Urls, site_name: str, memo: Memo | None = None
) -> dict[str, LazyFile]:
    """:func:`documents`, each made on demand (what a record shows of a
    briefing comes from the briefing itself). With ``memo``, records of the
    same briefing or listing objects as last time are not made again."""
    site = {"name": site_name, "url": urls.absolute("index")}
    folder = urls.url("data")

    def document(name: str, items: Iterable[T], record: Callable[[T], dict[str, Any]]) -> bytes:
        records = parts(memo, name, items, lambda item: dump_json(record(item)))
        head = dump_json({"version": VERSION, "site": site, name: []})
        # The same bytes as one dump: a list's items joined by ",", no spaces.
        return head[:-2] + b",".join(records) + b"]}"

    def briefing(b: Briefing) -> dict[str, Any]:
        return briefing_record(b, archive, urls)

    def entity(listing: EntityListing) -> dict[str, Any]:
        return entity_record(listing, urls)

    files = {
        f"{folder}briefings.json": LazyFile(
            archive.briefings, partial(document, "briefings", archive.briefings, briefing)
        )
    }
    for section in SECTIONS:
        listings = tuple(archive.listings(section).values())
        files[f"{folder}{section}.json"] = LazyFile(
            listings, partial(document, section, listings, entity)
        )
    return gzipped(files)


def dump_json(value: object) -> bytes:
    """Compact UTF-8 JSON with ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # Escaped so that the JSON stays inert even if someone pastes it into a
    # <script> block or serves it as HTML by mistake; parsers read it the same.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.encode("utf-8")
