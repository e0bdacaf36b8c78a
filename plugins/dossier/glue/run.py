"""One Pelican run's own state, kept beside its settings, never in them.

Pelican hands readers and generators nothing of the run they belong to but
its settings mapping. What Dossier keeps for a run (the pipeline's result,
the progress display, when rendering began, and the two generators ``serve``
reuses) is a :class:`Run`, found by the identity of that mapping: the
settings stay settings. ``dossier build`` opens a run before Pelican starts
(:func:`begin`, with the result it computed and its progress display) and
closes it after (:func:`end`); a run of stock ``pelican`` is opened at
``get_generators`` and closed at ``finalized``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import DossierError
from ..makers.placemap import Maps
from ..pipeline import Result
from ..progress import Lines, Progress
from ..stamps import Last, Stamps
from ..write import Emitted


@dataclass
class Run:
    """What one Pelican run of Dossier keeps."""

    # The pipeline's result: computed by the caller (``dossier build``) or at
    # ``get_generators``; serve's quick path replaces it after an edit.
    result: Result | None = None
    progress: Progress | None = None
    render_started: float = 0.0
    # Pelican's briefings generator and ours, with their contexts, for serve.
    articles: Any = None
    pages: Any = None
    # Opened by the command line, which closes it once it has what it needs.
    held: bool = False
    # The stamps of the build that last wrote the output folder, when this
    # run updates it in place (``dossier build``'s weekly update); None: a
    # clean build into an empty folder.
    last: Last | None = None
    # This run's stamps (made while writing), and what it wrote.
    stamps: Stamps | None = None
    emitted: Emitted | None = None
    planned: int = 0
    # The search index's shards: each one's pages (output paths), and the
    # digest of what the index reads of each page.
    shards: dict[str, tuple[str, ...]] = field(default_factory=dict)
    searched: Stamps = field(default_factory=dict)
    # The site's maps, worked out once for every page that shows one.
    maps: Maps | None = None


# Each open run, with the settings mapping it belongs to (compared by identity).
_OPEN: dict[int, tuple[Mapping[str, Any], Run]] = {}


def begin(settings: Mapping[str, Any], result: Result | None = None,
          progress: Progress | None = None, last: Last | None = None) -> Run:  # fmt: skip
    """Open the run of ``settings``, kept until :func:`end`, for a caller
    that runs Pelican itself with a result already computed (and, to
    update the output in place, the ``last`` build's stamps)."""
    run = Run(result=result, progress=progress, held=True, last=last)
    _OPEN[id(settings)] = (settings, run)
    return run


def of(settings: Mapping[str, Any]) -> Run:
    """The run ``settings`` belong to, opened now if none is (stock ``pelican``)."""
    found = _OPEN.get(id(settings))
    if found is None or found[0] is not settings:
        found = (settings, Run())
        _OPEN[id(settings)] = found
    return found[1]


def end(settings: Mapping[str, Any]) -> Run | None:
    """Close the run of ``settings``; what it kept, if it was open."""
    found = _OPEN.pop(id(settings), None)
    return found[1] if found is not None and found[0] is settings else None


def current(settings: Mapping[str, Any]) -> Result:
    """The pipeline result of the run these settings belong to."""
    found = _OPEN.get(id(settings))
    if found is None or found[0] is not settings or found[1].result is None:
        raise DossierError("Dossier's pipeline has not run: is 'dossier' in PLUGINS?")
    return found[1].result


def progress_of(settings: Mapping[str, Any]) -> Progress:
    """The run's progress display (plain lines when Pelican runs without ``dossier``)."""
    return of(settings).progress or Lines()
