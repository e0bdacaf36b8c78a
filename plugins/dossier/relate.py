"""Stage 3, relate: from briefings and registries to the archive's cross-links.

Everything the theme lists (an entity's timeline, who appears with whom and
where, a theme's briefings, the archive by month, a briefing's neighbours) is
computed here once, so that no page recomputes it. ``relate`` is a few small
passes, each a pure function of the resolved briefings, tested on its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from .model import SECTIONS, Briefing, Entity, Section, Tag, Trend, Unpublished
from .registry import Registry
from .resolve import Resolved


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

    ``briefings`` tag the entity in front-matter (for a place, or a place
    within it: ``via`` maps such a briefing's slug to the places it tags
    instead); ``mentioned_only`` name it in prose without tagging it.
    ``actors`` and ``places`` count the other entities tagged alongside it,
    most frequent first.
    """

    entity: Entity = field(default=Entity("actors", "", ""))
    mentioned_only: tuple[Briefing, ...] = ()
    actors: tuple[Count, ...] = ()
    places: tuple[Count, ...] = ()
    within: Entity | None = None
    contains: tuple[Entity, ...] = ()
    affiliations: tuple[Entity | str, ...] = ()
    via: Mapping[str, tuple[Entity, ...]] = field(default_factory=dict)
    # briefing slug -> the trend that briefing gives the entity
    trends: Mapping[str, Trend] = field(default_factory=dict)

    @property
    def latest_trend(self) -> tuple[Briefing, Trend] | None:
        """The newest briefing giving it a trend, and that trend."""
        return next(((b, self.trends[b.slug]) for b in self.briefings if b.slug in self.trends),
                    None)  # fmt: skip

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


@dataclass(frozen=True, slots=True)
class Related:
    """A briefing related to another, and the entities they share (rarest first)."""

    briefing: Briefing
    shared: tuple[Entity, ...]


