"""Stage 2, resolve: actor and place registries, and names resolved to entities.

A registry file is ``content/actors/<slug>.md`` or ``content/places/<slug>.md``:
front-matter describes the entity, the body is its profile. Every name and
alias goes into one table per section, so a briefing's front-matter resolves
in a dictionary look-up whatever script the name is written in.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import markup
from .config import Config, display_path
from .errors import ContentError, ContentErrors
from .model import NOUN, Actor, Diagnostic, Entity, Place, Section
from .read import FrontMatter, check_keys, load_text, names, prepare
from .slugs import slugify

COMMON_KEYS = frozenset({"name", "kind", "aliases", "not", "background"})
ACTOR_KEYS = COMMON_KEYS | {"affiliations"}
PLACE_KEYS = COMMON_KEYS | {"coordinates", "within"}


def name_key(name: str) -> str:
    """The form a name is looked up by: case and spacing differences are the
    same name (acronyms are matched case-sensitively in prose, not here)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Registry:
    """The entities of one section (actors or places) and their name table.

    A registry is a value: :func:`make_registry` builds one, and the resolve
    stage makes a new one (:meth:`with_entities`) rather than changing it.
    """

    section: Section
    entities: Mapping[str, Entity] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def lookup(self, name: str) -> Entity | None:
        """The entity with this name or alias, if any."""
        slug = self.names.get(name_key(name))
        return self.entities[slug] if slug is not None else None

    def closest(self, name: str) -> str | None:
        """The registry name most like ``name``, for 'did you mean' hints."""
        canon = {name_key(e.name): e.name for e in self.entities.values() if e.in_registry}
        for entity in self.entities.values():
            if entity.in_registry:
                for alias in entity.aliases:
                    canon.setdefault(name_key(alias), entity.name)
        match = difflib.get_close_matches(name_key(name), list(canon), n=1, cutoff=0.6)
        return canon[match[0]] if match else None

    def not_found(self, name: str) -> str:
        """The message for a name this registry does not define, with a hint."""
        message = f"{NOUN[self.section]} '{name}' is not in the registry"
        hint = self.closest(name)
        return f"{message}; did you mean '{hint}'?" if hint else message

    def replaced(self, change: Callable[[Entity], Entity]) -> Registry:
        """A new registry of the same entities, each passed through ``change``
        (which must keep its slug and names)."""
        return Registry(
            self.section, {slug: change(e) for slug, e in self.entities.items()}, self.names
        )

    def with_entities(self, extra: Mapping[str, Entity]) -> Registry:
        """A new registry that also holds ``extra`` (slug -> entity), by their names."""
        names = dict(self.names)
        for slug, entity in extra.items():
            names.setdefault(name_key(entity.name), slug)
        return Registry(self.section, {**self.entities, **extra}, names)


def make_registry(
    section: Section, entities: Iterable[Entity]
) -> tuple[Registry, list[Diagnostic]]:
    """A registry of ``entities``; a slug, name or alias claimed twice is an error."""
    by_slug: dict[str, Entity] = {}
    names: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for entity in entities:
        if entity.slug in by_slug:
            other = by_slug[entity.slug].path
            problems.append(
                Diagnostic(
                    entity.path, 1, "error", f"slug '{entity.slug}' is already used by {other}"
                )
            )
            continue
        by_slug[entity.slug] = entity
        for name in (entity.name, *entity.aliases):
            owner = names.setdefault(name_key(name), entity.slug)
            if owner != entity.slug:
                problems.append(
                    Diagnostic(
                        entity.path,
                        1,
                        "error",
                        f"alias '{name}' is also claimed by {by_slug[owner].path}",
                    )
                )
    return Registry(section, by_slug, names), problems


