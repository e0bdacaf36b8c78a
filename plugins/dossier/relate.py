"""Stage 3, relate: from briefings and registries to the archive's cross-links.

Everything the theme lists (an entity's timeline, who appears with whom and
where, a tag's briefings, the archive by month, a briefing's neighbours) is
computed here once, in one pass over the briefings, so that no page
recomputes it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
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
class Count:
    """An entity and how many briefings it shares with another."""

    entity: Entity
    count: int


@dataclass(frozen=True, slots=True)
class Listing:
    """An entity or tag with the briefings filed under it, newest first."""

    briefings: tuple[Briefing, ...]

    @property
    def years(self) -> tuple[Year, ...]:
        """The briefings grouped by year and month, newest first."""
        return group_by_month(self.briefings)

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
    """An actor or place: the briefings that tag it and everything around it.

    ``briefings`` tag the entity in front-matter; ``mentioned_only`` name it
    in prose without tagging it. ``actors`` and ``places`` count the other
    entities tagged alongside it, most frequent first.
    """

    entity: Entity = field(default=Entity("actors", "", ""))
    mentioned_only: tuple[Briefing, ...] = ()
    actors: tuple[Count, ...] = ()
    places: tuple[Count, ...] = ()
    within: Entity | None = None
    contains: tuple[Entity, ...] = ()

    @property
    def first_seen(self) -> dt.datetime | None:
        """Date of the oldest briefing that tags or mentions it."""
        # Both tuples are newest first: their last items are the oldest.
        return min((b[-1].date for b in (self.briefings, self.mentioned_only) if b), default=None)

    @property
    def last_seen(self) -> dt.datetime | None:
        """Date of the newest briefing that tags or mentions it."""
        return max((b[0].date for b in (self.briefings, self.mentioned_only) if b), default=None)


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

    def listings(self, section: str) -> dict[str, EntityListing]:
        """The actor or place listings, by slug."""
        return self.actors if section == "actors" else self.places

    def entity_groups(self, section: str) -> list[tuple[str, list[EntityListing]]]:
        """Entities of a section grouped by kind, each group A–Z."""
        by_kind: dict[str, list[EntityListing]] = defaultdict(list)
        for listing in self.listings(section).values():
            by_kind[listing.entity.kind or "unclassified"].append(listing)
        return [
            (kind, sorted(items, key=lambda x: x.entity.name.casefold()))
            for kind, items in sorted(by_kind.items())
        ]


def _newest_first(briefings: list[Briefing]) -> tuple[Briefing, ...]:
    return tuple(sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True))


def group_by_month(briefings: tuple[Briefing, ...]) -> tuple[Year, ...]:
    """Briefings (newest first) grouped by year, then month."""
    years: list[Year] = []
    for year, in_year in groupby(briefings, key=lambda b: b.date.year):
        months = tuple(
            Month(dt.date(year, month, 1), tuple(items))
            for month, items in groupby(in_year, key=lambda b: b.date.month)
        )
        years.append(Year(year, months))
    return tuple(years)


def _counts(counter: Counter[str], entities: dict[str, Entity]) -> tuple[Count, ...]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], entities[kv[0]].name))
    return tuple(Count(entities[key], n) for key, n in ranked)


@dataclass
class _Tally:
    tagged: list[Briefing] = field(default_factory=list)
    mentioned: list[Briefing] = field(default_factory=list)
    actors: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)


def relate(briefings: list[Briefing], actors: Registry, places: Registry) -> Archive:
    """Relate published briefings to entities and tags.

    Names in front-matter resolve through the registries; a name no registry
    defines gets an entity of its own (and the registry records a warning).
    """
    ordered = _newest_first([b for b in briefings if b.status == "published"])
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    tag_hits: dict[str, list[Briefing]] = defaultdict(list)
    tag_names: dict[str, Tag] = {}
    actors_of: dict[str, tuple[Entity, ...]] = {}
    places_of: dict[str, tuple[Entity, ...]] = {}
    tags_of: dict[str, tuple[Tag, ...]] = {}
    clashes: list[Diagnostic] = []
    # Oldest first, so that a name first used in an old briefing is warned
    # about there, and the warnings come out in reading order.
    for briefing in reversed(ordered):
        actors_of[briefing.slug] = _resolve(actors, briefing.actors, briefing)
        places_of[briefing.slug] = _resolve(places, briefing.places, briefing)
        tagged = [*actors_of[briefing.slug], *places_of[briefing.slug]]
        for entity in tagged:
            tally = tallies[entity.key]
            tally.tagged.append(briefing)
            for other in tagged:
                if other.key != entity.key:
                    counter = tally.actors if other.section == "actors" else tally.places
                    counter[other.key] += 1
        tagged_keys = {e.key for e in tagged}
        for key in briefing.mentions:
            if key not in tagged_keys:
                tallies[key].mentioned.append(briefing)
        tags: list[Tag] = []
        for name in briefing.tags:
            tag = tag_names.setdefault(slugify(name), Tag(slugify(name), name))
            if tag.name != name and tag.name.casefold() != name.casefold():
                clashes.append(Diagnostic(
                    briefing.path, briefing.line_of("tags"), "warning",
                    f"tag '{name}' shares the page {tag.url} with '{tag.name}'; "
                    f"they are one theme",
                ))  # fmt: skip
            if tag not in tags:
                tags.append(tag)
                tag_hits[tag.slug].append(briefing)
        tags_of[briefing.slug] = tuple(tags)

    everyone = {e.key: e for r in (actors, places) for e in r.entities.values()}
    parents, problems = _nesting(places)
    children: dict[str, list[Entity]] = defaultdict(list)
    for key, parent in parents.items():
        children[parent.key].append(everyone[key])

    def listings(registry: Registry) -> dict[str, EntityListing]:
        out: dict[str, EntityListing] = {}
        for slug, entity in sorted(registry.entities.items()):
            tally = tallies.get(entity.key, _Tally())
            out[slug] = EntityListing(
                briefings=_newest_first(tally.tagged),
                entity=entity,
                mentioned_only=_newest_first(tally.mentioned),
                actors=_counts(tally.actors, everyone),
                places=_counts(tally.places, everyone),
                within=parents.get(entity.key),
                contains=tuple(sorted(children[entity.key], key=lambda e: e.name)),
            )
        return out

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
        years=group_by_month(ordered),
        problems=tuple(actors.problems + places.problems + problems + clashes),
    )


def _nesting(places: Registry) -> tuple[dict[str, Entity], list[Diagnostic]]:
    """Each place's parent (``within``), and a warning for unknown parents."""
    parents: dict[str, Entity] = {}
    problems: list[Diagnostic] = []
    for place in places.entities.values():
        within = getattr(place, "within", None)
        if not within:
            continue
        parent = places.lookup(within)
        if parent is None or parent.key == place.key:
            problems.append(
                Diagnostic(
                    place.path,
                    1,
                    "warning",
                    f"'within' names no known place: '{within}'",
                )
            )
        else:
            parents[place.key] = parent
    return parents, problems


def _resolve(registry: Registry, names: tuple[str, ...], briefing: Briefing) -> tuple[Entity, ...]:
    resolved: list[Entity] = []
    line = briefing.line_of(registry.section)
    for name in names:
        entity = registry.resolve(name, briefing.path, line)
        if entity not in resolved:
            resolved.append(entity)
    return tuple(resolved)