@dataclass(frozen=True)
class Archive:
    """The related archive: every list a page of the site needs."""

    briefings: tuple[Briefing, ...]
    actors: Mapping[str, EntityListing]
    places: Mapping[str, EntityListing]
    tags: Mapping[str, TagListing]
    actors_of: Mapping[str, tuple[Entity, ...]]
    places_of: Mapping[str, tuple[Entity, ...]]
    tags_of: Mapping[str, tuple[Tag, ...]]
    older: Mapping[str, Briefing]
    newer: Mapping[str, Briefing]
    years: tuple[Year, ...]
    parents: Mapping[str, Entity]
    # briefing slug -> the places holding the places it lists (its search filters too)
    within_of: Mapping[str, tuple[Entity, ...]] = field(default_factory=dict)
    # briefing slug -> up to RELATED briefings most like it (see :func:`related`)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=dict)
    # briefing slug -> entity key -> the trend the briefing gives it
    trends_of: Mapping[str, Mapping[str, Trend]] = field(default_factory=dict)
    # In a preview: briefing slug -> why the published site leaves it out.
    unpublished: Mapping[str, Unpublished] = field(default_factory=dict)

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last month of the archive (their first days), if any briefing."""
        if not self.briefings:
            return None
        first, last = self.briefings[-1].date.date(), self.briefings[0].date.date()
        return first.replace(day=1), last.replace(day=1)

    @property
    def latest_with_takeaways(self) -> Briefing | None:
        """The newest briefing that has key takeaways, for the home page."""
        return next((b for b in self.briefings if b.takeaways), None)

    def enclosing(self, places: Iterable[Entity]) -> tuple[Entity, ...]:
        """The places that hold any of ``places``, and are not among them, A–Z."""
        return enclosing(places, self.parents)

    def named_in(self, briefing: Briefing) -> tuple[Entity, ...]:
        """Every entity a briefing lists or names, and the places holding
        them: what a search for any of their names should find it by."""
        places = self.places_of.get(briefing.slug, ())
        found = {e.key: e for e in (*self.actors_of.get(briefing.slug, ()), *places)}
        for key in briefing.mentions:
            entity = self.entity(key)
            if entity is not None:
                found.setdefault(key, entity)
        for place in self.enclosing([e for e in found.values() if e.section == "places"]):
            found.setdefault(place.key, place)
        return tuple(found.values())

    def entity(self, key: str) -> Entity | None:
        """The actor or place of a key (``actors/<slug>``, ``places/<slug>``)."""
        section, _, slug = key.partition("/")
        listing = self.listings(section).get(slug)
        return listing.entity if listing is not None else None

    def listings(self, section: str) -> Mapping[str, EntityListing]:
        """The actor or place listings, by slug."""
        return self.actors if section == "actors" else self.places

    def entity_groups(self, section: Section) -> list[tuple[str, list[EntityListing]]]:
        """Entities of a section grouped by kind, each group A–Z."""
        by_kind: dict[str, list[EntityListing]] = defaultdict(list)
        for listing in self.listings(section).values():
            by_kind[listing.entity.kind or "unclassified"].append(listing)
        return [
            (kind, sorted(items, key=lambda x: x.entity.name.casefold()))
            for kind, items in sorted(by_kind.items())
        ]


def relate(
    resolved: Resolved, previous: Archive | None = None, edited: Iterable[Briefing] = ()
) -> Archive:
    """Relate the resolved briefings to entities and themes, in small passes.

    With ``previous``, the archive of the same registries before the
    ``edited`` briefings changed (the same briefings by slug, see
    :mod:`dossier.incremental`), an entity none of the edited briefings lists,
    holds or names, in either version, keeps its previous listing: its
    co-occurrence counts, the heaviest part, are not worked out again. The
    archive is the same as without ``previous``.
    """
    briefings = resolved.briefings
    places = {e.key: e for e in resolved.places.entities.values()}
    own = tagged_in(briefings, resolved.actors_of, resolved.places_of)
    tagged, via = gather(briefings, own, resolved.parents, places)
    mentioned = mentioned_only(briefings, tagged)
    kept: dict[str, EntityListing] = {}
    touched: set[str] = set()
    if previous is None:
        together = co_occurrence(briefings, resolved.actors_of, resolved.places_of)
        together.update(
            gathered_co_occurrence(
                tagged, via, resolved.parents, places, resolved.actors_of, resolved.places_of
            )
        )
    else:
        edited = list(edited)
        edited_slugs = {b.slug for b in edited}
        touched = touched_by(edited, previous, resolved)
        kept = {
            listing.entity.key: listing
            for section in SECTIONS
            for listing in previous.listings(section).values()
            if listing.entity.key not in touched
        }
        gathering = {key for key in touched if key in via}
        together = co_occurrence(
            _listing_any(briefings, touched - gathering, resolved.actors_of, resolved.places_of),
            resolved.actors_of, resolved.places_of, only=touched - gathering,
        )  # fmt: skip
        together.update(
            gathered_co_occurrence(
                tagged,
                via,
                resolved.parents,
                places,
                resolved.actors_of,
                resolved.places_of,
                only=gathering,
            )
        )
    contains = children(resolved.parents, resolved.places)
    trends = trends_by_entity(resolved.trends_of)
    everyone = {e.key: e for r in (resolved.actors, resolved.places) for e in r.entities.values()}

    def listings(registry: Registry) -> dict[str, EntityListing]:
        out: dict[str, EntityListing] = {}
        for slug, entity in sorted(registry.entities.items()):
            if entity.key in kept:
                out[slug] = kept[entity.key]
                continue
            counts = together.get(entity.key, Counter())
            out[slug] = EntityListing(
                briefings=tagged.get(entity.key, ()),
                entity=entity,
                mentioned_only=mentioned.get(entity.key, ()),
                actors=ranked(counts, everyone, "actors"),
                places=ranked(counts, everyone, "places"),
                within=resolved.parents.get(entity.key),
                contains=contains.get(entity.key, ()),
                affiliations=resolved.affiliations.get(entity.key, ()),
                via=via.get(entity.key, {}),
                trends=trends.get(entity.key, {}),
            )
        return out

    older, newer = neighbours(briefings)
    if previous is None:
        alike = related(briefings, resolved.actors_of, resolved.places_of)
    else:
        # Only briefings that list an entity the edit touched can change
        # their related briefings (the weights of those entities change too),
        # and only through an entity that counts (or counted) for likeness:
        # one in too many briefings before and after counts for nothing.
        counting = common_limit(len(briefings)) + len(edited_slugs)
        weighing = {key for key in touched if len(own.get(key, ())) <= counting}
        changed = edited_slugs | {
            b.slug
            for b in _listing_any(briefings, weighing, resolved.actors_of, resolved.places_of)
        }
        alike = {
            **{k: v for k, v in previous.related.items() if k not in changed},
            **related(briefings, resolved.actors_of, resolved.places_of, only=changed),
        }
    return Archive(
        briefings=briefings,
        actors=listings(resolved.actors),
        places=listings(resolved.places),
        tags=tag_listings(briefings, resolved.tags, resolved.tags_of),
        actors_of=resolved.actors_of,
        places_of=resolved.places_of,
        tags_of=resolved.tags_of,
        older=older,
        newer=newer,
        years=group_by_month(briefings),
        parents=resolved.parents,
        within_of=within_of(briefings, resolved.places_of, resolved.parents),
        related=alike,
        trends_of=resolved.trends_of,
        unpublished=resolved.unpublished,
    )


def trends_by_entity(
    trends_of: Mapping[str, Mapping[str, Trend]],
) -> dict[str, dict[str, Trend]]:
    """Entity key -> briefing slug -> the trend that briefing gives it."""
    found: dict[str, dict[str, Trend]] = defaultdict(dict)
    for slug, calls in trends_of.items():
        for key, trend in calls.items():
            found[key][slug] = trend
    return dict(found)


def month_of(briefing: Briefing) -> dt.date:
    """The first day of the month a briefing is dated in."""
    return briefing.date.date().replace(day=1)


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


RELATED = 5
# An entity in more briefings than this share of them (and than the floor)
# says little about likeness (the country the archive covers): it does not
# count. At 10,000 briefings, one in more than 200.
COMMON = 0.02
COMMON_FLOOR = 50
LEVELS = 6
_SHIFT = 32  # a score and a position in one int: positions stay below 2**32
_MASK = (1 << _SHIFT) - 1


def common_limit(total: int) -> int:
    """How many briefings an entity may be in and still count for likeness."""
    return max(COMMON_FLOOR, int(total * COMMON))


def related(
    briefings: tuple[Briefing, ...],
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
    only: Collection[str] | None = None,
) -> dict[str, tuple[Related, ...]]:
    """Each briefing's slug (of ``only``, if given) -> up to ``RELATED``
    briefings most like it: ranked by the entities they both list, each
    weighted by how rare it is, ties newest first.

    An entity's weight is its rarity level, 1 to ``LEVELS``: one more each
    time the briefings listing it halve below ``COMMON`` of the archive (so
    a minor actor shared counts more than a big place). An entity in more
    than ``COMMON`` of the briefings (and more than ``COMMON_FLOOR``), or a
    background one, counts for nothing.
    One pass over an inverted index, each posting repeated by its weight, so
    that ``Counter`` adds up the scores in C.
    """
    total = len(briefings)
    ents = {
        b.slug: [e for e in _entities_of(b, actors_of, places_of) if not e.background]
        for b in briefings
    }
    postings: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(briefings):
        for e in ents[b.slug]:
            postings[e.key].append(i)
    limit = common_limit(total)
    weight = {
        key: min(LEVELS, 1 + int(math.log2(limit / len(found))))
        for key, found in postings.items()
        if len(found) <= limit
    }
    # Each posting list repeated by its weight, made when first needed (serve
    # asks for a few briefings' lists, not all).
    weighted: dict[str, list[int]] = {}
    found: dict[str, tuple[Related, ...]] = {}
    for i, b in enumerate(briefings):
        if only is not None and b.slug not in only:
            continue
        mine = [e.key for e in ents[b.slug] if e.key in weight]
        scores: Counter[int] = Counter()
        for key in mine:
            repeated = weighted.get(key)
            if repeated is None:
                repeated = weighted[key] = postings[key] * weight[key]
            scores.update(repeated)
        scores.pop(i, None)
        # Highest score first, then the lower position (newer): one int each, sorted in C.
        best = sorted([j - (score << _SHIFT) for j, score in scores.items()])[:RELATED]
        shared_with = set(mine)
        found[b.slug] = tuple(
            _related(briefings[x & _MASK], shared_with, ents, weight) for x in best
        )
    return found


def _related(
    other: Briefing,
    mine: set[str],
    ents: Mapping[str, list[Entity]],
    weight: Mapping[str, int],
) -> Related:
    shared = sorted(
        (e for e in ents[other.slug] if e.key in mine), key=lambda e: (-weight[e.key], e.name)
    )
    return Related(other, tuple(shared))


def _entities_of(
    briefing: Briefing,
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
) -> tuple[Entity, ...]:
    return (*actors_of.get(briefing.slug, ()), *places_of.get(briefing.slug, ()))


def touched_by(edited: Iterable[Briefing], previous: Archive, resolved: Resolved) -> set[str]:
    """Keys of the entities whose listing an edit of these briefings may
    change: those either version lists or names, and the places holding them."""
    before = {b.slug: b for b in previous.briefings}
    found: set[str] = set()
    for new in edited:
        old = before.get(new.slug)
        listed = [*_entities_of(new, resolved.actors_of, resolved.places_of)]
        named = [*new.mentions]
        if old is not None:
            listed += _entities_of(old, previous.actors_of, previous.places_of)
            named += old.mentions
        found.update(e.key for e in listed)
        found.update(named)
        for entity in listed:
            found.update(p.key for p in ancestors(entity, resolved.parents))
    return found


def _listing_any(
    briefings: Iterable[Briefing],
    keys: Collection[str],
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
) -> list[Briefing]:
    return [
        b for b in briefings
        if any(e.key in keys for e in _entities_of(b, actors_of, places_of))
    ]  # fmt: skip


def tagged_in(
    briefings: tuple[Briefing, ...],
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
) -> dict[str, tuple[Briefing, ...]]:
    """Each entity's key -> the briefings that list it, in the briefings' order."""
    found: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        for entity in _entities_of(briefing, actors_of, places_of):
            found[entity.key].append(briefing)
    return {key: tuple(items) for key, items in found.items()}


def mentioned_only(
    briefings: tuple[Briefing, ...], tagged: Mapping[str, tuple[Briefing, ...]]
) -> dict[str, tuple[Briefing, ...]]:
    """Each entity's key -> the briefings that name it in prose without listing it."""
    listed = {key: {b.slug for b in items} for key, items in tagged.items()}
    found: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        for key in briefing.mentions:
            if briefing.slug not in listed.get(key, ()):
                found[key].append(briefing)
    return {key: tuple(items) for key, items in found.items()}


