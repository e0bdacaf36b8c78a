"""Authoring hints across files, which ``dossier check`` adds to the build's problems."""

from __future__ import annotations

from .model import NOUN, SECTIONS, Diagnostic
from .relate import Archive


def untagged_mentions(archive: Archive) -> list[Diagnostic]:
    """A warning for each registry entity a briefing names but does not list."""
    problems: list[Diagnostic] = []
    for briefing in archive.briefings:
        listed = {
            e.key for e in (*archive.actors_of[briefing.slug], *archive.places_of[briefing.slug])
        }
        for key, line in briefing.mention_lines:
            if key in listed:
                continue
            section = next(s for s in SECTIONS if key.startswith(f"{s}/"))
            entity = archive.listings(section)[key.removeprefix(f"{section}/")].entity
            problems.append(
                Diagnostic(
                    briefing.path,
                    line,
                    "warning",
                    f"{NOUN[section]} '{entity.name}' is mentioned but not listed in '{section}'",
                )
            )
    return problems
