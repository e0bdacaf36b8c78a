"""The stages end to end: ``load → resolve → relate``, one function for every caller.

``dossier check``, ``dossier build``, ``dossier serve`` and stock ``pelican``
all call :func:`run`, and ``serve``'s quick path :func:`assemble` with an
edited corpus; the Pelican glue only adapts its :class:`Result` to Pelican's
reader and generators. Each stage returns its problems as values,
so each problem is reported once because it is produced once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .config import Config
from .load import Corpus, load
from .makers import redirects
from .model import Briefing, Diagnostic
from .relate import Archive, relate
from .resolve import Resolved, resolve


@dataclass(frozen=True)
class Result:
    """What the stages made of a content folder, and every problem they found."""

    config: Config
    corpus: Corpus
    resolved: Resolved
    archive: Archive
    diagnostics: tuple[Diagnostic, ...]
    # The old addresses to write redirect pages at (none that would take a page's place).
    redirects: tuple[redirects.Redirect, ...] = ()

    def failing(self, strict: bool = False) -> bool:
        """True when the build must stop: any error, or with ``strict`` any warning."""
        return any(strict or d.severity == "error" for d in self.diagnostics)

    @cached_property
    def shown(self) -> frozenset[str]:
        """The paths of the briefings the site shows (drafts and scheduled
        briefings only in a preview)."""
        return frozenset(b.path for b in self.archive.briefings)

    @cached_property
    def skipped(self) -> frozenset[str]:
        """Content files left out of the site because of their errors (``--keep-going``)."""
        return frozenset(d.path for d in self.diagnostics if d.severity == "error")


def run(config: Config) -> Result:
    """Read, resolve and relate the content folder of ``config``."""
    return assemble(config, load(config))


def assemble(
    config: Config,
    corpus: Corpus,
    previous: Archive | None = None,
    edited: Iterable[Briefing] = (),
) -> Result:
    """Resolve and relate a corpus as read, and check its redirects; with
    ``previous`` and ``edited``, relate again keeping what the edit cannot
    touch (see :func:`~dossier.relate.relate`)."""
    # Scheduled briefings go out with the first build after their date.
    resolved = resolve(corpus, config.preview, dt.datetime.now(config.timezone))
    archive = relate(resolved, previous, edited)
    moved, problems = redirects.check(archive, corpus.pages, config.urls)
    found = (*corpus.diagnostics, *resolved.diagnostics, *problems)
    return Result(
        config, corpus, resolved, archive, tuple(sorted(found, key=Diagnostic.sort_key)),
        tuple(moved),
    )  # fmt: skip
