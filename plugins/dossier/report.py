"""How problems reach the person who runs a build: one log line each; and,
for ``dossier check --format``, as GitHub's workflow commands (an annotation
on the pull request's line) or as JSON records for editors and scripts."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from .codes import CODES
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


# Every hint is written "…; did you mean 'Haftar'?" (registry.py, resolve.py, lint.py).
_SUGGESTION = re.compile(r"did you mean '(.+)'\?$")


def suggestion(diagnostic: Diagnostic) -> str | None:
    """The name or value a problem's message suggests instead, if any."""
    found = _SUGGESTION.search(diagnostic.message)
    return found.group(1) if found else None


def record(diagnostic: Diagnostic) -> dict[str, Any]:
    """A problem as a JSON-ready record (``dossier check --format json``)."""
    return {
        "path": diagnostic.path,
        "line": diagnostic.line or None,
        "column": None,
        "severity": diagnostic.severity,
        "code": diagnostic.code or None,
        "message": diagnostic.message,
        "suggestion": suggestion(diagnostic),
    }


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Every problem as one JSON array of :func:`record` objects."""
    return json.dumps([record(d) for d in diagnostics], ensure_ascii=False, indent=1)


def _escape(text: str, in_property: bool = False) -> str:
    # GitHub's workflow command escapes (its toolkit's escapeData/escapeProperty).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def github_command(diagnostic: Diagnostic) -> str:
    """A problem as GitHub's ``::error``/``::warning`` workflow command, so
    that it shows on the line of the pull request it is about."""
    kind = "error" if diagnostic.severity == "error" else "warning"
    fields = [f"file={_escape(diagnostic.path, True)}"]
    if diagnostic.line:
        fields.append(f"line={diagnostic.line}")
    code = diagnostic.code or "Dossier"
    title = f"{code}: {CODES[code]}" if code in CODES else code
    fields.append(f"title={_escape(title, True)}")
    return f"::{kind} {','.join(fields)}::{_escape(diagnostic.message)}"
