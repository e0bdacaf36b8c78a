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

from . import fields, markup
from .config import Config, display_path
from .errors import ContentError, ContentErrors
from .model import NOUN, Actor, Diagnostic, Entity, Place, Section, name_key
from .read import FrontMatter, check_keys, load_text, names, prepare
from .slugs import slugify

ACTOR_KEYS = fields.keys(fields.ACTOR)
PLACE_KEYS = fields.keys(fields.PLACE)


@dataclass(frozen=True)
class Registry:
    """The entities of one section (actors or places) and their name table.

    A registry is a value: :func:`make_registry` builds one, and the resolve
    stage makes a new one (:meth:`with_entities`) rather than changing it.
    """

    section: Section
    entities: Mapping[str, Entity] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    # name key -> the slugs of the entries that all declare it ambiguous
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, name: str) -> Entity | None:
        """The entity with this name or alias, if any (never for an ambiguous one)."""
        slug = self.names.get(name_key(name))
        return self.entities[slug] if slug is not None else None

    def candidates(self, name: str) -> tuple[Entity, ...]:
        """The entries that share ``name`` as an ambiguous alias (none if it is not one)."""
        return tuple(self.entities[s] for s in self.ambiguous.get(name_key(name), ()))

    def closest(self, name: str) -> str | None:
        """The registry name most like ``name``, for 'did you mean' hints."""
        canon = {name_key(e.name): e.name for e in self.entities.values() if e.in_registry}
        for entity in self.entities.values():
            if entity.in_registry:
                for alias in entity.aliases:
                    canon.setdefault(name_key(alias), entity.name)
        match = difflib.get_close_matches(name_key(name), list(canon), n=1, cutoff=0.6)
        return canon[match[0]] if match else None

    def not_found(self, name: str, other: Registry | None = None) -> str:
        """The message for a name this registry does not define, with a hint:
        the other section's entry of that name, or the closest name here."""
        noun = NOUN[self.section]
        message = f"{noun} '{name}' is not in the registry"
        elsewhere = other.lookup(name) if other is not None else None
        if other is not None and elsewhere is not None:
            where = f" ({elsewhere.path})" if elsewhere.path else ""
            return (
                f"{message}; '{name}' is an {NOUN[other.section]}{where}: list it under "
                f"'{other.section}', or add a {noun} entry"
            )
        hint = self.closest(name)
        return f"{message}; did you mean '{hint}'?" if hint else message

    def ambiguity(self, name: str) -> str:
        """The message for a name several entries share on purpose."""
        shown = " or ".join(f"'{e.name}' ({e.path})" for e in self.candidates(name))
        return f"{NOUN[self.section]} '{name}' is ambiguous: {shown}; write the full name"

    def replaced(self, change: Callable[[Entity], Entity]) -> Registry:
        """A new registry of the same entities, each passed through ``change``
        (which must keep its slug and names)."""
        changed = {slug: change(e) for slug, e in self.entities.items()}
        return Registry(self.section, changed, self.names, self.ambiguous)

    def with_entities(self, extra: Mapping[str, Entity]) -> Registry:
        """A new registry that also holds ``extra`` (slug -> entity), by their names."""
        names = dict(self.names)
        for slug, entity in extra.items():
            names.setdefault(name_key(entity.name), slug)
        return Registry(self.section, {**self.entities, **extra}, names, self.ambiguous)


def make_registry(
    section: Section, entities: Iterable[Entity]
) -> tuple[Registry, list[Diagnostic]]:
    """A registry of ``entities``; a slug, name or alias claimed twice is an
    error, unless every entry that claims the alias declares it ``ambiguous``."""
    by_slug: dict[str, Entity] = {}
    claims: dict[str, list[str]] = {}
    problems: list[Diagnostic] = []
    for entity in entities:
        if entity.slug in by_slug:
            other = by_slug[entity.slug].path
            message = f"slug '{entity.slug}' is already used by {other}"
            problems.append(Diagnostic(entity.path, 1, "error", message, "D301"))
            continue
        by_slug[entity.slug] = entity
        for name in dict.fromkeys((entity.name, *entity.aliases)):
            claims.setdefault(name_key(name), []).append(entity.slug)
    names: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, slugs in claims.items():
        owners = list(dict.fromkeys(slugs))
        if len(owners) == 1:
            names[key] = owners[0]
        elif all(key in {name_key(a) for a in by_slug[s].ambiguous} for s in owners):
            ambiguous[key] = tuple(owners)
        else:
            names[key] = owners[0]
            first = by_slug[owners[0]]
            for slug in owners[1:]:
                entity = by_slug[slug]
                name = next(n for n in (entity.name, *entity.aliases) if name_key(n) == key)
                line = entity.line_of("name" if name == entity.name else "aliases")
                message = (
                    f"alias '{name}' is also claimed by {first.path}; if both mean it, "
                    "list it under 'ambiguous' in both"
                )
                problems.append(Diagnostic(entity.path, line, "error", message, "D302"))
    return Registry(section, by_slug, names, ambiguous), problems


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
    fm.error("D303", "coordinates", "'coordinates' must be [latitude, longitude] in degrees")
    return None


