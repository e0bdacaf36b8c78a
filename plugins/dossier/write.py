"""Stage 'write': the one writer of every file Dossier makes.

Given a plan (output path -> :class:`~dossier.lazyfile.LazyFile`: what a file
depends on and how to make it) and, optionally, the plan the output folder
was last written from, :func:`emit` makes and writes every entry whose inputs
differ from the last plan's, and removes the files the last plan had and this
one has not: only those, so a file Dossier did not plan is never touched.

Between two processes (``dossier build`` after an earlier build) the last
plan is known only by its stamps (:mod:`dossier.stamps`): :func:`changes`
picks what to write and what to remove, and :func:`emit` writes it.

A write into a folder being built (no previous plan) goes straight to the
file; the build swaps the whole folder in at the end. A write into a live
folder (``live``: ``serve``, or a build updating its output) goes to a
temporary file beside its target and is renamed over it, so a reader never
sees half a file.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import DossierError
from .lazyfile import LazyFile


@dataclass(frozen=True)
class Emitted:
    """What :func:`emit` did: the paths it wrote and the ones it removed."""

    written: tuple[str, ...]
    removed: tuple[str, ...] = ()


def emit(
    plan: Mapping[str, LazyFile],
    root: Path,
    previous: Mapping[str, LazyFile] | None = None,
    stale: Container[str] = (),
    live: bool = False,
) -> Emitted:
    """Write ``plan`` into ``root``: every entry, or with ``previous`` only
    those whose inputs changed (and those in ``stale``, written since by
    other means), removing what ``previous`` had and ``plan`` has not.
    ``live`` (implied by ``previous``): ``root`` is being read, so every
    file is replaced whole."""
    live = live or previous is not None
    written = []
    for path, entry in plan.items():
        if previous is not None and path not in stale and previous.get(path) == entry:
            continue
        write_file(root, path, entry.make(), atomic=live)
        written.append(path)
    removed = [path for path in previous or () if path not in plan]
    remove(root, removed)
    return Emitted(tuple(written), tuple(removed))


def changes(
    plan: Mapping[str, LazyFile],
    root: Path,
    stamps: Mapping[str, str | None],
    last: Mapping[str, str | None],
) -> tuple[dict[str, LazyFile], tuple[str, ...]]:
    """Against the stamps of the build that last wrote ``root`` (``last``),
    the entries of ``plan`` to write (their stamp changed or is None, or
    their file is gone) and the paths to remove (planned then, not now)."""
    top = os.fspath(root)
    todo = {
        path: entry
        for path, entry in plan.items()
        if stamps.get(path) is None
        or last.get(path) != stamps[path]
        # (only looked at: the writer checks every path it writes)
        or not os.path.isfile(os.path.join(top, path))
    }
    return todo, tuple(path for path in last if path not in plan)


def remove(root: Path, paths: Iterable[str]) -> None:
    """Remove these planned files from ``root`` (those already gone are
    fine), and the folders that held only them."""
    top = Path(os.path.normpath(root))
    for path in paths:
        target = _target(root, path)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != top and top in folder.parents:
            try:
                folder.rmdir()  # only when empty: anything else in it stays
            except OSError:
                break
            folder = folder.parent


def write_file(root: Path, path: str, payload: bytes, atomic: bool = True) -> None:
    """Write ``payload`` at ``path`` under ``root`` (folders made as needed);
    ``atomic``: through a temporary file renamed over the target."""
    target = _target(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not atomic:
        target.write_bytes(payload)
        return
    staging = target.with_name(f".{target.name}.{os.getpid()}.new")
    staging.write_bytes(payload)
    staging.replace(target)


def _target(root: Path, path: str) -> Path:
    # Every planned path comes from the URL settings, which keep it inside the
    # output folder; this is the last guard, never a user's mistake.
    target = Path(os.path.normpath(root / path))
    if os.path.commonpath([target, os.path.normpath(root)]) != os.path.normpath(root):
        raise DossierError(f"refusing to write outside the output folder: {path}")
    return target
