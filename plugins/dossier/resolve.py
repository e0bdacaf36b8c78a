"""Stage 2, resolve: front-matter names to entities, tags to themes, places to parents.

``resolve(corpus) -> Resolved`` is a function of values: it never changes the
registries it is given. A name that no registry file defines gets an entity
of its own (and a page) in a *new* registry, with a warning that suggests the
closest registry name. Every problem is returned, once, as a value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .load import Corpus
from .model import (
    Actor,
    Briefing,
    Diagnostic,
    Entity,
    Place,
    Section,
    Tag,
    Trend,
    Unpublished,
    name_key,
)
from .registry import Registry
from .slugs import slugify


@dataclass(frozen=True)
class Resolved:
    """The corpus with every name resolved.

    ``briefings`` are the published briefings with a slug of their own,
    newest first (ties by slug, so that order never depends on reading
    order). ``actors_of``, ``places_of`` and ``tags_of`` are keyed by
    briefing slug; ``parents`` maps a place's key to the place it is within.
    """

    briefings: tuple[Briefing, ...]
    actors: Registry
    places: Registry
    actors_of: Mapping[str, tuple[Entity, ...]]
    places_of: Mapping[str, tuple[Entity, ...]]
    tags: Mapping[str, Tag]
    tags_of: Mapping[str, tuple[Tag, ...]]
    parents: Mapping[str, Entity]
    affiliations: Mapping[str, tuple[Entity | str, ...]]
    diagnostics: tuple[Diagnostic, ...]
    # briefing slug -> entity key -> the trend the briefing gives it
    trends_of: Mapping[str, Mapping[str, Trend]] = field(default_factory=dict)
    # A preview's briefings that the published site leaves out: slug -> why
    # ("draft", or "scheduled": dated after the build).
    unpublished: Mapping[str, Unpublished] = field(default_factory=dict)
    # Published briefings dated after the build, which it leaves out until then.
    scheduled: tuple[Briefing, ...] = ()


def resolve(corpus: Corpus, preview: bool = False, now: dt.datetime | None = None) -> Resolved:
    """Resolve the names of every briefing the site shows; see :class:`Resolved`.

    The site shows the published briefings dated up to ``now`` (a briefing
    dated later is scheduled); a ``preview`` (``dossier serve``) shows drafts
    and scheduled briefings too, each marked as such.
    """
    candidates, clashes = unique_published(corpus.briefings, preview)
    later = tuple(b for b in candidates if now is not None and b.date > now)
    unpublished: dict[str, Unpublished] = {b.slug: "scheduled" for b in later}
    unpublished.update((b.slug, "draft") for b in candidates if b.status == "draft")
    published = candidates if preview else tuple(b for b in candidates if b.slug not in unpublished)
    scheduled = () if preview else tuple(b for b in later if b.status == "published")
    actors, actors_of, unknown_actors = resolve_names(corpus.actors, published, corpus.places)
    places, places_of, unknown_places = resolve_names(corpus.places, published, corpus.actors)
    tags, tags_of, tag_clashes = resolve_tags(published)
    parents, orphans = nesting(corpus.places)
    trends_of, untrended = resolve_trends(published, actors, places, actors_of, places_of)
    return Resolved(
        briefings=published,
        actors=actors,
        places=places,
        actors_of=actors_of,
        places_of=places_of,
        tags=tags,
        tags_of=tags_of,
        parents=parents,
        affiliations=affiliations(corpus.actors, corpus.places),
        diagnostics=(
            *clashes, *unknown_actors, *unknown_places, *tag_clashes, *orphans, *untrended,
        ),
        trends_of=trends_of,
        unpublished=unpublished if preview else {},
        scheduled=scheduled,
    )  # fmt: skip


def newest_first(briefings: Iterable[Briefing]) -> tuple[Briefing, ...]:
    """Briefings newest first; briefings of the same moment by slug."""
    return tuple(sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True))


def unique_published(
    briefings: Iterable[Briefing], drafts: bool = False
) -> tuple[tuple[Briefing, ...], list[Diagnostic]]:
    """The published briefings whose slug (so URL) no other one has, newest
    first; with ``drafts``, also each draft whose slug no other briefing has.

    Published briefings that share a slug are errors, and are left out; a
    draft that shares a published briefing's slug is a warning, because it
    would replace that briefing the day it is published.
    """
    by_slug: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        by_slug[briefing.slug].append(briefing)
    kept: list[Briefing] = []
    problems: list[Diagnostic] = []
    for slug, group in sorted(by_slug.items()):
        live = [b for b in group if b.status == "published"]
        if len(live) == 1:
            kept.append(live[0])
        elif drafts and len(group) == 1:  # a draft, in a preview
            kept.append(group[0])
        severity: Literal["error", "warning"] = "error" if len(live) > 1 else "warning"
        if len(group) > 1 and (len(live) > 1 or len(live) < len(group)):
            paths = sorted(b.path for b in group)
            for briefing in group:
                others = ", ".join(p for p in paths if p != briefing.path)
                problems.append(
                    Diagnostic(
                        briefing.path,
                        briefing.line_of("slug"),
                        severity,
                        f"slug '{slug}' is also used by {others}",
                        "D208",
                    )
                )
    return newest_first(kept), problems


def resolve_names(
    registry: Registry, briefings: tuple[Briefing, ...], other: Registry | None = None
) -> tuple[Registry, dict[str, tuple[Entity, ...]], list[Diagnostic]]:
    """Each briefing's actors (or places) as entities, and the registry they
    now make up: the registry's entities plus one for each unknown name.

    Briefings are taken oldest first, so that an unknown name is reported
    where it was first used, and reports come out in reading order; the
    report says when the name is in the ``other`` section's registry. A name
    several entries share on purpose (``ambiguous``) resolves to none of
    them, with a warning that names them all, wherever it is used.
    """
    section = registry.section
    made: dict[str, Entity] = {}
    made_names: dict[str, str] = {}
    resolved: dict[str, tuple[Entity, ...]] = {}
    problems: list[Diagnostic] = []
    # A large archive names the same few thousand entities 100,000 times.
    looked_up: dict[str, tuple[bool, Entity | None]] = {}
    for briefing in reversed(briefings):
        found: list[Entity] = []
        for name in briefing.actors if section == "actors" else briefing.places:
            known = looked_up.get(name)
            if known is None:
                known = looked_up[name] = (bool(registry.candidates(name)), registry.lookup(name))
            shared, entity = known
            line = briefing.line_of(section) if shared or entity is None else 0
            if shared:
                problems.append(
                    Diagnostic(briefing.path, line, "warning", registry.ambiguity(name), "D402")
                )
                continue
            if entity is None and name_key(name) in made_names:
                entity = made[made_names[name_key(name)]]
            if entity is None:
                entity = _synthesise(section, name, registry, made)
                made.setdefault(entity.slug, entity)
                made_names[name_key(name)] = entity.slug
                message = registry.not_found(name, other)
                problems.append(Diagnostic(briefing.path, line, "warning", message, "D401"))
            if all(e.key != entity.key for e in found):
                found.append(entity)
        resolved[briefing.slug] = tuple(found)
    return registry.with_entities(made), resolved, problems


def resolve_trends(
    briefings: tuple[Briefing, ...],
    actors: Registry,
    places: Registry,
    actors_of: Mapping[str, tuple[Entity, ...]],
    places_of: Mapping[str, tuple[Entity, ...]],
) -> tuple[dict[str, dict[str, Trend]], list[Diagnostic]]:
    """Each briefing's trends by the key of the entity they judge.

    ``read`` has made sure each name is one the briefing lists; a name that
    still names none of its entities (an alias shared on purpose, which
    resolves to nobody) is a warning, and its trend is left out.
    """
    found: dict[str, dict[str, Trend]] = {}
    problems: list[Diagnostic] = []
    for briefing in briefings:
        if not briefing.trends:
            continue
        listed = {e.key: e for e in (*actors_of.get(briefing.slug, ()),
                                     *places_of.get(briefing.slug, ()))}  # fmt: skip
        calls: dict[str, Trend] = {}
        for trend in briefing.trends:
            candidates = [r.lookup(trend.name) for r in (places, actors)]
            entity = next((e for e in candidates if e is not None and e.key in listed), None)
            if entity is None:
                problems.append(Diagnostic(briefing.path, trend.line, "warning",
                    f"the trend of '{trend.name}' is left out: the name is not one of an entity "
                    "this briefing lists (write its full name)", "D214"))  # fmt: skip
            elif entity.key in calls:
                problems.append(Diagnostic(briefing.path, trend.line, "error",
                    f"'{trend.name}' is another name of {entity.name}, which already has a trend "
                    "here: keep one", "D213"))  # fmt: skip
            else:
                calls[entity.key] = trend
        if calls:
            found[briefing.slug] = calls
    return found, problems


def _synthesise(
    section: Section, name: str, registry: Registry, made: Mapping[str, Entity]
) -> Entity:
    # A name spelt differently but with the same slug as an earlier unknown
    # name is the same entity ("Jeff Davies", "Jeff-Davies"); an unknown name
    # never takes a registry entity's slug.
    slug = slugify(name)
    if slug in made:
        return made[slug]
    base, number = slug, 2
    while slug in registry.entities:
        slug = f"{base}-{number}"
        number += 1
    if section == "actors":
        return Actor(section, slug, name, in_registry=False)
    return Place(section, slug, name, in_registry=False)


def resolve_tags(
    briefings: tuple[Briefing, ...],
) -> tuple[dict[str, Tag], dict[str, tuple[Tag, ...]], list[Diagnostic]]:
    """Every theme by slug, each briefing's themes, and a warning for two
    spellings that share one theme page ("Oil", "oil" are one theme quietly;
    "oil-gas" and "oil gas" are one theme with a warning)."""
    tags: dict[str, Tag] = {}
    tags_of: dict[str, tuple[Tag, ...]] = {}
    problems: list[Diagnostic] = []
    slugs: dict[str, str] = {}
    for briefing in reversed(briefings):
        own: list[Tag] = []
        for name in briefing.tags:
            slug = slugs.get(name) or slugs.setdefault(name, slugify(name))
            tag = tags.setdefault(slug, Tag(slug, name))
            if tag.name.casefold() != name.casefold():
                problems.append(
                    Diagnostic(
                        briefing.path,
                        briefing.line_of("tags"),
                        "warning",
                        f"tag '{name}' shares its page with '{tag.name}'; they are one theme",
                        "D218",
                    )
                )
            if tag not in own:
                own.append(tag)
        tags_of[briefing.slug] = tuple(own)
    return dict(sorted(tags.items())), tags_of, problems


def nesting(places: Registry) -> tuple[dict[str, Entity], list[Diagnostic]]:
    """Each place's parent (``within``), and a warning for a parent not in the registry."""
    parents: dict[str, Entity] = {}
    hints: dict[str, str | None] = {}
    problems: list[Diagnostic] = []
    for place in places.entities.values():
        within = place.within if isinstance(place, Place) else None
        if not within:
            continue
        # Its name or alias, or the slug of its file (as the open data writes it).
        parent = places.lookup(within) or places.entities.get(within)
        if parent is None or parent.key == place.key:
            problems.append(
                Diagnostic(
                    place.path,
                    place.line_of("within"),
                    "warning",
                    f"'within' names no known place: '{within}'"
                    + _hint(place, parent, places, hints),
                    "D308",
                )
            )
        else:
            parents[place.key] = parent
    return parents, problems + _circles(parents, places)