def co_occurrence(
    briefings: Iterable[Briefing],
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
    only: Collection[str] | None = None,
) -> dict[str, Counter[str]]:
    """Each entity's key (of ``only``, if given) -> how many briefings list it
    with each other entity.

    A background entity (the country the archive covers) is with everyone, so
    it is counted for nobody.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for briefing in briefings:
        listed = _entities_of(briefing, actors_of, places_of)
        counted = [e.key for e in listed if not e.background]
        for entity in listed:
            if only is not None and entity.key not in only:
                continue
            others = [k for k in counted if k != entity.key]
            if others:  # Counter.update counts a list in C: the heaviest pass at scale
                counts[entity.key].update(others)
    return dict(counts)


def ranked(
    counts: Counter[str], entities: Mapping[str, Entity], section: Section
) -> tuple[Count, ...]:
    """The entities of ``section`` in ``counts``, most briefings first, ties A–Z."""
    mine = [(-n, e.name, e) for e, n in ((entities[k], n) for k, n in counts.items())
            if e.section == section]  # fmt: skip
    mine.sort(key=itemgetter(0, 1))
    return tuple([Count(e, -n) for n, _, e in mine])


def children(parents: Mapping[str, Entity], places: Registry) -> dict[str, tuple[Entity, ...]]:
    """Each place's key -> the places directly within it, A–Z."""
    by_key = {e.key: e for e in places.entities.values()}
    found: dict[str, list[Entity]] = defaultdict(list)
    for key, parent in parents.items():
        found[parent.key].append(by_key[key])
    return {key: tuple(sorted(items, key=lambda e: e.name)) for key, items in found.items()}


