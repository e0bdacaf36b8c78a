"""``check``: every problem in the content folder, at once.

The same pipeline as the build (:func:`dossier.pipeline.run`), without
Pelican and without writing anything, plus the authoring hints that only
``check`` gives (:mod:`dossier.lint`).
"""

from __future__ import annotations

from .config import Config
from .lint import untagged_mentions
from .model import Diagnostic
from .pipeline import run


def check_content(config: Config) -> list[Diagnostic]:
    """Every problem in the content folder, sorted by file and line."""
    result = run(config)
    return sorted(
        [*result.diagnostics, *untagged_mentions(result.archive)], key=Diagnostic.sort_key
    )