def _circles(parents: Mapping[str, Entity], places: Registry) -> list[Diagnostic]:
    """A warning for each chain of 'within' that comes back to where it
    began (Darfur within North Darfur within Darfur), said once, at the
    first of its places in file order."""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    for place in sorted(places.entities.values(), key=lambda e: e.path):
        chain, key = [place], place.key
        while key in parents and parents[key].key not in {e.key for e in chain}:
            chain.append(parents[key])
            key = parents[key].key
        if key in parents and parents[key].key == place.key and place.key not in reported:
            reported.update(e.key for e in chain)
            names = " → ".join(e.name for e in (*chain, place))
            problems.append(Diagnostic(place.path, place.line_of("within"), "warning",
                f"'within' goes round in a circle: {names}", "D308"))  # fmt: skip
    return problems


def _hint(
    place: Entity, parent: Entity | None, places: Registry, hints: dict[str, str | None]
) -> str:
    # A misspelt parent gets a suggestion (worked out once per spelling: it
    # compares it with every name); a place within itself needs none.
    within = place.within if parent is None and isinstance(place, Place) else None
    if not within:
        return ""
    if within not in hints:
        hints[within] = places.closest(within)
    hint = hints[within]
    return f"; did you mean '{hint}'?" if hint and hint != place.name else ""


def affiliations(actors: Registry, places: Registry) -> dict[str, tuple[Entity | str, ...]]:
    """Each actor's key -> its affiliations: the registry entity where one has
    that name (an actor first, then a place), else the name as written."""
    found: dict[str, tuple[Entity | str, ...]] = {}
    for actor in actors.entities.values():
        names = actor.affiliations if isinstance(actor, Actor) else ()
        if names:
            found[actor.key] = tuple(
                actors.lookup(name) or places.lookup(name) or name for name in names
            )
    return found
