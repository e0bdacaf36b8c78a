"""Stage 3, relate: from briefings and registries to the archive's cross-links.

Everything the theme lists (an entity's briefings, a tag's briefings, the
archive by month, a briefing's neighbours) is computed here once, in one pass
over the briefings, so that no page recomputes it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from .model import Briefing, Diagnostic, Entity, Tag
from .registry import Registry
from .slugs import slugify


@dataclass(frozen=True, slots=True)
class Month:
    """One month of the archive: its first day and its briefings, newest first."""

    start: dt.date
    briefings: tuple[Briefing, ...]


@dataclass(frozen=True, slots=True)
class Year:
    """One year of the archive, months newest first."""

    year: int
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        """How many briefings the year holds."""
        return sum(len(m.briefings) for m in self.months)


@dataclass(frozen=True, slots=True)
class Listing:
    """An entity or tag with the briefings filed under it, newest first."""

    briefings: tuple[Briefing, ...]

    @property
    def first_seen(self) -> dt.datetime | None:
        """Date of the oldest briefing, if any."""
        return self.briefings[-1].date if self.briefings else None

    @property
    def last_seen(self) -> dt.datetime | None:
        """Date of the newest briefing, if any."""
        return self.briefings[0].date if self.briefings else None


@dataclass(frozen=True, slots=True)
class EntityListing(Listing):
    """An actor or place and the briefings that tag it."""

    entity: Entity = field(default=Entity("actors", "", ""))


@dataclass(frozen=True, slots=True)
class TagListing(Listing):
    """A tag and the briefings filed under it."""

    tag: Tag = field(default=Tag("", ""))


@dataclass(frozen=True)
class Archive:
    """The related archive: every list a page of the site needs."""

    briefings: tuple[Briefing, ...]
    actors: dict[str, EntityListing]
    places: dict[str, EntityListing]
    tags: dict[str, TagListing]
    actors_of: dict[str, tuple[Entity, ...]]
    places_of: dict[str, tuple[Entity, ...]]
    tags_of: dict[str, tuple[Tag, ...]]
    older: dict[str, Briefing]
    newer: dict[str, Briefing]
    years: tuple[Year, ...]
    problems: tuple[Diagnostic, ...] = ()

    def entity_groups(self, section: str) -> list[tuple[str, list[EntityListing]]]:
        """Entities of a section grouped by kind, each group A–Z."""
        listings = self.actors if section == "actors" else self.places
        by_kind: dict[str, list[EntityListing]] = defaultdict(list)
        for listing in listings.values():
            by_kind[listing.entity.kind or "unclassified"].append(listing)
        return [
            (kind, sorted(items, key=lambda x: x.entity.name.casefold()))
            for kind, items in sorted(by_kind.items())
        ]


def _newest_first(briefings: list[Briefing]) -> tuple[Briefing, ...]:
    return tuple(sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True))


def _years(briefings: tuple[Briefing, ...]) -> tuple[Year, ...]:
    years: list[Year] = []
    for year, in_year in groupby(briefings, key=lambda b: b.date.year):
        months = tuple(
            Month(dt.date(year, month, 1), tuple(items))
            for month, items in groupby(in_year, key=lambda b: b.date.month)
        )
        years.append(Year(year, months))
    return tuple(years)


def relate(briefings: list[Briefing], actors: Registry, places: Registry) -> Archive:
    """Relate published briefings to entities and tags.

    Names in front-matter resolve through the registries; a name no registry
    defines gets an entity of its own (and the registry records a warning).
    """
    ordered = _newest_first([b for b in briefings if b.status == "published"])
    entity_hits: dict[str, dict[str, list[Briefing]]] = {
        "actors": defaultdict(list),
        "places": defaultdict(list),
    }
    tag_hits: dict[str, list[Briefing]] = defaultdict(list)
    tag_names: dict[str, Tag] = {}
    actors_of: dict[str, tuple[Entity, ...]] = {}
    places_of: dict[str, tuple[Entity, ...]] = {}
    tags_of: dict[str, tuple[Tag, ...]] = {}
    # Oldest first, so that a name first used in an old briefing is warned
    # about there, and the warnings come out in reading order.
    for briefing in reversed(ordered):
        for registry, names, out in (
            (actors, briefing.actors, actors_of),
            (places, briefing.places, places_of),
        ):
            resolved: list[Entity] = []
            for name in names:
                key = registry.section
                entity = registry.resolve(name, briefing.path, briefing.line_of(key))
                if entity not in resolved:
                    resolved.append(entity)
                    entity_hits[registry.section][entity.slug].append(briefing)
            out[briefing.slug] = tuple(resolved)
        tags: list[Tag] = []
        for name in briefing.tags:
            tag = tag_names.setdefault(slugify(name), Tag(slugify(name), name))
            if tag not in tags:
                tags.append(tag)
                tag_hits[tag.slug].append(briefing)
        tags_of[briefing.slug] = tuple(tags)

    def listings(registry: Registry) -> dict[str, EntityListing]:
        hits = entity_hits[registry.section]
        return {
            slug: EntityListing(_newest_first(hits.get(slug, [])), entity)
            for slug, entity in sorted(registry.entities.items())
        }

    older = {ordered[i].slug: ordered[i + 1] for i in range(len(ordered) - 1)}
    newer = {ordered[i + 1].slug: ordered[i] for i in range(len(ordered) - 1)}
    return Archive(
        briefings=ordered,
        actors=listings(actors),
        places=listings(places),
        tags={
            slug: TagListing(_newest_first(tag_hits[slug]), tag)
            for slug, tag in sorted(tag_names.items())
        },
        actors_of=actors_of,
        places_of=places_of,
        tags_of=tags_of,
        older=older,
        newer=newer,
        years=_years(ordered),
        problems=tuple(actors.problems + places.problems),
    )
