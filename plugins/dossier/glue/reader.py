"""Pelican reader for ``.md`` files: hands Pelican what the pipeline read.

The pipeline has already read, validated and linked every file; the reader
looks the file up in the run's :class:`~dossier.pipeline.Result` and turns
the record into Pelican metadata. The typed record rides along as
``briefing`` (or ``record`` for a page), so that templates use it rather than
Pelican's loosely typed attributes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from markupsafe import escape
from pelican.readers import BaseReader

from ..config import display_path
from ..model import Briefing
from .run import current

# Pelican's own status for "leave this file out": no page, no list, no feed,
# and no log line.
SKIP: dict[str, Any] = {"status": "skip"}


class DossierReader(BaseReader):  # type: ignore[misc]
    """Reads briefings (and free pages) from the pipeline's corpus."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the rendered body and Pelican metadata for one file."""
        result = current(self.settings)
        shown = display_path(source_path)
        record = result.corpus.files.get(shown)
        # A file with errors reaches Pelican only with --keep-going: it is
        # skipped, and the build lists it. A briefing that shares its slug
        # with another is left out the same way, as are drafts and scheduled
        # briefings (but in a preview).
        if record is None or shown in result.skipped:
            return "", dict(SKIP)
        if (
            record.path not in result.shown
            if isinstance(record, Briefing)
            else (record.status == "draft")
        ):
            return "", dict(SKIP)
        metadata: dict[str, Any] = {
            "title": record.title,
            "slug": record.slug,
            "status": "published",
            # Pelican treats a summary as HTML (feeds, its own themes): ours is
            # text, so it goes in escaped.
            "summary": str(escape(record.summary)),
        }
        # Dossier writes every page from its plan; Pelican's documented way to
        # have it write none for a file it read is an empty save_as. Its
        # address is the one Dossier links to, from the same *_URL setting,
        # given as Pelican's own override: worked out once, here, not each
        # time Pelican or a template asks.
        metadata["save_as"] = ""
        metadata["url"] = result.config.urls.url(record)
        if isinstance(record, Briefing):
            metadata["date"] = record.date
            metadata["briefing"] = record
            if record.updated is not None:
                metadata["modified"] = record.updated
        return record.body_html, metadata
