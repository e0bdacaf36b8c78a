"""Pelican reader for Markdown with YAML front-matter (registered at readers_init)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from markupsafe import escape
from pelican.readers import BaseReader

from ..config import display_path
from ..errors import DossierError
from ..read import load_text, read_briefing, read_page
from .state import state


class DossierReader(BaseReader):  # type: ignore[misc]
    """Reads briefings (and free pages) into Pelican metadata.

    The validated :class:`~dossier.model.Briefing` rides along in the
    metadata as ``briefing``, so the theme and the generator use our typed
    record rather than Pelican's loosely typed attributes.
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the rendered body and Pelican metadata for one file."""
        build = state(self.settings)
        config = build.config
        shown = display_path(source_path)
        found = build.diagnostics
        try:
            raw = load_text(Path(source_path), shown)
            stem = Path(source_path).stem
            if config.is_page(source_path):
                page, warnings = read_page(raw, shown, stem)
                found.extend(warnings)
                return page.body_html, {
                    "title": page.title,
                    "slug": page.slug,
                    "record": page,
                    "summary": str(escape(page.summary)),
                    "status": "skip" if page.status == "draft" else "published",
                }
            briefing, warnings = read_briefing(raw, shown, stem, config.timezone, build.linker())
        except DossierError as exc:
            found.extend(exc.diagnostics())
            raise
        found.extend(warnings)
        metadata: dict[str, Any] = {
            "title": briefing.title,
            "date": briefing.date,
            "slug": briefing.slug,
            # Drafts are skipped outright: Pelican then never lists, writes or
            # feeds them (its own draft pages are not wanted either).
            "status": "skip" if briefing.status == "draft" else "published",
            # Pelican treats a summary as HTML (feeds, its own themes): ours is
            # text, so it goes in escaped.
            "summary": str(escape(briefing.summary)),
            "briefing": briefing,
        }
        if briefing.updated is not None:
            metadata["modified"] = briefing.updated
        return briefing.body_html, metadata
