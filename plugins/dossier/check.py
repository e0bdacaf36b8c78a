"""``check``: every problem in the content folder, at once.

The same pipeline as the build (:func:`dossier.pipeline.run`), without
Pelican and without writing anything, plus the authoring hints that only
``check`` gives (:mod:`dossier.lint`).
"""

from __future__ import annotations

import datetime as dt

from .config import Config
from .lint import (
    future_dates,
    map_region,
    missing_coordinates,
    template_text,
    untagged_mentions,
    unusual_kinds,
)
from .model import Diagnostic
from .pipeline import run


def check_content(config: Config, today: dt.date | None = None) -> list[Diagnostic]:
    """Every problem in the content folder, sorted by file and line.

    ``today`` (default: today in the site's time zone) is when "in the
    future" starts.
    """
    result = run(config)
    today = today or dt.datetime.now(config.timezone).date()
    hints = [
        *untagged_mentions(result.archive),
        *future_dates(result.resolved.scheduled, today),
        *map_region(result.archive, config.site.map_region, config.settings_file),
        *missing_coordinates(result.corpus.places.entities.values()),
        *unusual_kinds(result.archive),
        *template_text(result.archive),
    ]
    return sorted([*result.diagnostics, *hints], key=Diagnostic.sort_key)
