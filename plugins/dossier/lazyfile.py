"""A generated file's bytes, made only when asked, beside what they depend on.

``serve`` compares the ``inputs`` of two runs' files and makes again only
those whose inputs differ; ``dossier build`` compares their digests with the
last build's (:mod:`dossier.stamps`); a clean build makes every one. Inputs
cover what changes with the briefings; the registries, settings and theme
are the same in any two runs that are compared (see
:mod:`dossier.incremental`, :func:`dossier.stamps.site_key`).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
# Each file's parts (a record, some rows) by the id of the briefing or listing
# they come from, kept with it so that the id stays its own: serve makes a
# file again after an edit from the parts of what the edit did not touch.
Memo = dict[str, dict[int, tuple[object, bytes]]]


@dataclass(frozen=True)
class LazyFile:
    """A file's inputs (equal inputs make equal bytes) and how to make it;
    for a page the search index reads, ``indexed``: the part of its inputs
    that what is indexed depends on, where that is less than all of them
    (a briefing's neighbours and related briefings are not indexed)."""

    inputs: Any
    make: Callable[[], bytes] = field(compare=False)
    indexed: Any = field(default=None, compare=False)


def ready(payload: bytes) -> LazyFile:
    """A file whose bytes are already made: they are their own inputs."""
    return LazyFile(payload, lambda: payload)


def made(files: Mapping[str, LazyFile]) -> dict[str, bytes]:
    """Every file's bytes, by path."""
    return {path: file.make() for path, file in files.items()}


def parts(
    memo: Memo | None, name: str, items: Iterable[T], make: Callable[[T], bytes]
) -> list[bytes]:
    """``make(item)`` for each item, taking the parts of the very same
    objects from ``memo[name]`` (and keeping this run's there)."""
    if memo is None:
        return [make(item) for item in items]
    known = memo.get(name, {})
    kept: dict[int, tuple[object, bytes]] = {}
    made_parts = []
    for item in items:
        hit = known.get(id(item))
        if hit is None or hit[0] is not item:
            hit = (item, make(item))
        kept[id(item)] = hit
        made_parts.append(hit[1])
    memo[name] = kept
    return made_parts


# Level 4 of 9: at 10,000 briefings the data files take 0.3 s to compress
# (level 6: 0.7 s, 11 % smaller), and every build writes them again.
GZIP_LEVEL = 4


def gzipped(files: Mapping[str, LazyFile]) -> dict[str, LazyFile]:
    """Each file compressed, at its path with ``.gz`` added: a gzip stream
    with no name and no time in it, so two builds write the same bytes."""

    def compressed(file: LazyFile) -> LazyFile:
        return LazyFile(
            file.inputs, lambda: gzip.compress(file.make(), compresslevel=GZIP_LEVEL, mtime=0)
        )

    return {f"{path}.gz": compressed(file) for path, file in files.items()}
