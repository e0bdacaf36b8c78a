"""The per-build list of problems, and the log filter that goes with it."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable

from ..config import display_path
from ..model import Diagnostic

log = logging.getLogger("dossier")


class Collector:
    """Diagnostics of one build, deduplicated and reported sorted."""

    def __init__(self) -> None:
        self._items: set[Diagnostic] = set()

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record problems."""
        self._items.update(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        """Every problem, by file, line and message."""
        return sorted(self._items, key=lambda d: (d.path, d.line, d.severity, d.message))

    def errors(self) -> list[Diagnostic]:
        """The errors only."""
        return [d for d in self.sorted() if d.severity == "error"]

    def failed_paths(self) -> set[str]:
        """Files with at least one error."""
        return {d.path for d in self._items if d.severity == "error"}


class QuietSkips(logging.Filter):
    """Drop Pelican's bare 'Could not process' line for files we reported."""

    def __init__(self, content_path: str, collector: Callable[[], Collector]) -> None:
        super().__init__()
        self._content_path = content_path
        self._collector = collector

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != "Could not process %s" or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        # Pelican names the file relative to the content folder.
        source = display_path(os.path.join(self._content_path, str(args[0])))
        return source not in self._collector().failed_paths()
