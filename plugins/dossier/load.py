"""Stage 1, read, for a whole content folder: ``load(config) -> Corpus``.

The registries are read first, because the mention linker is built from
them and every briefing body is linked as it is parsed. Every file's
problems are collected; a file that cannot be read is left out of the
corpus and reported, never dropped silently.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from . import markup
from .cache import ReadCache, cache_key, digest
from .config import Config, display_path
from .errors import ContentError
from .link import ENV_KEY, Linker, LinkState
from .model import Briefing, Diagnostic, Entity, Page
from .processes import can_fork, cpus
from .read import load_text, read_briefing, read_page, real_folder
from .read import outside as outside_message
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
    # Briefings taken from the read cache, not read again: how, not what.
    cached: int = field(default=0, compare=False)
    # Each briefing's shown path -> the digest of the text it was read from
    # (under the read cache's key): what the record is a function of.
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)


def markdown_files(root: str, folders: tuple[str, ...]) -> list[Path]:
    """Every ``.md`` file under the given content folders, sorted."""
    found: set[Path] = set()
    for folder in folders:
        found.update(Path(root, folder).rglob("*.md"))
    return sorted(found)


def strays(root: str, folders: tuple[str, ...]) -> list[Diagnostic]:
    """A warning for each file the build will not read: anything but Markdown;
    and for a linked folder, which is never followed (an error when it leads
    outside the content folder)."""
    problems = []
    inside = real_folder(Path(root))
    for folder in folders:
        for path in sorted(Path(root, folder).rglob("*")):
            if path.is_symlink() and path.is_dir():
                target = path.resolve()
                outside = not target.is_relative_to(inside)
                problems.append(
                    Diagnostic(
                        display_path(str(path)),
                        0,
                        "error" if outside else "warning",
                        outside_message(target)
                        if outside
                        else f"links to the folder {target}: links to folders are not followed",
                        "D004",
                    )
                )
            elif path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
                problems.append(
                    Diagnostic(
                        display_path(str(path)),
                        0,
                        "warning",
                        "not a .md file: the build ignores it",
                        "D005",
                    )
                )
    return problems


Reader = Callable[[str, str, str], tuple[R, list[Diagnostic]]]
Outcome = tuple[str, "R | None", list[Diagnostic]]

# Below this many files a worker process costs more than it saves.
PARALLEL_FROM = 400


def read_all(
    files: list[Path], read: Reader[R], root: Path, workers: int | None = None
) -> tuple[dict[str, R], list[Diagnostic]]:
    """Each file read with ``read(text, shown_path, stem)``, by shown path, and
    every problem; a file that cannot be read, or that lies outside ``root``
    through a link, is reported and left out.

    Large folders are read on every core (``workers``, default: the CPUs
    this process may use), in file order all the same.
    """
    workers = workers or cpus()
    outcomes: list[Outcome[R]] | None = None
    if workers > 1 and len(files) >= PARALLEL_FROM and can_fork():
        try:
            outcomes = _read_in_workers(files, read, root, workers)
        except OSError:  # no process to spare: read here, one after the other
            outcomes = None
    if outcomes is None:
        outcomes = [_read_one(file, read, root) for file in files]
    records: dict[str, R] = {}
    problems: list[Diagnostic] = []
    for shown, record, found in outcomes:
        problems += found
        if record is not None:
            records[shown] = record
    return records, problems


def _read_one(file: Path, read: Reader[R], root: Path) -> Outcome[R]:
    shown = display_path(str(file))
    try:
        record, warnings = read(load_text(file, shown, root), shown, file.stem)
    except ContentError as exc:
        return shown, None, exc.diagnostics()
    return shown, record, warnings


# What the forked workers read with: set just before the fork, inherited by
# the children (a linker holds compiled patterns and closures, which need not
# be pickled this way), cleared after.
_JOB: tuple[Reader[Any], Path] | None = None


def _read_chunk(files: list[Path]) -> list[Outcome[Any]]:
    if _JOB is None:  # only a pool forked by _read_in_workers calls this
        raise RuntimeError("_read_chunk outside a reading pool")
    read, root = _JOB
    return [_read_one(file, read, root) for file in files]


def _read_in_workers(
    files: list[Path], read: Reader[R], root: Path, workers: int
) -> list[Outcome[R]]:
    global _JOB
    size = max(50, len(files) // (workers * 8))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    _JOB = (read, root)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return [outcome for part in pool.imap(_read_chunk, chunks) for outcome in part]
    finally:
        _JOB = None


def linked_profile(entity: Entity, linker: Linker) -> Entity:
    """The entity with its profile rendered again, mentions linked (never to itself)."""
    if not entity.profile_source.strip():
        return entity
    links = LinkState(linker, linked={entity.key})
    tokens = markup.parse(entity.profile_source, {ENV_KEY: links})
    return replace(entity, profile_html=markup.render(tokens))


def make_linker(config: Config, entities: list[Entity]) -> Linker:
    """The mention linker of a build: links to entity pages that name their cards."""
    return Linker(entities, config.urls.href, config.urls.card_href)


def load(config: Config) -> Corpus:
    """Read the registries, then every briefing and page, linking mentions;
    briefings whose text is unchanged come from the read cache."""
    root = config.content_path
    real_folder.cache_clear()  # folders may have become links since the last run
    actors, places, problems = load_registries(config)
    entities = [*actors.entities.values(), *places.entities.values()]
    linker = make_linker(config, entities)
    actors, places = (r.replaced(lambda e: linked_profile(e, linker)) for r in (actors, places))
    cache = ReadCache.open(
        Path(config.cache_dir) if config.cache_dir else None,
        cache_key(entities, linker.attrs, str(config.timezone)),
    )

    def read(text: str, shown: str, stem: str) -> tuple[Cached, list[Diagnostic]]:
        text_digest = digest(text)
        found = cache.get(shown, text_digest)
        if found is not None:
            return (found[0], text_digest, True, found[1]), found[1]
        briefing, warnings = read_briefing(text, shown, stem, config.timezone, linker)
        return (briefing, text_digest, False, warnings), warnings

    # Each file by the path shown to the user, in path order.
    named = {display_path(str(f)): f for f in markdown_files(root, config.briefing_dirs)}
    # Hits are taken here, in this process: handing 10,000 cached briefings
    # back from worker processes would cost more than it saves.
    taken, rest = _from_cache(named, cache, Path(root))
    read_briefings, briefing_problems = read_all(rest, read, Path(root))
    found_all = {**taken, **read_briefings}
    briefings: dict[str, Briefing] = {}
    texts: dict[str, str] = {}
    for shown in named:
        if shown in found_all:
            briefing, text_digest, hit, warnings = found_all[shown]
            cache.keep(shown, text_digest, briefing, warnings, hit)
            briefings[shown] = briefing
            texts[shown] = f"{cache.key}:{shown}:{text_digest}"
    briefing_problems += [w for _, _, _, warnings in taken.values() for w in warnings]
    # Written while the build goes on, where a process can be forked beside this one.
    cache.save(background=cpus() > 1 and can_fork())
    pages, page_problems = read_all(
        markdown_files(root, config.page_dirs),
        lambda text, shown, stem: read_page(text, shown, stem, config.urls.reserved),
        Path(root),
    )
    folders = (*config.briefing_dirs, *config.page_dirs, config.actors_dir, config.places_dir)
    found = (*problems, *briefing_problems, *page_problems, *strays(root, folders))
    files: dict[str, Briefing | Page] = {**briefings, **pages}
    return Corpus(actors, places, tuple(briefings.values()), tuple(pages.values()), found, files,
                  cached=cache.hits, texts=texts)  # fmt: skip


# A briefing as read (or taken from the cache): the record, its text's
# digest, whether it was a cache hit, and its warnings.
Cached = tuple[Briefing, str, bool, list[Diagnostic]]


def _from_cache(
    named: Mapping[str, Path], cache: ReadCache, root: Path
) -> tuple[dict[str, Cached], list[Path]]:
    """The briefings the cache holds for these very texts, and the files to read
    (``named``: each file by its shown path)."""
    taken: dict[str, Cached] = {}
    rest: list[Path] = []
    for shown, file in named.items():
        if not cache.has(shown):
            rest.append(file)
            continue
        try:
            text = load_text(file, shown, root)
        except ContentError:
            rest.append(file)  # read_all reports it
            continue
        text_digest = digest(text)
        found = cache.get(shown, text_digest)
        if found is None:
            rest.append(file)
        else:
            taken[shown] = (found[0], text_digest, True, found[1])
    return taken, rest