def gather(
    briefings: tuple[Briefing, ...],
    tagged: Mapping[str, tuple[Briefing, ...]],
    parents: Mapping[str, Entity],
    places: Mapping[str, Entity],
) -> tuple[dict[str, tuple[Briefing, ...]], dict[str, dict[str, tuple[Entity, ...]]]]:
    """Each place's briefings with those of every place within it, in the
    briefings' order, and for each gathered briefing the places it came by.

    Darfur's page lists the briefing that tags only El Geneina, "via El Geneina".
    ``places`` maps each place's key to the place.
    """
    found: dict[str, dict[str, Briefing]] = {k: {b.slug: b for b in v} for k, v in tagged.items()}
    via: dict[str, dict[str, list[Entity]]] = defaultdict(lambda: defaultdict(list))
    for key, items in tagged.items():
        place = places.get(key)
        if place is None:
            continue
        for parent in ancestors(place, parents):
            own = {b.slug for b in tagged.get(parent.key, ())}
            gathered = found.setdefault(parent.key, {})
            for briefing in items:
                if briefing.slug not in own:
                    gathered[briefing.slug] = briefing
                    via[parent.key][briefing.slug].append(place)
    order = {b.slug: i for i, b in enumerate(briefings)}
    merged = {k: tuple(sorted(v.values(), key=lambda b: order[b.slug])) for k, v in found.items()}
    came_by = {
        key: {slug: tuple(sorted(ps, key=lambda e: e.name)) for slug, ps in by.items()}
        for key, by in via.items()
    }
    return merged, came_by