def _old_slugs(fm: FrontMatter, slug: str) -> list[str]:
    """``formerly``: the slugs (old file names) the entry had; each must be one."""
    found = []
    for old in names(fm, "formerly"):
        if slugify(old) != old:
            fm.error("D304", "formerly", f"'formerly' lists old slugs (file names without .md): "
                     f"'{old}' is not one; did you mean '{slugify(old)}'?")  # fmt: skip
        elif old == slug:
            fm.warn("D304", "formerly", f"'{old}' is this entry's own slug")
        else:
            found.append(old)
    return found


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
        fm.error("D305", "name", "a registry entry needs a 'name' (text)")
        name = ""
    kind = fm.data.get("kind", "")
    if not isinstance(kind, str):
        fm.error("D305", "kind", "'kind' must be text")
        kind = ""
    name = " ".join(name.split())
    kind = kind.strip().lower()
    slug = slugify(stem)
    aliases = names(fm, "aliases")
    suppress = names(fm, "not")
    ambiguous = names(fm, "ambiguous")
    claimed = {name_key(n) for n in (name, *aliases)}
    for alias in ambiguous:
        if name_key(alias) not in claimed:
            fm.warn(
                "D306", "ambiguous", f"'{alias}' is listed as ambiguous but is not a name or alias"
            )
    formerly = tuple(dict.fromkeys(_old_slugs(fm, slug)))
    background = fm.data.get("background", False)
    if not isinstance(background, bool):
        fm.error("D307", "background", "'background' must be true or false")
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
            ambiguous=ambiguous,
            field_lines=tuple(sorted(fm.lines.items())),
            formerly=formerly,
        )
    else:
        within = fm.data.get("within")
        if within is not None and not isinstance(within, str):
            fm.error("D103", "within", "'within' must name one place")
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
            within=within,
            suppress=suppress,
            profile_source=fm.body,
            background=background,
            ambiguous=ambiguous,
            field_lines=tuple(sorted(fm.lines.items())),
            formerly=formerly,
        )
    if fm.errors():
        raise ContentErrors(fm.problems)
    return entity, fm.problems


def load_registries(config: Config) -> tuple[Registry, Registry, list[Diagnostic]]:
    """Both registries of a content folder, and every problem found in them.

    An actor and a place may share a name (Chad the state, Chad the country):
    each front-matter list resolves in its own registry.
    """
    root = config.content_path
    actors, actor_problems = load_registry(os.path.join(root, config.actors_dir), "actors", root)
    places, place_problems = load_registry(os.path.join(root, config.places_dir), "places", root)
    return actors, places, [*actor_problems, *place_problems]


def load_registry(
    folder: str | os.PathLike[str], section: Section, root: str | None = None
) -> tuple[Registry, list[Diagnostic]]:
    """Read every ``*.md`` in ``folder`` into a :class:`Registry`.

    Unreadable or invalid files become diagnostics rather than exceptions,
    so that one run reports every problem; with ``root`` (the content
    folder), a file that links outside it is one of them.
    """
    entities: list[Entity] = []
    problems: list[Diagnostic] = []
    for file in sorted(Path(folder).glob("*.md")):
        shown = display_path(str(file))
        try:
            text = load_text(file, shown, Path(root) if root else None)
            entity, warnings = read_entity(text, shown, section, file.stem)
        except ContentError as exc:
            problems.extend(exc.diagnostics())
            continue
        problems.extend(warnings)
        entities.append(entity)
    registry, clashes = make_registry(section, entities)
    return registry, [*problems, *clashes]
