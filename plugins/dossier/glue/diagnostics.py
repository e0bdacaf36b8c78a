"""The per-build list of problems, shared by the reader and the generator.

Pelican hands every reader and generator the same settings dictionary, so the
collector lives there under one private key: no module-level state survives
from one build to the next.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, MutableMapping
from typing import Any

from ..config import display_path
from ..model import Diagnostic

KEY = "DOSSIER_DIAGNOSTICS"
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
        return sorted(
            self._items, key=lambda d: (d.path, d.line, d.severity, d.message)
        )

    def errors(self) -> list[Diagnostic]:
        """The errors only."""
        return [d for d in self.sorted() if d.severity == "error"]

    def failed_paths(self) -> set[str]:
        """Files with at least one error."""
        return {d.path for d in self._items if d.severity == "error"}


def collector(settings: MutableMapping[str, Any]) -> Collector:
    """The collector of the build these settings belong to."""
    found = settings.get(KEY)
    if not isinstance(found, Collector):
        found = Collector()
        settings[KEY] = found
    return found


class QuietSkips(logging.Filter):
    """Drop Pelican's bare 'Could not process' line for files we reported."""

    def __init__(self, settings: MutableMapping[str, Any]) -> None:
        super().__init__()
        self._settings = settings

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != "Could not process %s" or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        # Pelican names the file relative to the content folder.
        source = os.path.join(str(self._settings.get("PATH", "")), str(args[0]))
        return display_path(source) not in collector(self._settings).failed_paths()