def shared_names(actors: Registry, places: Registry) -> list[Diagnostic]:
    """Errors for names or aliases that an actor and a place both claim.

    Prose mentions are resolved through one table, so a name may belong to
    one entity only, whatever its section.
    """
    problems: list[Diagnostic] = []
    for key in sorted(set(actors.names) & set(places.names)):
        actor = actors.entities[actors.names[key]]
        place = places.entities[places.names[key]]
        problems.append(
            Diagnostic(place.path, 1, "error", f"name '{key}' is also claimed by {actor.path}")
        )
    return problems


def _coordinates(fm: FrontMatter) -> tuple[float, float] | None:
    value: Any = fm.data.get("coordinates")
    if value is None:
        return None
    numbers = isinstance(value, list) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    )
    ok = numbers and len(value) == 2
    if ok and -90 <= value[0] <= 90 and -180 <= value[1] <= 180:
        return (float(value[0]), float(value[1]))
    fm.error("coordinates", "'coordinates' must be [latitude, longitude] in degrees")
    return None


def read_entity(
    raw: str, path: str, section: Section, stem: str
) -> tuple[Entity, list[Diagnostic]]:
    """Parse one registry file into an :class:`Actor` or :class:`Place`.

    Returns the entity and its warnings; raises :class:`ContentErrors` with
    every problem in the file when it is invalid.
    """
    fm = prepare(raw, path)
    check_keys(fm, ACTOR_KEYS if section == "actors" else PLACE_KEYS, "registry")
    name = fm.data.get("name")
    if not isinstance(name, str) or not name.strip():
        fm.error("name", "a registry entry needs a 'name' (text)")
        name = ""
    kind = fm.data.get("kind", "")
    if not isinstance(kind, str):
        fm.error("kind", "'kind' must be text")
        kind = ""
    name = " ".join(name.split())
    kind = kind.strip().lower()
    slug = slugify(stem)
    aliases = names(fm, "aliases")
    suppress = names(fm, "not")
    background = fm.data.get("background", False)
    if not isinstance(background, bool):
        fm.error("background", "'background' must be true or false")
        background = False
    profile = markup.render(markup.parse(fm.body))
    entity: Entity
    if section == "actors":
        affiliations = names(fm, "affiliations")
        entity = Actor(
            section,
            slug,
            name,
            kind,
            aliases,
            profile,
            path,
            affiliations=affiliations,
            suppress=suppress,
            profile_source=fm.body,
            background=background,
        )
    else:
        within = fm.data.get("within")
        if within is not None and not isinstance(within, str):
            fm.error("within", "'within' must name one place")
            within = None
        entity = Place(
            section,
            slug,
            name,
            kind,
            aliases,
            profile,
            path,
            coordinates=_coordinates(fm),
            suppress=suppress,
            within=within,
        )
    if fm.errors():
        raise ContentErrors(fm.problems)
    return entity, fm.problems


def load_registries(config: Config) -> tuple[Registry, Registry, list[Diagnostic]]:
    """Both registries of a content folder, and every problem found in them,
    names that an actor and a place both claim included."""
    root = config.content_path
    actors, actor_problems = load_registry(os.path.join(root, config.actors_dir), "actors")
    places, place_problems = load_registry(os.path.join(root, config.places_dir), "places")
    return actors, places, [*actor_problems, *place_problems, *shared_names(actors, places)]


def load_registry(
    folder: str | os.PathLike[str], section: Section
) -> tuple[Registry, list[Diagnostic]]:
    """Read every ``*.md`` in ``folder`` into a :class:`Registry`.

    Unreadable or invalid files become diagnostics rather than exceptions,
    so that one run reports every problem.
    """
    entities: list[Entity] = []
    problems: list[Diagnostic] = []
    for file in sorted(Path(folder).glob("*.md")):
        shown = display_path(str(file))
        try:
            entity, warnings = read_entity(load_text(file, shown), shown, section, file.stem)
        except ContentError as exc:
            problems.extend(exc.diagnostics())
            continue
        problems.extend(warnings)
        entities.append(entity)
    registry, clashes = make_registry(section, entities)
    return registry, [*problems, *clashes]
