"""Stage 1, read, for a whole content folder: ``load(config) -> Corpus``.

The registries are read first, because the mention linker is built from
them and every briefing body is linked as it is parsed. Every file's
problems are collected; a file that cannot be read is left out of the
corpus and reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from . import markup
from .config import Config, display_path
from .errors import ContentError
from .link import ENV_KEY, Linker, LinkState
from .model import Briefing, Diagnostic, Entity, Page
from .read import load_text, read_briefing, read_page
from .registry import Registry, load_registries

R = TypeVar("R")


@dataclass(frozen=True)
class Corpus:
    """Everything in the content folder, as read: nothing resolved yet.

    ``briefings`` and ``pages`` hold every file that could be read (drafts
    included), in path order; ``files`` maps each one's displayed path to
    its record.
    """

    actors: Registry
    places: Registry
    briefings: tuple[Briefing, ...]
    pages: tuple[Page, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: Mapping[str, Briefing | Page] = field(default_factory=dict)


def markdown_files(root: str, folders: tuple[str, ...]) -> list[Path]:
    """Every ``.md`` file under the given content folders, sorted."""
    found: set[Path] = set()
    for folder in folders:
        found.update(Path(root, folder).rglob("*.md"))
    return sorted(found)


def strays(root: str, folders: tuple[str, ...]) -> list[Diagnostic]:
    """A warning for each file the build will not read: anything but Markdown."""
    problems = []
    for folder in folders:
        for path in sorted(Path(root, folder).rglob("*")):
            if path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
                problems.append(
                    Diagnostic(
                        display_path(str(path)),
                        0,
                        "warning",
                        "not a .md file: the build ignores it",
                    )
                )
    return problems


def read_all(
    files: list[Path], read: Callable[[str, str, str], tuple[R, list[Diagnostic]]], root: Path
) -> tuple[dict[str, R], list[Diagnostic]]:
    """Each file read with ``read(text, shown_path, stem)``, by shown path, and
    every problem; a file that cannot be read, or that lies outside ``root``
    through a link, is reported and left out."""
    records: dict[str, R] = {}
    problems: list[Diagnostic] = []
    for file in files:
        shown = display_path(str(file))
        try:
            record, warnings = read(load_text(file, shown, root), shown, file.stem)
        except ContentError as exc:
            problems += exc.diagnostics()
            continue
        problems += warnings
        records[shown] = record
    return records, problems


def linked_profile(entity: Entity, linker: Linker) -> Entity:
    """The entity with its profile rendered again, mentions linked (never to itself)."""
    if not entity.profile_source.strip():
        return entity
    links = LinkState(linker, linked={entity.key})
    tokens = markup.parse(entity.profile_source, {ENV_KEY: links})
    return replace(entity, profile_html=markup.render(tokens))


def load(config: Config) -> Corpus:
    """Read the registries, then every briefing and page, linking mentions."""
    root = config.content_path
    actors, places, problems = load_registries(config)
    linker = Linker([*actors.entities.values(), *places.entities.values()], config.urls.href)
    actors, places = (r.replaced(lambda e: linked_profile(e, linker)) for r in (actors, places))
    briefings, briefing_problems = read_all(
        markdown_files(root, config.briefing_dirs),
        lambda text, shown, stem: read_briefing(text, shown, stem, config.timezone, linker),
        Path(root),
    )
    pages, page_problems = read_all(
        markdown_files(root, config.page_dirs),
        lambda text, shown, stem: read_page(text, shown, stem, config.urls.reserved),
        Path(root),
    )
    folders = (*config.briefing_dirs, *config.page_dirs, config.actors_dir, config.places_dir)
    found = (*problems, *briefing_problems, *page_problems, *strays(root, folders))
    files: dict[str, Briefing | Page] = {**briefings, **pages}
    return Corpus(actors, places, tuple(briefings.values()), tuple(pages.values()), found, files)
