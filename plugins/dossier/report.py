"""How problems reach the person who runs a build: one log line each."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .model import Diagnostic

log = logging.getLogger("dossier")


def tally(diagnostics: Iterable[Diagnostic]) -> str:
    """'2 error(s), 1 warning(s)'."""
    severities = [d.severity for d in diagnostics]
    errors = severities.count("error")
    return f"{errors} error(s), {len(severities) - errors} warning(s)"


def report(diagnostics: Iterable[Diagnostic]) -> None:
    """Log each problem as ``path:line: severity: message``, in the order given."""
    for item in diagnostics:
        (log.error if item.severity == "error" else log.warning)("%s", item)