def gathered_co_occurrence(
    tagged: Mapping[str, tuple[Briefing, ...]],
    via: Mapping[str, Mapping[str, tuple[Entity, ...]]],
    parents: Mapping[str, Entity],
    places: Mapping[str, Entity],
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
    only: Collection[str] | None = None,
) -> dict[str, Counter[str]]:
    """For each place that gathers briefings from places within it (of
    ``only``, if given), who is listed alongside it in all of them (never
    itself or a place it holds)."""
    held: dict[str, set[str]] = defaultdict(set)
    for place in places.values():
        for parent in ancestors(place, parents):
            held[parent.key].add(place.key)
    counts: dict[str, Counter[str]] = {}
    for key in via:
        if only is not None and key not in only:
            continue
        counter: Counter[str] = Counter()
        for briefing in tagged.get(key, ()):
            for entity in _entities_of(briefing, actors_of, places_of):
                if entity.key != key and entity.key not in held[key] and not entity.background:
                    counter[entity.key] += 1
        counts[key] = counter
    return counts


def within_of(
    briefings: tuple[Briefing, ...],
    places_of: Mapping[str, tuple[Entity, ...]],
    parents: Mapping[str, Entity],
) -> dict[str, tuple[Entity, ...]]:
    """Each briefing's slug -> the places that hold the places it lists (and
    are not among them), A–Z: a briefing on Sirte is also about Libya."""
    found: dict[str, tuple[Entity, ...]] = {}
    for briefing in briefings:
        held = enclosing(places_of.get(briefing.slug, ()), parents)
        if held:
            found[briefing.slug] = held
    return found


def enclosing(places: Iterable[Entity], parents: Mapping[str, Entity]) -> tuple[Entity, ...]:
    """The places that hold any of ``places``, and are not among them, A–Z."""
    chosen = list(places)
    given = {p.key for p in chosen}
    found = {a.key: a for p in chosen for a in ancestors(p, parents)}
    return tuple(sorted((a for k, a in found.items() if k not in given), key=lambda e: e.name))


def ancestors(place: Entity, parents: Mapping[str, Entity]) -> tuple[Entity, ...]:
    """The places ``place`` lies within, nearest first; a cycle ends the walk."""
    chain: list[Entity] = []
    seen = {place.key}
    parent = parents.get(place.key)
    while parent is not None and parent.key not in seen:
        chain.append(parent)
        seen.add(parent.key)
        parent = parents.get(parent.key)
    return tuple(chain)


def neighbours(
    briefings: tuple[Briefing, ...],
) -> tuple[dict[str, Briefing], dict[str, Briefing]]:
    """For each briefing slug, the next older and the next newer briefing."""
    older = {briefings[i].slug: briefings[i + 1] for i in range(len(briefings) - 1)}
    newer = {briefings[i + 1].slug: briefings[i] for i in range(len(briefings) - 1)}
    return older, newer


def tag_listings(
    briefings: tuple[Briefing, ...],
    tags: Mapping[str, Tag],
    tags_of: Mapping[str, tuple[Tag, ...]],
) -> dict[str, TagListing]:
    """Each theme's slug -> its briefings, in the briefings' order."""
    found: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        for tag in tags_of.get(briefing.slug, ()):
            found[tag.slug].append(briefing)
    return {slug: TagListing(tuple(found[slug]), tag) for slug, tag in tags.items()}
