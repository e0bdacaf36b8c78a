"""Stage 2, resolve: actor and place registries, and names resolved to entities.

A registry file is ``content/actors/<slug>.md`` or ``content/places/<slug>.md``:
front-matter describes the entity, the body is its profile. Every name and
alias goes into one table per section, so a briefing's front-matter resolves
in a dictionary look-up whatever script the name is written in.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import markup
from .config import Config, display_path
from .errors import ContentErrors, DossierError
from .model import Actor, Diagnostic, Entity, Place, Section
from .read import FrontMatter, load_text, prepare
from .slugs import slugify

ACTOR_KEYS = frozenset({"name", "kind", "aliases", "affiliations"})
PLACE_KEYS = frozenset({"name", "kind", "aliases", "coordinates", "within"})


def _key(name: str) -> str:
    # Case and spacing differences are the same name; acronyms are handled
    # case-sensitively by the prose linker, not here.
    return " ".join(name.split()).casefold()


@dataclass
class Registry:
    """The entities of one section (actors or places) and their alias table."""

    section: Section
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    _claims: dict[str, str] = field(default_factory=dict)

    def add(self, entity: Entity) -> None:
        """Add an entity; a name or alias another entity claims is an error."""
        if entity.slug in self.entities:
            other = self.entities[entity.slug]
            self.problems.append(
                Diagnostic(
                    entity.path,
                    1,
                    "error",
                    f"slug '{entity.slug}' is already used by {other.path}",
                )
            )
            return
        self.entities[entity.slug] = entity
        for name in (entity.name, *entity.aliases):
            key = _key(name)
            owner = self.names.get(key)
            if owner is not None and owner != entity.slug:
                other = self.entities[owner]
                self.problems.append(
                    Diagnostic(
                        entity.path,
                        1,
                        "error",
                        f"alias '{name}' is also claimed by {other.path}",
                        related=(other.path,),
                    )
                )
                continue
            self.names[key] = entity.slug

    def lookup(self, name: str) -> Entity | None:
        """The registry entity with this name or alias, if any."""
        slug = self.names.get(_key(name))
        return self.entities[slug] if slug is not None else None

    def closest(self, name: str) -> str | None:
        """The registry name most like ``name``, for 'did you mean' hints."""
        canon = {_key(e.name): e.name for e in self.entities.values()}
        for entity in self.entities.values():
            for alias in entity.aliases:
                canon.setdefault(_key(alias), entity.name)
        match = difflib.get_close_matches(_key(name), list(canon), n=1, cutoff=0.6)
        return canon[match[0]] if match else None

    def resolve(self, name: str, path: str, line: int) -> Entity:
        """The entity a briefing means by ``name``.

        A name no registry file defines still gets an entity (and a page), and
        a warning that suggests the closest registry name.
        """
        found = self.lookup(name)
        if found is not None:
            return found
        slug = slugify(name)
        existing = self.entities.get(slug)
        if existing is not None and not existing.in_registry:
            return existing
        if existing is not None:
            base, number = slug, 2
            while f"{base}-{number}" in self.entities:
                number += 1
            slug = f"{base}-{number}"
        hint = self.closest(name)
        noun = "actor" if self.section == "actors" else "place"
        message = f"{noun} '{name}' is not in the registry"
        if hint:
            message += f"; did you mean '{hint}'?"
        self.problems.append(Diagnostic(path, line, "warning", message))
        entity = _synthesised(self.section, slug, name)
        self.entities[slug] = entity
        self.names[_key(name)] = slug
        return entity


def shared_names(actors: Registry, places: Registry) -> list[Diagnostic]:
    """Errors for names or aliases that an actor and a place both claim.

    Prose mentions are resolved through one table, so a name may belong to
    one entity only, whatever its section.
    """
    problems: list[Diagnostic] = []
    for key in sorted(set(actors.names) & set(places.names)):
        actor = actors.entities[actors.names[key]]
        place = places.entities[places.names[key]]
        problems.append(Diagnostic(
            place.path, 1, "error",
            f"name '{key}' is also claimed by {actor.path}",
            related=(actor.path,),
        ))  # fmt: skip
    return problems


def _synthesised(section: Section, slug: str, name: str) -> Entity:
    if section == "actors":
        return Actor(section, slug, name, in_registry=False)
    return Place(section, slug, name, in_registry=False)


def _strings(fm: FrontMatter, key: str) -> tuple[str, ...]:
    value = fm.data.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        fm.error(key, f"'{key}' must be a list of names")
        return ()
    return tuple(" ".join(i.split()) for i in items if i.strip())


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
    every error in the file when it is invalid.
    """
    fm = prepare(raw, path)
    known = ACTOR_KEYS if section == "actors" else PLACE_KEYS
    for key in sorted(set(fm.data) - known):
        fm.warn(key, f"unknown registry key '{key}'")
    name = fm.data.get("name")
    if not isinstance(name, str) or not name.strip():
        fm.error("name", "a registry entry needs a 'name' (text)")
        name = ""
    kind = fm.data.get("kind", "")
    if not isinstance(kind, str):
        fm.error("kind", "'kind' must be text")
        kind = ""
    aliases = _strings(fm, "aliases")
    common: dict[str, Any] = {
        "section": section,
        "slug": slugify(stem),
        "name": " ".join(name.split()),
        "kind": kind.strip().lower(),
        "aliases": aliases,
        "path": path,
        "profile_html": markup.render(markup.parse(fm.body)),
    }
    entity: Entity
    if section == "actors":
        entity = Actor(**common, affiliations=_strings(fm, "affiliations"))
    else:
        within = fm.data.get("within")
        if within is not None and not isinstance(within, str):
            fm.error("within", "'within' must name one place")
            within = None
        entity = Place(**common, coordinates=_coordinates(fm), within=within)
    errors = fm.errors()
    if errors:
        raise ContentErrors(fm.problems)
    return entity, fm.problems


def load_registries(config: Config) -> tuple[Registry, Registry, list[Diagnostic]]:
    """Both registries of a content folder, and every problem found in them,
    names that an actor and a place both claim included."""
    root = config.content_path
    actors = load_registry(os.path.join(root, config.actors_dir), "actors", display_path)
    places = load_registry(os.path.join(root, config.places_dir), "places", display_path)
    return actors, places, [*actors.problems, *places.problems, *shared_names(actors, places)]


def load_registry(folder: str | os.PathLike[str], section: Section, display: Any = str) -> Registry:
    """Read every ``*.md`` in ``folder`` into a :class:`Registry`.

    Unreadable or invalid files become diagnostics on the registry rather than
    exceptions, so that one run reports every problem.
    """
    registry = Registry(section)
    for file in sorted(Path(folder).glob("*.md")):
        shown = display(str(file))
        try:
            raw = load_text(file, shown)
            entity, warnings = read_entity(raw, shown, section, file.stem)
            registry.problems.extend(warnings)
        except DossierError as exc:
            registry.problems.extend(exc.diagnostics())
            continue
        registry.add(entity)
    return registry
