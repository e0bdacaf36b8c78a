"""A generated file's bytes, made only when asked, beside what they depend on.

``serve`` compares the ``inputs`` of two runs' files and makes again only
those whose inputs differ; a build makes every one (:func:`made`). Inputs
cover what changes with the briefings; the registries and settings are the
same in any two runs that are compared (see :mod:`dossier.incremental`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LazyFile:
    """A file's inputs (equal inputs make equal bytes) and how to make it."""

    inputs: Any
    make: Callable[[], bytes] = field(compare=False)


def ready(payload: bytes) -> LazyFile:
    """A file whose bytes are already made: they are their own inputs."""
    return LazyFile(payload, lambda: payload)


def made(files: Mapping[str, LazyFile]) -> dict[str, bytes]:
    """Every file's bytes, by path."""
    return {path: file.make() for path, file in files.items()}
